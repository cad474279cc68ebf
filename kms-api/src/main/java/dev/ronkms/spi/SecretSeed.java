package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A private seed held in software: a byte array that is zeroised on {@link #close()}.
 *
 * <p>Guarantees: the seed never appears in {@code toString}, {@code equals} or any exception
 * message; {@link #apply} lends the bytes only for the duration of the call; {@link #close()}
 * waits for calls in progress, then overwrites the bytes with zeros, and later {@link #apply}
 * calls fail with {@link ErrorCode#VERSION_DESTROYED}. Thread-safe.
 */
public final class SecretSeed implements PrivateKeyHandle {
  private final byte[] seed;
  private final String backend;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean destroyed;

  private SecretSeed(byte[] seed, String backend) {
    this.seed = seed;
    this.backend = backend;
  }

  /** Copies {@code seed} (the caller should zeroise its own copy). */
  public static SecretSeed copyOf(byte[] seed, String backend) {
    if (seed == null || seed.length == 0) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "seed is empty");
    }
    return new SecretSeed(seed.clone(), backend);
  }

  /** Takes ownership of {@code seed} without copying; it is zeroised on {@link #close()}. */
  public static SecretSeed adopt(byte[] seed, String backend) {
    if (seed == null || seed.length == 0) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "seed is empty");
    }
    return new SecretSeed(seed, backend);
  }

  /**
   * Runs {@code use} with the seed bytes. The function must not keep, modify or leak the array.
   *
   * @throws KmsException {@link ErrorCode#VERSION_DESTROYED} once the seed was closed
   */
  public <R> R apply(Function<byte[], R> use) {
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

  /** Length of the seed in bytes. */
  public int length() {
    return seed.length;
  }

  @Override
  public String backend() {
    return backend;
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
      Arrays.fill(seed, (byte) 0);
      destroyed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "SecretSeed[" + seed.length + " bytes, backend=" + backend
        + (isDestroyed() ? ", destroyed" : "") + "]";
  }
}
