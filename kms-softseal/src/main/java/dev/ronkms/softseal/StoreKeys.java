package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Where a store key comes from: a {@link KeyringSealer.Builder} loaded with the key versions of
 * a key file, of an environment variable, or of a passphrase through Argon2id. The caller picks
 * the algorithm and anti-rollback policy on the builder and calls {@code build()}, which
 * zeroises the builder's copies of the keys.
 *
 * <p><b>Key file</b> (format 1, UTF-8 text, at most 64 KiB; {@link KeyFiles} reads and writes
 * it):
 * <pre>
 * # comments and blank lines are ignored
 * ron-kms-store-keys 1
 * v1 &lt;standard Base64 of 32 bytes&gt; disabled
 * v2 &lt;standard Base64 of 32 bytes&gt;
 * </pre>
 * The first other line is the format line; then one line per version, numbered from 1 without
 * gaps, optionally marked {@code disabled}. On a POSIX file system the file must not be
 * readable, writable or executable by group or others ({@code chmod 600}).
 * {@link #generateKeyFile} writes a new one with a random v1, and {@link #addKeyFileVersion}
 * rotates, each atomically and with mode 0600.
 *
 * <p><b>Environment variable</b>: the standard Base64 of one 32-byte key (v1), for example in
 * {@value #DEFAULT_ENVIRONMENT_VARIABLE}. A Java string cannot be cleared, so this form leaves
 * copies in the heap the others do not.
 *
 * <p><b>Passphrase</b>: v1 = Argon2id v1.3 (RFC 9106) of the passphrase's UTF-8 bytes under
 * {@link PassphraseParameters}, 32 bytes, no secret or associated data. Needs Bouncy Castle
 * ({@code org.bouncycastle:bcprov-jdk18on}), an optional dependency of this module: without it
 * the call fails with {@code NO_PROVIDER}, and the other two sources work as before.
 *
 * <p>Guarantees: every failure is a {@link KmsException} (a missing or unreadable source or
 * parameters out of range {@code INVALID_ARGUMENT}, a bad permission {@code INVALID_ARGUMENT},
 * content that is not keys {@code MALFORMED_KEY}, an existing file {@code KEY_EXISTS}, no Bouncy
 * Castle {@code NO_PROVIDER}, an I/O failure {@code BACKEND_FAILURE}); no message contains key
 * bytes, a line of a key file, a variable's value or a passphrase; every byte array that held key
 * material or passphrase bytes is zeroised before the call returns.
 */
public final class StoreKeys {
  /** The environment variable the project's tools read a store key from by convention. */
  public static final String DEFAULT_ENVIRONMENT_VARIABLE = "RON_KMS_STORE_KEY";
  /** The length of every store key, in bytes. */
  public static final int KEY_LENGTH = 32;

  private StoreKeys() {}

  /**
   * A builder holding every version of the key file {@code file}, with its disabled marks.
   *
   * @param file the file
   * @param reference the key reference written in every envelope
   * @return a builder holding every version of the key file {@code file}, with its disabled marks
   * @throws KmsException {@code INVALID_ARGUMENT} for a missing file or one that group or others
   *     may access; {@code MALFORMED_KEY} for content that is not format 1 (the message names
   *     the line number, never its text)
   */
  public static KeyringSealer.Builder fromKeyFile(Path file, String reference) {
    KeyringSealer.Builder builder = KeyringSealer.builder(reference);
    KeyFiles.Versions versions = KeyFiles.read(file);
    try {
      for (byte[] key : versions.keys()) {
        builder.addVersion(key);
      }
      versions.disabled().forEach(builder::disable);
      return builder;
    } finally {
      versions.zeroise();
    }
  }

  /**
   * Writes a new key file at {@code file} holding one random version, v1, with mode 0600 on
   * POSIX file systems. Atomic: the file appears whole or not at all, and an existing file is
   * never replaced.
   *
   * @param file the file
   * @throws KmsException {@code KEY_EXISTS} when {@code file} exists
   */
  public static void generateKeyFile(Path file) {
    KeyFiles.create(file);
  }

  /**
   * Rotates the key file: appends a random version after the newest, atomically (the old file
   * is replaced whole), keeping mode 0600. A keyring built from the file then seals with the new
   * version and still opens the older versions' envelopes.
   *
   * @param file the file
   * @return the new version's number
   * @throws KmsException as {@link #fromKeyFile}
   */
  public static int addKeyFileVersion(Path file) {
    return KeyFiles.addVersion(file);
  }

  /**
   * {@link #fromEnvironment(String, String, Map)} on the process environment.
   *
   * @param variable the name of the environment variable
   * @param reference the key reference written in every envelope
   * @return {@link #fromEnvironment(String, String, Map)} on the process environment
   */
  public static KeyringSealer.Builder fromEnvironment(String variable, String reference) {
    return fromEnvironment(variable, reference, System.getenv());
  }

  /**
   * A builder whose v1 is the key in {@code environment.get(variable)}: standard Base64 of 32
   * bytes (surrounding white space is ignored).
   *
   * @param variable the name of the environment variable
   * @param reference the key reference written in every envelope
   * @param environment the environment variables to read
   * @return a builder whose v1 is the key in {@code environment.get(variable)}: standard Base64 of
   *     32 bytes (surrounding white space is ignored)
   * @throws KmsException {@code INVALID_ARGUMENT} when the variable is unset or empty,
   *     {@code MALFORMED_KEY} when it is not the Base64 of 32 bytes
   */
  public static KeyringSealer.Builder fromEnvironment(String variable, String reference,
      Map<String, String> environment) {
    if (variable == null || environment == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a variable name and an environment"
          + " are required");
    }
    KeyringSealer.Builder builder = KeyringSealer.builder(reference);
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the environment variable " + variable
          + " holding the store key is not set");
    }
    byte[] key = decodeKey(value.strip().getBytes(StandardCharsets.US_ASCII));
    if (key == null) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "the environment variable " + variable
          + " does not hold the Base64 of a " + KEY_LENGTH + "-byte store key");
    }
    try {
      return builder.addVersion(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * A builder whose v1 is Argon2id of {@code passphrase} under {@code parameters}. The
   * passphrase's UTF-8 bytes and the derived key are zeroised before this returns; the caller's
   * array is left as it is, for the caller to clear (as with {@code PBEKeySpec}). The
   * passphrase is used as given: no Unicode normalisation.
   *
   * @param passphrase the passphrase
   * @param parameters the parameters
   * @param reference the key reference written in every envelope
   * @return a builder whose v1 is Argon2id of {@code passphrase} under {@code parameters}
   * @throws KmsException {@code INVALID_ARGUMENT} for a null or empty passphrase, or one that
   *     is not valid UTF-16 (an unpaired surrogate); {@code NO_PROVIDER} without Bouncy Castle
   */
  public static KeyringSealer.Builder fromPassphrase(char[] passphrase,
      PassphraseParameters parameters, String reference) {
    if (passphrase == null || passphrase.length == 0 || parameters == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a passphrase (not empty) and its"
          + " Argon2id parameters are required");
    }
    KeyringSealer.Builder builder = KeyringSealer.builder(reference);
    requireBouncyCastle();
    byte[] password = utf8(passphrase);
    byte[] key = null;
    try {
      key = Argon2id.derive(password, parameters.salt(), parameters.memoryKiB(),
          parameters.iterations(), parameters.parallelism(), null, null, KEY_LENGTH);
      return builder.addVersion(key);
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "Argon2id failed: "
          + e.getClass().getName());
    } finally {
      Arrays.fill(password, (byte) 0);
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  /** Decodes standard Base64 of exactly {@link #KEY_LENGTH} bytes; null otherwise. */
  static byte[] decodeKey(byte[] base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    } finally {
      Arrays.fill(base64, (byte) 0);
    }
    if (key.length != KEY_LENGTH) {
      Arrays.fill(key, (byte) 0);
      return null;
    }
    return key;
  }

  private static void requireBouncyCastle() {
    try {
      Class.forName(Argon2id.GENERATOR_CLASS, false, StoreKeys.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new KmsException(ErrorCode.NO_PROVIDER, "deriving a store key from a passphrase"
          + " (Argon2id) needs Bouncy Castle: add org.bouncycastle:bcprov-jdk18on to the class"
          + " path, or to the module path with module org.bouncycastle.provider resolved");
    }
  }

  /** The UTF-8 bytes of {@code chars}; the encoder's buffer is zeroised. */
  private static byte[] utf8(char[] chars) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer;
    try {
      buffer = encoder.encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the passphrase is not valid UTF-16"
          + " (an unpaired surrogate)");
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    Arrays.fill(buffer.array(), (byte) 0);
    return out;
  }
}
