package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;

/**
 * A key encapsulation provider (ML-KEM): key generation, encapsulation to a public key and
 * decapsulation with a private key it holds. Found with {@link java.util.ServiceLoader}
 * (service type {@code dev.ronkms.spi.KemProvider}); public no-arg constructor.
 *
 * <p>Contract, beyond {@link KeyProvider}'s: the engine has checked every length before a call;
 * the provider checks them again and refuses malformed input with a typed error, never by
 * passing it to its library; decapsulation of a well-formed but wrong ciphertext returns the
 * implicit-rejection secret (FIPS 203), not an error. Thread-safe.
 */
public interface KemProvider extends KeyProvider {

  /**
   * Encapsulates a fresh shared secret to {@code publicKey}.
   *
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @return the shared secret and its ciphertext
   * @throws dev.ronkms.KmsException {@code MALFORMED_KEY} for an encapsulation key of the wrong
   *     length or one that fails the FIPS 203 modulus check
   */
  Encapsulation encapsulate(Algorithm algorithm, byte[] publicKey);

  /**
   * The shared secret in {@code ciphertext}, for the private key behind {@code key}.
   *
   * @param key the private key handle
   * @param ciphertext the ciphertext
   * @return the shared secret in {@code ciphertext}, for the private key behind {@code key}
   * @throws dev.ronkms.KmsException {@code MALFORMED_CIPHERTEXT} for a ciphertext of the wrong
   *     length, {@code PROVIDER_MISMATCH} or {@code VERSION_DESTROYED} for the handle
   */
  byte[] decapsulate(PrivateKeyHandle key, byte[] ciphertext);
}
