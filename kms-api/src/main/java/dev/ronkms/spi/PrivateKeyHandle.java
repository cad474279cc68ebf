package dev.ronkms.spi;

/**
 * A private key as a backend holds it: a software seed ({@link SecretSeed}) or a reference to a
 * key inside a token.
 *
 * <p>Guarantees: {@link #close()} destroys the key material the handle holds (zeroises a seed)
 * and is idempotent; {@code toString()} never shows key material.
 */
public interface PrivateKeyHandle extends AutoCloseable {

  /** The name of the backend that made the handle, for example {@code bc}. */
  String backend();

  /** True once {@link #close()} has run. */
  boolean isDestroyed();

  /** Destroys the key material. Never throws. */
  @Override
  void close();
}
