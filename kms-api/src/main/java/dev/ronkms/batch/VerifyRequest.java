package dev.ronkms.batch;

import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;

/**
 * One item of a batch verification: the version that made the signature, the message and the
 * signature. The arrays are not copied; callers must not change them while a batch runs.
 *
 * @param version a versioned key id
 * @param message the signed message
 * @param signature the signature
 */
public record VerifyRequest(KeyId version, byte[] message, byte[] signature) {

  /** The request that checks {@code signed} against {@code message}. */
  public static VerifyRequest of(Signed signed, byte[] message) {
    return new VerifyRequest(signed.keyId(), message, signed.signature());
  }

  @Override
  public String toString() {
    return "VerifyRequest[" + version + ", message " + (message == null ? "null"
        : message.length + " bytes") + "]";
  }
}
