package dev.ronkms.spi;

import java.util.Arrays;

/**
 * The output of a key encapsulation: the ciphertext for the holder of the private key, and the
 * shared secret both sides end up with. {@link #close()} zeroises the secret.
 *
 * <p>Guarantees: the arrays are copied in and out; {@code toString} never shows the secret.
 */
public final class Encapsulation implements AutoCloseable {
  private final byte[] ciphertext;
  private final byte[] sharedSecret;

  /**
   * Copies both arrays.
   *
   * @param ciphertext the ciphertext
   * @param sharedSecret the shared secret
   */
  public Encapsulation(byte[] ciphertext, byte[] sharedSecret) {
    this.ciphertext = ciphertext.clone();
    this.sharedSecret = sharedSecret.clone();
  }

  /**
   * The ciphertext to send to the private key's holder (a copy).
   *
   * @return the ciphertext to send to the private key's holder (a copy)
   */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /**
   * The shared secret (a copy; zero-filled after {@link #close()}).
   *
   * @return the shared secret (a copy; zero-filled after {@link #close()})
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
    return "Encapsulation[ciphertext " + ciphertext.length + " bytes]";
  }
}
