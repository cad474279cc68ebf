package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A private seed held in software, bound to the public key its provider derived from it and to
 * that provider. Only {@link SoftwareSignatureProvider} makes and reads seeds: no public method
 * returns or lends the bytes, so a host or a store holding a {@code SecretSeed} cannot read it.
 *
 * <p>Guarantees: the seed never appears in {@code toString}, {@code equals} or any exception
 * message; {@link #close()} waits for signatures in progress, then overwrites the bytes with
 * zeros, and later signing fails with {@link ErrorCode#VERSION_DESTROYED}. Thread-safe.
 */
public final class SecretSeed implements PrivateKeyHandle {
  private final byte[] seed;
  private final byte[] publicKey;
  private final Algorithm algorithm;
  private final String provider;
  private final Class<?> owner;
  private final Runnable onClose;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean destroyed;

  /** Takes ownership of {@code seed} (zeroised on close); {@code owner} is the provider's class. */
  SecretSeed(byte[] seed, byte[] publicKey, Algorithm algorithm, String provider,
      Class<?> owner) {
    this(seed, publicKey, algorithm, provider, owner, null);
  }

  /**
   * As {@link #SecretSeed(byte[], byte[], Algorithm, String, Class)}, with {@code onClose} run
   * once by the first {@link #close()}, before the seed is zeroised and while no call holds it
   * (its provider drops what it prepared from the seed); null for none.
   */
  SecretSeed(byte[] seed, byte[] publicKey, Algorithm algorithm, String provider,
      Class<?> owner, Runnable onClose) {
    this.seed = seed;
    this.publicKey = publicKey.clone();
    this.algorithm = algorithm;
    this.provider = provider;
    this.owner = owner;
    this.onClose = onClose;
  }

  /** True when {@code providerClass} made this seed. */
  boolean ownedBy(Class<?> providerClass) {
    return owner == providerClass;
  }

  /**
   * Runs {@code use} with the seed bytes, for the duration of the call only.
   *
   * @throws KmsException {@link ErrorCode#VERSION_DESTROYED} once the seed was closed
   */
  <R> R apply(Function<byte[], R> use) {
    lock.readLock().lock();
    try {
      if (destroyed) {
        throw new KmsException(ErrorCode.VERSION_DESTROYED, "the private key was destroyed");
      }
      return use.apply(seed);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean isDestroyed() {
    lock.readLock().lock();
    try {
      return destroyed;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!destroyed && onClose != null) {
        try {
          onClose.run();
        } catch (RuntimeException ignored) {
          // close never throws; the seed is zeroised below whatever the hook did
        }
      }
      Arrays.fill(seed, (byte) 0);
      destroyed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "SecretSeed[" + algorithm.id() + ", provider=" + provider
        + (isDestroyed() ? ", destroyed" : "") + "]";
  }
}
