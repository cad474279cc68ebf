package dev.ronkms.batch;

import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;

/**
 * One item of a batch verification: the version that made the signature, the message, the
 * signature and the context string (empty for none; only ML-DSA and composite keys take one).
 * The arrays are not copied; callers must not change them while a batch runs.
 *
 * @param version a versioned key id
 * @param message the signed message
 * @param signature the signature
 * @param context the context string; null is empty
 */
public record VerifyRequest(KeyId version, byte[] message, byte[] signature, byte[] context) {

  /**
   * A request without context string.
   *
   * @param version a versioned key id, naming one version
   * @param message the message
   * @param signature the signature bytes
   */
  public VerifyRequest(KeyId version, byte[] message, byte[] signature) {
    this(version, message, signature, null);
  }

  /**
   * The request that checks {@code signed} against {@code message}.
   *
   * @param signed the signature with the id of the version that made it
   * @param message the message
   * @return the request that checks {@code signed} against {@code message}
   */
  public static VerifyRequest of(Signed signed, byte[] message) {
    return new VerifyRequest(signed.keyId(), message, signed.signature());
  }

  @Override
  public String toString() {
    return "VerifyRequest[" + version + ", message " + (message == null ? "null"
        : message.length + " bytes") + "]";
  }
}
