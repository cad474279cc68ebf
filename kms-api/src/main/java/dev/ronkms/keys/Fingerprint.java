package dev.ronkms.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Public key fingerprints: {@code sha256:} and the hex SHA-256 of the encoded key. */
public final class Fingerprint {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Fingerprint() {}

  /**
   * The fingerprint of an encoded public key.
   *
   * @param publicKey the encoded public key
   * @return {@code sha256:} followed by 64 lowercase hex digits
   */
  public static String sha256(byte[] publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
      StringBuilder sb = new StringBuilder("sha256:");
      for (byte b : digest) {
        sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
