package dev.ronkms.filestore;

import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decoded records of a file store, so that a warm load costs a map lookup and one read of
 * the directory's change counter ({@link DirectoryLock#generation()}), not a file read and an
 * unsealing.
 *
 * <p>An entry validated while the counter read {@code g} (even) is returned as long as the
 * counter still reads {@code g}. Otherwise the file is read again: if its last 16 bytes (the tag
 * of its sealed record, unique per write) are unchanged, the entry is kept; if not, the file is
 * authenticated and decoded with the cached record as {@code previous}, so handles of versions
 * that did not change are reused rather than unsealed again, and handles this store made for
 * versions that disappeared are closed ({@link StoreHandles}). Updates of one key are atomic
 * ({@link ConcurrentHashMap#compute}); an entry validated at a later counter value is never
 * replaced by an earlier read; a read that looks older than what was seen is read again, as long
 * as the store's change counter moved meanwhile (up to {@value #MAX_READS} reads), and reported
 * as {@code ROLLBACK} only when it still looks older after a read during which nothing was
 * written, so a race with writers and other readers is never mistaken for one.
 */
final class RecordCache {
  /** What the cache knows of one key; {@code record} is null for a key known to be absent. */
  private record Entry(KeyRecord record, byte[] tag, long generation, long incarnation) {
    Entry at(long g) {
      return new Entry(record, tag, g, incarnation);
    }
  }

  /** Authenticates and decodes a record file's bytes. */
  @FunctionalInterface
  interface Opener {
    RecordFile.Opened open(KeyId id, byte[] fileBytes, KeyRecord previous);
  }

  /** Thrown out of {@code compute} to retry a read that looked like a rollback. */
  private static final class LooksOlder extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient KmsException rollback;

    LooksOlder(KmsException rollback) {
      super(null, null, false, false);
      this.rollback = rollback;
    }
  }

  /** Reads of one file before a record that keeps looking older is reported as a rollback. */
  static final int MAX_READS = 16;

  private final ConcurrentHashMap<KeyId, Entry> entries = new ConcurrentHashMap<>();
  private final RollbackMarks marks = new RollbackMarks();
  private final StoreHandles handles = new StoreHandles();
  private final StoreLayout layout;
  private final DirectoryLock lock;
  private final Opener opener;

  RecordCache(StoreLayout layout, DirectoryLock lock, Opener opener) {
    this.layout = layout;
    this.lock = lock;
    this.opener = opener;
  }

  /** The record of {@code id} (unversioned) as the file holds it now; null when absent. */
  KeyRecord load(KeyId id) {
    Entry e = entries.get(id);
    long g = lock.generation();
    if (e != null && e.generation() == g && (g & 1) == 0) {
      return e.record();
    }
    return refresh(id).record();
  }

  /** The incarnation of the record {@link #load} last returned for {@code id}. */
  long incarnation(KeyId id) {
    Entry e = entries.get(id);
    return e == null ? 0 : e.incarnation();
  }

  /**
   * Records a write this store made under the lock: {@code record} is in the file now, whose
   * bytes are {@code fileBytes}, as of counter value {@code generation}.
   */
  void stored(KeyId id, KeyRecord record, byte[] fileBytes, long generation, long incarnation) {
    byte[] tag = RecordFile.tag(fileBytes);
    entries.compute(id, (k, old) -> {
      marks.admit(id, incarnation, record.revision());
      if (old != null && old.record() != null && Arrays.equals(old.tag(), tag)) {
        return old.at(generation); // a reader already decoded this very write: keep its handles
      }
      if (old != null) {
        handles.dropUnreferenced(old.record(), record);
      }
      return new Entry(record, tag, generation, incarnation);
    });
  }

  /**
   * Records that this store deleted the file of {@code id}, which held {@code incarnation} (0
   * when unknown), and destroys every private key the cached record held.
   */
  void deleted(KeyId id, long incarnation, long generation) {
    entries.compute(id, (k, old) -> {
      if (old != null && old.record() != null) {
        handles.destroy(old.record());
        marks.retire(id, old.incarnation());
      }
      if (incarnation != 0) {
        marks.retire(id, incarnation);
      }
      return new Entry(null, null, generation, 0);
    });
  }

  /** Forgets what is cached for {@code id}: the next load reads the file. */
  void forget(KeyId id) {
    entries.computeIfPresent(id, (k, old) -> old.at(-1));
  }

  /** Closes every handle of every cached record and every handle this store made. */
  void closeAll() {
    handles.closeAll();
    for (KeyId id : List.copyOf(entries.keySet())) {
      Entry e = entries.remove(id);
      if (e != null && e.record() != null) {
        handles.destroy(e.record());
      }
    }
  }

  /** How many handles this store made and still holds (for toString and tests). */
  int handlesMade() {
    return handles.size();
  }

  private Entry refresh(KeyId id) {
    for (int attempt = 0; ; attempt++) {
      long g = lock.generation();
      byte[] bytes = AtomicFiles.readIfExists(layout.keyFile(id));
      try {
        Entry e = entries.compute(id, (k, old) -> next(k, old, g, bytes));
        return e != null ? e : new Entry(null, null, g, 0);
      } catch (LooksOlder older) {
        // Another read or write of this store may have moved past this one while it ran: read
        // again. Only a file that still looks older when nothing was written in between, or
        // after MAX_READS reads under constant writes, is a rollback.
        boolean quiet = (g & 1) == 0 && lock.generation() == g;
        if ((attempt > 0 && quiet) || attempt + 1 >= MAX_READS) {
          throw older.rollback;
        }
        Thread.onSpinWait();
      }
    }
  }

  private Entry next(KeyId id, Entry old, long g, byte[] bytes) {
    if (old != null && old.generation() > g) {
      return old; // validated after this read began: it knows at least as much
    }
    if (bytes == null) {
      if (old == null || old.record() == null) {
        return old == null ? null : old.at(g);
      }
      handles.dropUnreferenced(old.record(), null); // deleted by another process
      marks.retire(id, old.incarnation());
      return new Entry(null, null, g, 0);
    }
    byte[] tag = RecordFile.tag(bytes);
    if (old != null && old.record() != null && Arrays.equals(old.tag(), tag)) {
      return old.at(g);
    }
    KeyRecord previous = old == null ? null : old.record();
    RecordFile.Opened opened = opener.open(id, bytes, previous);
    List<PrivateKeyHandle> fresh = StoreHandles.added(previous, opened.record());
    try {
      marks.check(id, opened.incarnation(), opened.revision());
    } catch (KmsException rollback) {
      fresh.forEach(PrivateKeyHandle::close);
      throw new LooksOlder(rollback);
    }
    handles.adopt(fresh);
    marks.admit(id, opened.incarnation(), opened.revision());
    if (previous != null) {
      handles.dropUnreferenced(previous, opened.record());
    }
    return new Entry(opened.record(), tag, g, opened.incarnation());
  }
}
