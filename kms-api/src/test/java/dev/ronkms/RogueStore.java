package dev.ronkms;

import dev.ronkms.keys.KeyId;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeystoreStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A correct compare-and-set store that never closes a private key handle itself (as a store
 * that only persists records may do), with knobs to misbehave the ways a third-party store can:
 * answer with a record of its choosing, fail the next save with a given code, or keep working
 * after close. The engine's guarantees must hold whatever it does.
 */
final class RogueStore implements KeystoreStore {
  private final Map<KeyId, KeyRecord> records = new TreeMap<>();
  /** When set, the next save throws a KmsException with this code and stores nothing. */
  volatile ErrorCode failNextSave;
  /** When true, close() is ignored: every call keeps working. */
  volatile boolean ignoreClose;
  private boolean closed;

  @Override
  public synchronized Optional<KeyRecord> load(KeyId keyId) {
    ensureOpen();
    return Optional.ofNullable(records.get(keyId.unversioned()));
  }

  @Override
  public synchronized void save(KeyRecord record, long expectedRevision) {
    ensureOpen();
    ErrorCode fail = failNextSave;
    if (fail != null) {
      failNextSave = null;
      throw new KmsException(fail, "injected");
    }
    KeyRecord current = records.get(record.id());
    long revision = current == null ? 0 : current.revision();
    if (revision != expectedRevision || record.revision() != expectedRevision + 1) {
      throw new KmsException(expectedRevision == 0 ? ErrorCode.KEY_EXISTS : ErrorCode.CONFLICT,
          "at revision " + revision);
    }
    records.put(record.id(), record);
  }

  /** Replaces the stored record as a store with a bug, or an attacker with write access, may. */
  synchronized void put(KeyRecord record) {
    records.put(record.id(), record);
  }

  /** Stores {@code record} under {@code asKey}: load(asKey) answers another key's record. */
  synchronized void putAs(KeyId asKey, KeyRecord record) {
    records.put(asKey.unversioned(), record);
  }

  @Override
  public synchronized List<KeyId> list() {
    ensureOpen();
    return new ArrayList<>(records.keySet());
  }

  @Override
  public synchronized boolean delete(KeyId keyId) {
    ensureOpen();
    return records.remove(keyId.unversioned()) != null;
  }

  @Override
  public synchronized void close() {
    closed = !ignoreClose;
  }

  private void ensureOpen() {
    if (closed) {
      throw new KmsException(ErrorCode.CLOSED, "closed");
    }
  }
}
