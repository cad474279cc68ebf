package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.TokenConfig;
import dev.ronkms.pkcs11.TokenSealer;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.softseal.PassphraseParameters;
import dev.ronkms.softseal.StoreKeys;
import dev.ronkms.spi.Sealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the store key of a durable store comes from: a key file, an environment variable, a
 * passphrase (read from an environment variable or the first line of a file) through Argon2id,
 * whose salt and cost parameters are kept beside the store in {@value #PARAMETERS_FILE}, or a
 * key on a PKCS#11 token ({@code --seal-with pkcs11}, the token named by the
 * {@code RON_KMS_PKCS11_*} variables, the key by {@code --token-key}). With none given, the
 * variable {@code RON_KMS_STORE_KEY} is used when it is set. docs/RUNBOOK.md describes each.
 */
final class StoreKeyOptions {
  /** The name every store key's envelopes carry. */
  static final String REFERENCE = "ron-kms/store-key";
  /** The Argon2id parameters of a passphrase store, inside the store directory. */
  static final String PARAMETERS_FILE = "store-key.argon2id";
  /** The one value of {@code --seal-with}: a key on a PKCS#11 token. */
  static final String PKCS11 = "pkcs11";
  /** The largest passphrase file read. */
  static final long MAX_PASSPHRASE_FILE = 64L << 10;

  Path keyFile;
  String keyEnv;
  String passphraseEnv;
  Path passphraseFile;
  private String sealWith;
  private String tokenKey;

  boolean isEmpty() {
    return keyFile == null && keyEnv == null && passphraseEnv == null && passphraseFile == null
        && sealWith == null;
  }

  /** {@code --seal-with KIND}: only {@value #PKCS11}, or null for none. */
  void sealWith(String kind) {
    if (kind != null && !PKCS11.equals(kind)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "--seal-with takes " + PKCS11
          + ", not '" + kind + "'");
    }
    sealWith = kind;
  }

  /** {@code --token-key LABEL}: the token key's label, or null for the default. */
  void tokenKey(String label) {
    tokenKey = label;
  }

  /** Closes a store key this class opened (null: nothing). */
  static void close(Sealer key) {
    if (key instanceof KeyringSealer keyring) {
      keyring.close();
    } else if (key instanceof TokenSealer token) {
      token.close();
    }
  }

  /** True when the key is derived from a passphrase. */
  boolean passphrase() {
    return passphraseEnv != null || passphraseFile != null;
  }

  /**
   * The store key of the store in {@code store}; with {@code creating}, a missing key file is
   * generated, a passphrase store gets fresh Argon2id parameters, and a missing token key is
   * made on the token. The caller closes it with {@link #close(Sealer)}.
   */
  Sealer open(Path store, boolean creating, Session session) {
    requireOneSource();
    if (sealWith != null) {
      return openTokenKey(creating, session);
    }
    KeyringSealer.Builder builder;
    if (keyFile != null) {
      if (creating && !Files.exists(keyFile)) {
        StoreKeys.generateKeyFile(keyFile);
        session.err.println("generated store key file " + keyFile + " (mode 600): back it up"
            + " apart from the store");
      }
      builder = StoreKeys.fromKeyFile(keyFile, REFERENCE);
    } else if (passphrase()) {
      builder = fromPassphrase(store, creating);
    } else {
      builder = StoreKeys.fromEnvironment(keyEnv == null
          ? StoreKeys.DEFAULT_ENVIRONMENT_VARIABLE : keyEnv, REFERENCE);
    }
    return builder.antiRollback(AntiRollback.disabled()).build();
  }

  private TokenSealer openTokenKey(boolean creating, Session session) {
    TokenConfig config = TokenConfig.fromSystem().orElseThrow(() -> new KmsException(
        ErrorCode.INVALID_ARGUMENT, "--seal-with pkcs11 needs the token: set"
            + " RON_KMS_PKCS11_LIBRARY, RON_KMS_PKCS11_TOKEN, and RON_KMS_PKCS11_PIN or"
            + " RON_KMS_PKCS11_PIN_FILE"));
    String label = tokenKey == null ? TokenSealer.DEFAULT_KEY_LABEL : tokenKey;
    try {
      return TokenSealer.open(config, label);
    } catch (KmsException e) {
      if (!creating || e.code() != ErrorCode.KEY_NOT_FOUND) {
        throw e;
      }
    }
    TokenSealer created = TokenSealer.create(config, label);
    session.err.println("created the store key '" + label + "' on the token '"
        + config.tokenLabel() + "' (sensitive, not extractable): the store opens only where"
        + " this token is");
    return created;
  }

  private KeyringSealer.Builder fromPassphrase(Path store, boolean creating) {
    Path parametersFile = store.resolve(PARAMETERS_FILE);
    PassphraseParameters parameters;
    try {
      if (creating && !Files.exists(parametersFile)) {
        parameters = PassphraseParameters.generate();
        Files.createDirectories(store);
        Files.writeString(parametersFile, parameters.encode() + "\n", StandardCharsets.US_ASCII);
      } else {
        parameters = PassphraseParameters.parse(
            Files.readString(parametersFile, StandardCharsets.US_ASCII).strip());
      }
    } catch (IOException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "cannot read or write the passphrase"
          + " parameters " + parametersFile + ": " + e.getClass().getSimpleName());
    }
    char[] passphrase = readPassphrase();
    try {
      return StoreKeys.fromPassphrase(passphrase, parameters, REFERENCE);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  private char[] readPassphrase() {
    if (passphraseEnv != null) {
      String value = System.getenv(passphraseEnv);
      if (value == null || value.isEmpty()) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the environment variable "
            + passphraseEnv + " holding the passphrase is not set");
      }
      return value.toCharArray();
    }
    // a bounded read: a passphrase file is small, and /dev/zero must not exhaust the heap
    byte[] bytes = MessageInput.readFile(passphraseFile, MAX_PASSPHRASE_FILE,
        "the passphrase file");
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(
          java.nio.ByteBuffer.wrap(bytes, 0, end));
      char[] out = new char[chars.remaining()];
      chars.get(out);
      Arrays.fill(chars.array(), '\0');
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private void requireOneSource() {
    int given = (keyFile != null ? 1 : 0) + (keyEnv != null ? 1 : 0)
        + (passphraseEnv != null ? 1 : 0) + (passphraseFile != null ? 1 : 0)
        + (sealWith != null ? 1 : 0);
    if (given > 1) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "give one store key source: a key"
          + " file, a key variable, a passphrase (variable or file), or --seal-with pkcs11");
    }
    if (tokenKey != null && sealWith == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "--token-key names a key on a token:"
          + " give --seal-with pkcs11 too");
    }
    if (given == 0 && System.getenv(StoreKeys.DEFAULT_ENVIRONMENT_VARIABLE) == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a durable store needs its store key:"
          + " --store-key-file FILE, --store-key-env VAR, --passphrase-env VAR,"
          + " --passphrase-file FILE, --seal-with pkcs11, or the variable "
          + StoreKeys.DEFAULT_ENVIRONMENT_VARIABLE);
    }
  }
}
