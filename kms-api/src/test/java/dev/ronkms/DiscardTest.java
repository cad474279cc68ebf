package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeystoreStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The engine tells a provider which version a new key is for, and discards a key for good
 * ({@link PrivateKeyHandle#discard}) exactly when the key's life ends: a destroyed version, a
 * deleted key, a new key whose record could not be saved. Closing the key manager only closes.
 * A token provider relies on both (docs/ARCHITECTURE.md, "Token keys").
 */
class DiscardTest {

  /** Wraps every handle so that discard and close can be told apart. */
  static final class Recording extends DelegatingProvider {
    final List<KeyId> generatedFor = Collections.synchronizedList(new ArrayList<>());
    final List<KeyId> discarded = Collections.synchronizedList(new ArrayList<>());
    final List<Tracked> made = Collections.synchronizedList(new ArrayList<>());

    Recording() {
      super(new TestProvider("recording"));
    }

    @Override
    public PrivateKeyHandle generate(Algorithm algorithm, KeyId version) {
      generatedFor.add(version);
      Tracked t = new Tracked(real.generate(algorithm), version, discarded);
      made.add(t);
      return t;
    }

    @Override
    public byte[] sign(PrivateKeyHandle key, byte[] message) {
      return real.sign(((Tracked) key).inner, message);
    }
  }

  record Tracked(PrivateKeyHandle inner, KeyId version, List<KeyId> discarded)
      implements PrivateKeyHandle {
    @Override
    public String provider() {
      return inner.provider();
    }

    @Override
    public Algorithm algorithm() {
      return inner.algorithm();
    }

    @Override
    public byte[] publicKey() {
      return inner.publicKey();
    }

    @Override
    public boolean isDestroyed() {
      return inner.isDestroyed();
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public void discard() {
      discarded.add(version);
      close();
    }
  }

  @Test
  void generateIsToldTheVersionAndDestroyDiscardsOnlyThatVersion() {
    Recording p = new Recording();
    Kms kms = Fixtures.builder(p).build();
    KeyId key = kms.create("acme", "tok", Algorithm.ED25519);
    KeyId v2 = kms.rotate(key);
    assertEquals(List.of(key.withVersion(1), v2), p.generatedFor);
    assertEquals(key.withVersion(2), v2);
    kms.destroy(key.withVersion(1));
    assertEquals(List.of(key.withVersion(1)), p.discarded);
    assertTrue(kms.verify(kms.sign(key, MSG), MSG));
    kms.close();
    assertEquals(List.of(key.withVersion(1)), p.discarded, "close closes, never discards");
    assertTrue(p.made.get(1).isDestroyed(), "but v2's handle is closed");
  }

  @Test
  void deleteDiscardsEveryVersion() {
    Recording p = new Recording();
    try (Kms kms = Fixtures.builder(p).build()) {
      KeyId key = kms.create("acme", "tok", Algorithm.ED25519);
      kms.rotate(key);
      kms.delete(key);
      assertEquals(List.of(key.withVersion(1), key.withVersion(2)), p.discarded);
    }
  }

  @Test
  void aNewKeyWhoseRecordIsNotSavedIsDiscarded() {
    Recording p = new Recording();
    FailingStore store = new FailingStore();
    try (Kms kms = Fixtures.builder(p).store(store).build()) {
      KeyId key = kms.create("acme", "tok", Algorithm.ED25519);
      store.failing = true;
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.rotate(key));
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.create("acme", "tok", Algorithm.ED25519));
      assertEquals(List.of(p.generatedFor.get(1), p.generatedFor.get(2)), p.discarded);
      store.failing = false;
      assertEquals(1, kms.attest(key).versions().size(), "the store is unchanged");
      assertFalse(p.made.get(0).isDestroyed());
    }
  }

  /** An in-memory store whose saves fail on demand. */
  static final class FailingStore implements KeystoreStore {
    final InMemoryKeystoreStore real = new InMemoryKeystoreStore();
    volatile boolean failing;

    @Override
    public Optional<KeyRecord> load(KeyId keyId) {
      return real.load(keyId);
    }

    @Override
    public void save(KeyRecord record, long expectedRevision) {
      if (failing) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "disk full");
      }
      real.save(record, expectedRevision);
    }

    @Override
    public List<KeyId> list() {
      return real.list();
    }

    @Override
    public boolean delete(KeyId keyId) {
      return real.delete(keyId);
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
