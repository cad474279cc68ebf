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

  /**
   * The library's key object for the seed {@code xi}, expanded once, to sign with many times
   * (the providers cache one per key handle). The default re-derives on every signature.
   */
  default PreparedKey prepare(Algorithm algorithm, byte[] xi) throws Exception {
    byte[] seed = xi.clone();
    byte[] publicKey = publicKey(algorithm, seed);
    return new PreparedKey() {
      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] sign(byte[] message, byte[] context, byte[] rnd) throws Exception {
        return MlDsaLane.this.sign(algorithm, seed, message, context, rnd);
      }

      @Override
      public void destroy() {
        java.util.Arrays.fill(seed, (byte) 0);
      }
    };
  }

  /** A private key prepared by {@link #prepare}; thread-safe. */
  interface PreparedKey {
    /** The public key of the prepared key (a copy). */
    byte[] publicKey();

    /** As {@link MlDsaLane#sign} with this key. */
    byte[] sign(byte[] message, byte[] context, byte[] rnd) throws Exception;

    /** Drops the key material where the library allows it; the key is not used after. */
    void destroy();
  }

  /** True when {@code signature} is valid; never throws for well-formed input. */
  boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message, byte[] context,
      byte[] signature) throws Exception;
}
