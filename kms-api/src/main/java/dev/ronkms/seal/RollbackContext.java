package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The context an anti-rollback policy counts in: one logical secret, named by the sealing key's
 * reference and the caller's associated data. Envelopes of the same secret share both, so a
 * newer seal of the secret makes the older envelopes stale (docs/SECURITY.md, "Anti-rollback").
 *
 * <p>Held as SHA-256(len(reference) ‖ reference ‖ associated data), so neither the reference
 * nor the associated data is kept. Immutable; equal when the digests are equal.
 */
public final class RollbackContext {
  private final byte[] digest;
  private final int hash;

  private RollbackContext(byte[] digest) {
    this.digest = digest;
    this.hash = Arrays.hashCode(digest);
  }

  /**
   * The context of envelopes under {@code keyReference} with {@code associatedData}.
   *
   * @param keyReference the key reference
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the context of envelopes under {@code keyReference} with {@code associatedData}
   */
  public static RollbackContext of(String keyReference, byte[] associatedData) {
    if (keyReference == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "key reference and associated data"
          + " are required");
    }
    MessageDigest sha = SHA256.get();
    byte[] ref = keyReference.getBytes(StandardCharsets.UTF_8);
    sha.update(new byte[] {(byte) (ref.length >>> 24), (byte) (ref.length >>> 16),
        (byte) (ref.length >>> 8), (byte) ref.length});
    sha.update(ref);
    sha.update(associatedData);
    return new RollbackContext(sha.digest()); // digest() also resets it for the next call
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "SHA-256 is missing from the JDK", e);
    }
  });

  /**
   * The digest as 64 lowercase hex characters: a stable, file-name-safe name.
   *
   * @return the digest as 64 lowercase hex characters: a stable, file-name-safe name
   */
  public String hex() {
    return HexFormat.of().formatHex(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RollbackContext other && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "RollbackContext[" + hex().substring(0, 16) + "]";
  }
}
