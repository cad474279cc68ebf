package dev.ronkms;

/**
 * Who answers {@link Kms#verify} and {@link Kms#verifyBatch}. Both routes give the same answer on
 * every input (the parity suite proves it for every provider); they differ in speed and in which
 * code a compliance review sees doing the work.
 */
public enum VerificationRoute {
  /**
   * The default: algorithms the project verifies itself (Ed25519) are verified by its own policy
   * verifier, with each version's public key decoded once and cached, and batches by its
   * multiscalar batch verifier. Other algorithms go to their provider.
   */
  POLICY_VERIFIER,
  /**
   * Every verification is made by the key's provider (for a verify-only key, the provider
   * selected for its algorithm), one signature at a time: for hosts whose compliance requires a
   * named library to do the verifying.
   */
  PROVIDER
}
