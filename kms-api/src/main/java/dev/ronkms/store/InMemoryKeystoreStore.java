package dev.ronkms.store;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;



import dev.ronkms.spi.PrivateKeyHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link KeystoreStore} that keeps records in memory only (amnesia mode): nothing is ever
 * written to disk, and everything is gone when the process ends or the store is closed.
 *
 * <p>Guarantees: every {@link #save} is one atomic compare-and-set on the key's revision (a
 * {@link ConcurrentHashMap#compute}); readers never block and always see a whole record;
 * {@link #close()} zeroises every private seed.
 */
public final class InMemoryKeystoreStore implements KeystoreStore {
  private final ConcurrentMap<KeyId, KeyRecord> records = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** An empty, open store. */
  public InMemoryKeystoreStore() {
    // nothing to set up: records arrive through save()
  }

  @Override
  public Optional<KeyRecord> load(KeyId keyId) {
    ensureOpen();
    KeyRecord record = records.get(keyId.unversioned());
    ensureOpen(); // a close() that emptied the map meanwhile is CLOSED, not "no such key"
    return Optional.ofNullable(record);
  }

  @Override
  public void save(KeyRecord record, long expectedRevision) {
    ensureOpen();
    if (record.revision() != expectedRevision + 1) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "record revision " + record.revision()
          + " does not follow expected revision " + expectedRevision);
    }
    records.compute(record.id(), (id, current) -> {
      if (closed) {
        throw closedError();
      }
      if (expectedRevision == 0 && current != null) {
        throw new KmsException(ErrorCode.KEY_EXISTS, id + " already exists");
      }
      if (expectedRevision != 0 && current == null) {
        throw new KmsException(ErrorCode.KEY_NOT_FOUND, id + " does not exist");
      }
      if (current != null && current.revision() != expectedRevision) {
        throw new KmsException(ErrorCode.CONFLICT, id + " is at revision " + current.revision()
            + ", not " + expectedRevision + "; read it again and retry");
      }
      return record;
    });
    if (closed) {
      // close() ran while we saved: make sure what we just stored is zeroised too.
      destroyAll();
      throw closedError();
    }
  }

  @Override
  public List<KeyId> list() {
    ensureOpen();
    List<KeyId> ids = new ArrayList<>(records.keySet());
    ensureOpen();
    ids.sort(null);
    return ids;
  }

  @Override
  public boolean delete(KeyId keyId) {
    ensureOpen();
    KeyRecord removed = records.remove(keyId.unversioned());
    if (removed == null) {
      return false;
    }
    destroy(removed);
    return true;
  }

  @Override
  public void close() {
    closed = true;
    destroyAll();
  }

  private void destroyAll() {
    for (KeyId id : new ArrayList<>(records.keySet())) {
      KeyRecord r = records.remove(id);
      if (r != null) {
        destroy(r);
      }
    }
  }

  private static void destroy(KeyRecord record) {
    for (KeyVersion v : record.versions()) {
      v.handle().ifPresent(PrivateKeyHandle::close);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw closedError();
    }
  }

  private static KmsException closedError() {
    return new KmsException(ErrorCode.CLOSED, "the in-memory store is closed");
  }

  @Override
  public String toString() {
    return "InMemoryKeystoreStore[" + (closed ? "closed" : records.size() + " keys") + "]";
  }
}
