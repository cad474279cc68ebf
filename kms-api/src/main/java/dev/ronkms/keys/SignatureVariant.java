package dev.ronkms.keys;

/**
 * How a key's signatures draw their per-signature randomness (FIPS 204, section 3.4). Fixed per
 * key at creation and shown in its attestation.
 */
public enum SignatureVariant {
  /**
   * The same message and context always give the same signature (Ed25519 always; ML-DSA with
   * rnd = 0^32). Reproducible, but exposed to fault attacks on the signer.
   */
  DETERMINISTIC,
  /**
   * Fresh randomness (32 bytes from the platform's strong source) is mixed into every signature,
   * so two signatures of one message differ; FIPS 204's default and this project's for ML-DSA.
   */
  HEDGED
}
