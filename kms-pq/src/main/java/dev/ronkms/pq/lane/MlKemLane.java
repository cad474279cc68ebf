package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Encapsulation;

/**
 * ML-KEM (FIPS 203) on one library: key generation from the seed d||z, encapsulation and
 * decapsulation. Internal to kms-pq: callers have checked every length (seed 64 bytes,
 * encapsulation key and ciphertext of the parameter set's length) and the encapsulation key's
 * modulus check before a lane sees it. Thread-safe.
 */
public interface MlKemLane {

  /** A short name for diagnostics, for example {@code bc} or {@code jdk}. */
  String name();

  /** The encapsulation key for the 64-byte seed d||z (ML-KEM.KeyGen_internal). */
  byte[] publicKey(Algorithm algorithm, byte[] seed) throws Exception;

  /** A fresh shared secret and its ciphertext for {@code encapsulationKey}. */
  Encapsulation encapsulate(Algorithm algorithm, byte[] encapsulationKey) throws Exception;

  /** The shared secret in {@code ciphertext} for the key of seed d||z (implicit rejection). */
  byte[] decapsulate(Algorithm algorithm, byte[] seed, byte[] ciphertext) throws Exception;

  /** The library's key object for the seed d||z, expanded once, to decapsulate many times. */
  PreparedKey prepare(Algorithm algorithm, byte[] seed) throws Exception;

  /** A decapsulation key prepared by {@link #prepare}; thread-safe. */
  interface PreparedKey {
    /** The encapsulation key (a copy). */
    byte[] publicKey();

    /** As {@link MlKemLane#decapsulate} with this key. */
    byte[] decapsulate(byte[] ciphertext) throws Exception;

    /** Drops the key material where the library allows it; the key is not used after. */
    void destroy();
  }
}
