package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;

/**
 * ML-DSA (FIPS 204) on one library: key generation from the seed xi, signing and verification
 * with a context string. Internal to kms-pq: callers have checked every length (seed 32 bytes,
 * public key and signature of the parameter set's length, context at most 255 bytes) before a
 * lane sees it, so a lane may assume well-formed input. Thread-safe.
 */
public interface MlDsaLane {

  /** A short name for diagnostics, for example {@code bc} or {@code jdk}. */
  String name();

  /** The public key for the 32-byte seed {@code xi} (ML-DSA.KeyGen_internal). */
  byte[] publicKey(Algorithm algorithm, byte[] xi) throws Exception;

  /**
   * The signature of {@code message} under {@code context} (pure ML-DSA, FIPS 204 algorithm 2)
   * with the 32-byte randomiser {@code rnd} (all zeros for the deterministic variant).
   */
  byte[] sign(Algorithm algorithm, byte[] xi, byte[] message, byte[] context, byte[] rnd)
      throws Exception;

  /** True when {@code signature} is valid; never throws for well-formed input. */
  boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message, byte[] context,
      byte[] signature) throws Exception;
}
