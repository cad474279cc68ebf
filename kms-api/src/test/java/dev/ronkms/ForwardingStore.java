package dev.ronkms;

import dev.ronkms.keys.KeyId;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeystoreStore;
import java.util.List;
import java.util.Optional;

/** An in-memory store that tests decorate by overriding one method. */
class ForwardingStore implements KeystoreStore {
  final InMemoryKeystoreStore inner = new InMemoryKeystoreStore();

  @Override
  public Optional<KeyRecord> load(KeyId keyId) {
    return inner.load(keyId);
  }

  @Override
  public void save(KeyRecord record, long expectedRevision) {
    inner.save(record, expectedRevision);
  }

  @Override
  public List<KeyId> list() {
    return inner.list();
  }

  @Override
  public boolean delete(KeyId keyId) {
    return inner.delete(keyId);
  }

  @Override
  public void close() {
    inner.close();
  }
}
