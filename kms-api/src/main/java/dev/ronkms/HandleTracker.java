package dev.ronkms;

import dev.ronkms.spi.PrivateKeyHandle;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Every private key handle a key manager made, so that {@link Kms#close()} zeroises all of them
 * whatever a store did with them, including one a racing {@code destroy} or {@code create} was
 * still holding. A handle added after {@link #closeAll()} is closed at once.
 */
final class HandleTracker {
  private final Set<PrivateKeyHandle> live =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private volatile boolean closed;

  /** Tracks {@code handle}. @throws KmsException CLOSED (the handle is closed) after closeAll */
  PrivateKeyHandle track(PrivateKeyHandle handle) {
    live.add(handle);
    if (closed) {
      closeAndForget(handle);
      throw new KmsException(ErrorCode.CLOSED, "the key manager is closed");
    }
    return handle;
  }

  /** Closes {@code handle} and stops tracking it. */
  void closeAndForget(PrivateKeyHandle handle) {
    handle.close();
    live.remove(handle);
  }

  /** Discards the key behind {@code handle} for good (see {@link PrivateKeyHandle#discard}). */
  void discardAndForget(PrivateKeyHandle handle) {
    handle.discard();
    live.remove(handle);
  }

  /** Closes every tracked handle, now and when one is added later. Idempotent. */
  void closeAll() {
    closed = true;
    PrivateKeyHandle[] snapshot;
    synchronized (live) {
      snapshot = live.toArray(new PrivateKeyHandle[0]);
      live.clear();
    }
    for (PrivateKeyHandle h : snapshot) {
      h.close();
    }
  }

  boolean isClosed() {
    return closed;
  }
}
