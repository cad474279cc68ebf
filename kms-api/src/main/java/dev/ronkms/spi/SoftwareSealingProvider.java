package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part every software AEAD provider shares ({@link SoftwareKeyProvider}: keys held as
 * {@link SecretSeed}s, sealed as the only way out) plus argument checks around the raw AEAD. A
 * subclass supplies {@link #encryptWithKey} and {@link #decryptWithKey} on its library.
 *
 * <p>A secret key has no public key; its handle is bound instead to its <em>key check
 * value</em>, HMAC-SHA-256(key, {@code "ron-kms aead key check v1"}): 32 bytes that identify the
 * key, reveal nothing of it, and let a store check that the key it unsealed is the one its
 * record names.
 *
 * <p>Guarantees: as {@link SoftwareKeyProvider}; a tag that does not verify gives
 * {@code TAMPERED} and no plaintext.
 */
public abstract class SoftwareSealingProvider extends SoftwareKeyProvider
    implements SealingProvider {
  private static final byte[] KEY_CHECK_LABEL =
      "ron-kms aead key check v1".getBytes(StandardCharsets.US_ASCII);

  /**
   * A sealing provider serving {@code algorithms}.
   *
   * @param name the provider's stable lowercase name, for example {@code jdk}
   * @param priority its selection priority (highest wins)
   * @param algorithms the AEAD algorithms it serves (not empty)
   */
  protected SoftwareSealingProvider(String name, int priority, Set<Algorithm> algorithms) {
    super(name, priority, algorithms);
    for (Algorithm a : algorithms) {
      if (a.kind() != Algorithm.Kind.AEAD) {
        throw new IllegalArgumentException(a.id() + " is not an AEAD algorithm");
      }
    }
  }

  /**
   * The key check value: HMAC-SHA-256(key, "ron-kms aead key check v1").
   *
   * @param key the key bytes
   * @return the key check value: HMAC-SHA-256(key, "ron-kms aead key check v1")
   * @throws Exception if the underlying library fails
   */
  public static byte[] keyCheckValue(byte[] key) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(KEY_CHECK_LABEL);
  }

  @Override
  protected final byte[] derivePublicKey(Algorithm algorithm, byte[] seed) throws Exception {
    return keyCheckValue(seed);
  }

  /**
   * Encrypts with the lent {@code key}: ciphertext then tag into {@code out} at
   * {@code outOffset}. Arguments are already checked.
   *
   * @param algorithm the algorithm
   * @param key the key bytes
   * @param nonce the nonce
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @param plaintext the plaintext
   * @param out the output array
   * @param outOffset where the output starts in {@code out}
   * @throws Exception if the underlying library fails
   */
  protected abstract void encryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] plaintext, byte[] out, int outOffset) throws Exception;

  /**
   * Decrypts with the lent {@code key}; returns null when the tag does not verify. Arguments are
   * already checked ({@code length} is at least the tag length).
   *
   * @param algorithm the algorithm
   * @param key the key bytes
   * @param nonce the nonce
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @param input the input
   * @param offset where the 32 bytes start in {@code bytes}
   * @param length the length in bytes
   * @return null when the tag does not verify
   * @throws Exception if the underlying library fails
   */
  protected abstract byte[] decryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] input, int offset, int length) throws Exception;

  @Override
  public final void encrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
      byte[] plaintext, byte[] out, int outOffset) {
    withKey(key, "encrypt", (algorithm, secret) -> {
      requireNonce(nonce);
      requireParts(associatedData);
      if (plaintext == null || out == null || outOffset < 0
          || out.length - outOffset < plaintext.length + TAG_LENGTH) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "plaintext is null or the output"
            + " has no room for ciphertext and tag");
      }
      encryptWithKey(algorithm, secret, nonce, associatedData, plaintext, out, outOffset);
      return null;
    });
  }

  @Override
  public final byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
      byte[] input, int offset, int length) {
    return withKey(key, "decrypt", (algorithm, secret) -> {
      requireNonce(nonce);
      requireParts(associatedData);
      if (input == null || offset < 0 || length < 0 || offset > input.length - length) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "input range is out of bounds");
      }
      byte[] plaintext = length < TAG_LENGTH ? null
          : decryptWithKey(algorithm, secret, nonce, associatedData, input, offset, length);
      if (plaintext == null) {
        throw new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication");
      }
      return plaintext;
    });
  }

  private static void requireNonce(byte[] nonce) {
    if (nonce == null || nonce.length != NONCE_LENGTH) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the nonce must be " + NONCE_LENGTH
          + " bytes");
    }
  }

  private static void requireParts(byte[][] associatedData) {
    if (associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "associated data is null");
    }
    for (byte[] part : associatedData) {
      if (part == null) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "an associated data part is null");
      }
    }
  }
}
