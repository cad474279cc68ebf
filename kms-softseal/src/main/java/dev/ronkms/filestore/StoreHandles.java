package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The private key handles a file store made itself, by unsealing records it read. The engine
 * closes the handles it made (on destroy, on delete, on its own close); the store closes the
 * ones it made once their version is gone (destroyed, or the key deleted, by this process or
 * another), and all of them on close. A handle made after {@link #closeAll} is closed at
 * once.
 */
final class StoreHandles {
  private final Set<PrivateKeyHandle> made =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;

  /** The handles of {@code now} that {@code before} (may be null) does not hold. */
  static List<PrivateKeyHandle> added(KeyRecord before, KeyRecord now) {
    Set<PrivateKeyHandle> old = handlesOf(before);
    List<PrivateKeyHandle> out = new ArrayList<>();
    for (PrivateKeyHandle h : handlesOf(now)) {
      if (!old.contains(h)) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Takes ownership of {@code fresh}, handles this store just unsealed.
   *
   * @throws KmsException {@code CLOSED} (and closes them) when the store closed meanwhile
   */
  synchronized void adopt(List<PrivateKeyHandle> fresh) {
    if (closed) {
      fresh.forEach(PrivateKeyHandle::close);
      throw new KmsException(ErrorCode.CLOSED, "the file store is closed");
    }
    made.addAll(fresh);
  }

  /**
   * Closes the handles this store made for versions of {@code before} that {@code now} (null:
   * the key is gone) no longer holds a live private key for: destroyed, or the key deleted or
   * replaced. A version that {@code now} still holds, under another handle object of the same
   * public key, keeps its old handle open: a caller may be signing with it. Such duplicates are
   * closed with the store.
   */
  synchronized void dropUnreferenced(KeyRecord before, KeyRecord now) {
    if (before == null) {
      return;
    }
    for (KeyVersion v : before.versions()) {
      PrivateKeyHandle h = v.handle().orElse(null);
      if (h != null && made.contains(h) && !stillLive(now, v)) {
        made.remove(h);
        h.close();
      }
    }
  }

  private static boolean stillLive(KeyRecord now, KeyVersion old) {
    if (now == null || old.number() > now.latest()) {
      return false;
    }
    KeyVersion v = now.version(old.number());
    return v.handle().isPresent() && v.hasPublicKey(old.publicKey());
  }

  /** Closes every handle of {@code record}, whoever made it (a deleted key). */
  synchronized void destroy(KeyRecord record) {
    for (PrivateKeyHandle h : handlesOf(record)) {
      made.remove(h);
      h.close();
    }
  }

  /** Closes every handle this store made, now and later. Idempotent. */
  synchronized void closeAll() {
    closed = true;
    made.forEach(PrivateKeyHandle::close);
    made.clear();
  }

  synchronized int size() {
    return made.size();
  }

  private static Set<PrivateKeyHandle> handlesOf(KeyRecord record) {
    Set<PrivateKeyHandle> out = Collections.newSetFromMap(new IdentityHashMap<>());
    if (record != null) {
      for (KeyVersion v : record.versions()) {
        v.handle().ifPresent(out::add);
      }
    }
    return out;
  }
}
