package dev.ronkms.conformance;

/**
 * One path to the policy's answer that the parity suite checks: a provider's
 * {@code SignatureProvider.verify}, the project's own single verifier, or the batch and parallel
 * paths with the case embedded among other items.
 */
public interface PolicyVerifier {

  /** A short name for test reports, for example {@code bc} or {@code batch}. */
  String name();

  /** The answer for one (public key, message, signature). */
  boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
