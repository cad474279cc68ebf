package dev.ronkms.keys;

/**
 * How a composite (ML-DSA + Ed25519) key's signatures are verified. Both halves are always made
 * when signing; the mode decides what verification demands. Fixed per key, shown in its
 * attestation (docs/SECURITY.md, "Composite signatures").
 */
public enum CompositeMode {
  /** Both halves must verify: the signature stands while either algorithm stands. The default. */
  REQUIRE,
  /**
   * The Ed25519 half decides; the ML-DSA half is still checked, and each failure is counted
   * ({@code Kms.mirrorStats()}). For rollouts where ML-DSA verifiers lag: it gives no
   * post-quantum guarantee.
   */
  MIRROR
}
