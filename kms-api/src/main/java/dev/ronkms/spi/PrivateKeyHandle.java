package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;

/**
 * A private key as a provider holds it: a software seed ({@link SecretSeed}) or a reference to a
 * key inside a token. A handle is opaque: no method reveals key material, and only the provider
 * that made it can sign with it.
 *
 * <p>Guarantees: {@link #publicKey()} is the public key derived from the private key when the
 * handle was made, and never changes; {@link #close()} destroys the key material the handle
 * holds (zeroises a seed) and is idempotent; {@code toString()} never shows key material.
 */
public interface PrivateKeyHandle extends AutoCloseable {

  /**
   * The name of the provider that made the handle, for example {@code bc}.
   *
   * @return the name of the provider that made the handle, for example {@code bc}
   */
  String provider();

  /**
   * The algorithm of the key.
   *
   * @return the algorithm of the key
   */
  Algorithm algorithm();

  /**
   * The public key bound to this private key (a copy).
   *
   * @return the public key bound to this private key (a copy)
   */
  byte[] publicKey();

  /**
   * True once {@link #close()} has run.
   *
   * @return true once {@link #close()} has run
   */
  boolean isDestroyed();

  /** Destroys the key material this handle holds in memory. Never throws. */
  @Override
  void close();

  /**
   * Destroys the key itself, for good, then closes this handle: the engine's call when a version
   * is destroyed or a key deleted. A software handle holds the key's only copy, so the default
   * closes it; a token handle also deletes its object from the token. Never throws: a key the
   * token no longer holds is already discarded.
   */
  default void discard() {
    close();
  }
}
