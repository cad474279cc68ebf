package dev.ronkms.spi;

/**
 * Authenticated encryption of secrets under a sealing key the host never sees: used by durable
 * {@link dev.ronkms.store.KeystoreStore}s to keep private keys sealed at rest, and by hosts to
 * seal their own secrets.
 *
 * <p>Contract every implementation must keep:
 * <ul>
 *   <li>{@link #open} returns the plaintext only for output of {@link #seal} made under the same
 *       key with the same associated data; any other input (a flipped bit anywhere, truncation,
 *       another key, other associated data) fails with {@code TAMPERED}, never with garbage
 *       plaintext. A changed header field that chooses the key may be refused before
 *       authentication with a more precise code ({@code VERSION_NOT_FOUND},
 *       {@code VERSION_DISABLED}, {@code KEY_NOT_FOUND}); an authenticated envelope the
 *       anti-rollback policy refuses is {@code ROLLBACK};</li>
 *   <li>the sealed form is self-describing (algorithm, key reference, nonce) so it can be opened
 *       later without outside state;</li>
 *   <li>neither the plaintext nor the sealing key appears in any message, {@code toString} or
 *       log line; thread-safe.</li>
 * </ul>
 */
public interface Sealer {

  /**
   * The AEAD algorithm, for example {@code AES-256-GCM} or {@code ChaCha20-Poly1305}.
   *
   * @return the AEAD algorithm, for example {@code AES-256-GCM} or {@code ChaCha20-Poly1305}
   */
  String algorithm();

  /**
   * A stable, non-secret reference to the sealing key (and its version) that seals.
   *
   * @return a stable, non-secret reference to the sealing key (and its version) that seals
   */
  String keyReference();

  /**
   * Seals {@code plaintext}, binding {@code associatedData} (may be empty, not null).
   *
   * @param plaintext the plaintext
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the envelope
   */
  byte[] seal(byte[] plaintext, byte[] associatedData);

  /**
   * Opens {@code sealed}.
   *
   * @param sealed the sealed bytes
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the plaintext
   * @throws dev.ronkms.KmsException {@code TAMPERED} when authentication fails
   */
  byte[] open(byte[] sealed, byte[] associatedData);

  /**
   * Rewraps {@code sealed} under the current (head) key version without returning the
   * plaintext, which is zeroised before this returns. The result opens with the same associated
   * data.
   *
   * @param sealed the sealed bytes
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the envelope
   * @throws dev.ronkms.KmsException as {@link #open}
   */
  default byte[] reseal(byte[] sealed, byte[] associatedData) {
    byte[] plaintext = open(sealed, associatedData);
    try {
      return seal(plaintext, associatedData);
    } finally {
      java.util.Arrays.fill(plaintext, (byte) 0);
    }
  }
}
