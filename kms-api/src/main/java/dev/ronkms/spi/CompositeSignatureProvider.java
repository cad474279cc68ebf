package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;

/**
 * A signature provider for composite (ML-DSA + Ed25519) algorithms that can say which half of a
 * signature verified, so the engine can apply a key's {@link dev.ronkms.keys.CompositeMode}.
 * {@link #verify(Algorithm, byte[], byte[], byte[], byte[])} answers the strict rule (both
 * halves valid).
 *
 * <p>Contract, beyond {@link SignatureProvider}'s: both halves are always checked, over the same
 * message representative, whatever the other's outcome; malformed input gives
 * {@link ComponentVerdict#NEITHER}, never an exception; the Ed25519 half answers as the
 * project's verification policy (docs/SECURITY.md).
 */
public interface CompositeSignatureProvider extends SignatureProvider {

  /**
   * What each half of a composite signature says.
   *
   * @param postQuantum true when the ML-DSA half verified
   * @param traditional true when the Ed25519 half verified
   */
  record ComponentVerdict(boolean postQuantum, boolean traditional) {
    /** Neither half verified (also the answer for malformed input). */
    public static final ComponentVerdict NEITHER = new ComponentVerdict(false, false);

    /**
     * True when both halves verified.
     *
     * @return true when both halves verified
     */
    public boolean both() {
      return postQuantum && traditional;
    }
  }

  /**
   * Checks both halves of {@code signature} over {@code message} and {@code context} (empty for
   * none) under the composite {@code publicKey}.
   *
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @param message the message
   * @param signature the signature bytes
   * @param context the context string (null or empty for none)
   * @return the component verdict
   */
  ComponentVerdict verifyComponents(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature, byte[] context);
}
