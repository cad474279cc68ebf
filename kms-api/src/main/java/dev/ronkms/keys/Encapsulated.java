package dev.ronkms.keys;

import java.util.Arrays;

/**
 * A shared secret encapsulated to a KEM key version: the versioned key id, the ciphertext for
 * the private key's holder, and the 32-byte shared secret. {@link #close()} zeroises the
 * secret; use try-with-resources.
 *
 * <p>Guarantees: arrays are copied in and out; {@code toString} never shows the secret.
 */
public final class Encapsulated implements AutoCloseable {
  // The same body as spi.Encapsulation, on purpose: keys refers to no SPI type
  // (docs/ARCHITECTURE.md, "Package graph of kms-api").
  private final KeyId keyId;
  private final byte[] ciphertext;
  private final byte[] sharedSecret;

  /**
   * Copies both arrays; {@code keyId} names the version encapsulated to.
   *
   * @param keyId the key id
   * @param ciphertext the ciphertext
   * @param sharedSecret the shared secret
   */
  public Encapsulated(KeyId keyId, byte[] ciphertext, byte[] sharedSecret) {
    this.keyId = keyId;
    this.ciphertext = ciphertext.clone();
    this.sharedSecret = sharedSecret.clone();
  }

  /**
   * The versioned id of the key version whose private key decapsulates.
   *
   * @return the versioned id of the key version whose private key decapsulates
   */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * The ciphertext (a copy).
   *
   * @return the ciphertext (a copy)
   */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /**
   * The shared secret (a copy; zeros after {@link #close()}).
   *
   * @return the shared secret (a copy; zeros after {@link #close()})
   */
  public byte[] sharedSecret() {
    return sharedSecret.clone();
  }

  /** Zeroises the shared secret. */
  @Override
  public void close() {
    Arrays.fill(sharedSecret, (byte) 0);
  }

  @Override
  public String toString() {
    return "Encapsulated[" + keyId + ", ciphertext " + ciphertext.length + " bytes]";
  }
}
