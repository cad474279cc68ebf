package dev.ronkms.spi;

import java.util.Arrays;

/**
 * A freshly generated or imported key pair: the encoded public key and the backend's handle to
 * the private key. The private side is only reachable through the handle; {@code toString} shows
 * the public key fingerprint length only.
 */
public final class GeneratedKey {
  private final byte[] publicKey;
  private final PrivateKeyHandle privateKey;

  public GeneratedKey(byte[] publicKey, PrivateKeyHandle privateKey) {
    this.publicKey = publicKey.clone();
    this.privateKey = privateKey;
  }

  /** The encoded public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The private key handle; whoever keeps it owns closing it. */
  public PrivateKeyHandle privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "GeneratedKey[publicKey=" + publicKey.length + " bytes, privateKey=" + privateKey + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedKey g && Arrays.equals(publicKey, g.publicKey)
        && privateKey == g.privateKey;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }
}
