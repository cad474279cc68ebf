package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The write lock of one store directory, shared by every {@link FileKeystoreStore} of this JVM
 * on that directory, and the directory's change counter.
 *
 * <p><b>Lock.</b> {@link #withLock} holds, in this order, a JVM-wide {@link ReentrantLock} for
 * the directory and an exclusive {@link FileChannel#lock()} on {@code DIR/lock} (a POSIX record
 * lock on Linux, released by the kernel when the process dies, even by SIGKILL). Java file locks
 * belong to the whole JVM, and closing any channel of the file drops a POSIX lock, so the JVM
 * keeps exactly one channel per directory, here, and orders its own threads with the in-JVM
 * lock first. Two processes, or two stores in one JVM, therefore never write at the same time.
 *
 * <p><b>Change counter.</b> The first 8 bytes of {@code DIR/lock}, mapped into memory, count
 * changes to the directory. A writer makes the counter odd before its rename and even after it
 * ({@link #beginWrite}, {@link #endWrite}), both under the lock. A reader that validated a
 * cached record while the counter was even value {@code g} may trust the cache as long as the
 * counter still reads {@code g}: any change by any process since then moved it. A writer killed
 * between the two steps leaves it odd, which makes every reader look at the files until the next
 * write completes. The counter is a hint for caches only and needs no durability.
 */
final class DirectoryLock {
  private static final Map<Path, DirectoryLock> OPEN = new HashMap<>();
  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final Path realRoot;
  private final Path lockFile;
  private final ReentrantLock jvmLock = new ReentrantLock();
  private final MappedByteBuffer counter;
  private FileChannel channel; // guarded by jvmLock; reopened if an interrupt closed it
  private int users; // guarded by DirectoryLock.class

  private DirectoryLock(Path realRoot, Path lockFile) throws IOException {
    this.realRoot = realRoot;
    this.lockFile = lockFile;
    this.channel = AtomicFiles.openReadWrite(lockFile);
    try {
      // grows a new, empty lock file to 8 zero bytes; never shortens or rewrites a longer one
      this.counter = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The lock of the directory {@code root}, shared in this JVM; {@link #release} when done. */
  static DirectoryLock acquire(StoreLayout layout) {
    synchronized (DirectoryLock.class) {
      Path real;
      try {
        real = layout.root().toRealPath();
      } catch (IOException e) {
        throw AtomicFiles.io("resolve", layout.root(), e);
      }
      DirectoryLock lock = OPEN.get(real);
      if (lock == null) {
        try {
          lock = new DirectoryLock(real, real.resolve(layout.lockFile().getFileName()));
        } catch (IOException e) {
          throw AtomicFiles.io("open lock", layout.lockFile(), e);
        }
        OPEN.put(real, lock);
      }
      lock.users++;
      return lock;
    }
  }

  /** One store stops using the lock; the last one closes the lock file. */
  void release() {
    synchronized (DirectoryLock.class) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(realRoot);
    }
    jvmLock.lock();
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was held; the descriptor is gone either way
    } finally {
      jvmLock.unlock();
    }
  }

  /**
   * Runs {@code action} holding the directory's write lock (see the class comment). Re-entrant:
   * a thread that holds it runs {@code action} at once.
   */
  <T> T withLock(Supplier<T> action) {
    if (jvmLock.isHeldByCurrentThread()) {
      return action.get();
    }
    jvmLock.lock();
    try {
      FileLock held = lockFileExclusively();
      try {
        return action.get();
      } finally {
        release(held);
      }
    } finally {
      jvmLock.unlock();
    }
  }

  /** Runs {@code action} under the lock if it is free now; false when it was not. */
  boolean tryWithLock(Runnable action) {
    if (!jvmLock.tryLock()) {
      return false;
    }
    try {
      FileLock held;
      try {
        held = channel().tryLock();
      } catch (IOException e) {
        throw AtomicFiles.io("lock", lockFile, e);
      }
      if (held == null) {
        return false;
      }
      try {
        action.run();
        return true;
      } finally {
        release(held);
      }
    } finally {
      jvmLock.unlock();
    }
  }

  /** The change counter now (a volatile read of shared memory). */
  long generation() {
    return (long) LONGS.getVolatile(counter, 0);
  }

  /** Marks a write as in progress (odd counter). Call under the lock, before the rename. */
  void beginWrite() {
    long g = generation();
    LONGS.setVolatile(counter, 0, (g & 1) == 0 ? g + 1 : g + 2);
  }

  /** Marks the write done (even counter) and returns the new value. Call under the lock. */
  long endWrite() {
    long g = generation() + 1;
    LONGS.setVolatile(counter, 0, g);
    return g;
  }

  /**
   * Runs {@code action} holding only this JVM's lock of the directory: it waits for writes of
   * this JVM, never for another process.
   */
  void withLocalLock(Runnable action) {
    jvmLock.lock();
    try {
      action.run();
    } finally {
      jvmLock.unlock();
    }
  }

  private FileLock lockFileExclusively() {
    try {
      return channel().lock();
    } catch (IOException e) {
      throw AtomicFiles.io("lock", lockFile, e);
    }
  }

  private FileChannel channel() {
    if (!channel.isOpen()) { // an interrupted lock() closes the channel: open a fresh one
      try {
        channel = AtomicFiles.openReadWrite(lockFile);
      } catch (IOException e) {
        throw AtomicFiles.io("open lock", lockFile, e);
      }
    }
    return channel;
  }

  private static void release(FileLock held) {
    try {
      held.release();
    } catch (ClosedChannelException gone) {
      // an interrupt closed the channel, and closing it released the lock
    } catch (IOException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "file store: releasing the lock failed ("
          + e.getClass().getName() + ")", e);
    }
  }
}
