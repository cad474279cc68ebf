package dev.ronkms.spi;

/**
 * An AEAD provider: authenticated encryption under secret keys it holds, for the
 * {@link dev.ronkms.keys.Algorithm.Kind#AEAD} algorithms it lists. Found with
 * {@link java.util.ServiceLoader} (service type {@code dev.ronkms.spi.SealingProvider}) and
 * selected per algorithm like every provider (docs/ARCHITECTURE.md). The envelope around the
 * ciphertext (header, nonce policy, anti-rollback) is the engine's, in {@code dev.ronkms.seal};
 * a provider does the raw AEAD only.
 *
 * <p>Contract every implementation must keep (the kms-softseal tests check it on every
 * Wycheproof case of the 96-bit-nonce, 128-bit-tag groups):
 * <ul>
 *   <li>{@link #encrypt} writes the ciphertext followed by the 16-byte tag; the associated data
 *       is the concatenation of every array in {@code associatedData}, in order;</li>
 *   <li>{@link #decrypt} returns the plaintext only when the tag verifies; otherwise it throws
 *       {@code TAMPERED} and releases no plaintext byte;</li>
 *   <li>no per-call {@code Cipher.getInstance}: ciphers are reused per thread;</li>
 *   <li>thread-safe; no key or plaintext in any message, {@code toString} or log line.</li>
 * </ul>
 */
public interface SealingProvider extends KeyProvider {

  /** The nonce length, in bytes, every algorithm of this kind uses: 12. */
  int NONCE_LENGTH = 12;

  /** The tag length, in bytes: 16. */
  int TAG_LENGTH = 16;

  /**
   * Encrypts {@code plaintext} under {@code key} and {@code nonce}, writing ciphertext and tag
   * ({@code plaintext.length + 16} bytes) into {@code out} at {@code outOffset}.
   *
   * @param key the private key handle
   * @param nonce the nonce
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @param plaintext the plaintext
   * @param out the output array
   * @param outOffset where the output starts in {@code out}
   * @throws dev.ronkms.KmsException {@code PROVIDER_MISMATCH} for a handle another provider
   *     made, {@code VERSION_DESTROYED} for a closed one, {@code INVALID_ARGUMENT} for a nonce
   *     that is not 12 bytes or an output too small
   */
  void encrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData, byte[] plaintext,
      byte[] out, int outOffset);

  /**
   * Decrypts {@code length} bytes of ciphertext and tag at {@code offset} of {@code input}.
   *
   * @param key the private key handle
   * @param nonce the nonce
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @param input the input
   * @param offset where the 32 bytes start in {@code bytes}
   * @param length the length in bytes
   * @return the plaintext
   * @throws dev.ronkms.KmsException {@code TAMPERED} when authentication fails (or the input is
   *     shorter than a tag), {@code PROVIDER_MISMATCH} / {@code VERSION_DESTROYED} as for
   *     {@link #encrypt}
   */
  byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData, byte[] input,
      int offset, int length);
}
