package dev.ronkms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InMemoryKeystoreStoreTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static KeyId id(int n) {
    return KeyId.of("acme", "store", Algorithm.ED25519, new UUID(0, n));
  }

  static KeyVersion version(int n) {
    byte[] pk = new byte[32];
    pk[0] = (byte) n;
    return new KeyVersion(n, VersionState.ENABLED, T0, pk, TestProvider.unboundSeed(pk, "t"));
  }

  static KeyRecord created(KeyId id) {
    return KeyRecord.of(id, "t", 1, 1, 1, List.of(version(1)));
  }

  static KeyRecord rotated(KeyRecord r) {
    List<KeyVersion> vs = new ArrayList<>(r.versions());
    vs.add(version(vs.size() + 1));
    return KeyRecord.of(r.id(), "t", r.revision() + 1, vs.size(), 1, vs);
  }

  static KeyRecord minChanged(KeyRecord r) {
    return KeyRecord.of(r.id(), "t", r.revision() + 1, r.head(), r.minVerifyVersion(),
        r.versions());
  }

  @Test
  void compareAndSetOnRevision() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    KeyRecord r1 = created(id(1));
    store.save(r1, 0);
    assertEquals(ErrorCode.KEY_EXISTS,
        assertThrows(KmsException.class, () -> store.save(r1, 0)).code());
    KeyRecord r2 = rotated(r1);
    KeyRecord r2b = minChanged(r1); // same base revision, another change
    store.save(r2, 1);
    KmsException conflict = assertThrows(KmsException.class, () -> store.save(
        rotated(r2), 1));
    assertEquals(ErrorCode.INVALID_ARGUMENT, conflict.code(), "revision must follow expected");
    KmsException lost = assertThrows(KmsException.class, () -> store.save(r2b, 1));
    assertEquals(ErrorCode.CONFLICT, lost.code());
    assertTrue(lost.retryable());
    assertEquals(r2.revision(), store.load(id(1)).orElseThrow().revision());
    assertEquals(2, store.load(id(1).withVersion(1)).orElseThrow().head(),
        "loads by unversioned id");
    KeyRecord other = rotated(created(id(2)));
    assertEquals(ErrorCode.KEY_NOT_FOUND,
        assertThrows(KmsException.class, () -> store.save(other, 1)).code());
  }

  @Test
  void listIsSortedAndDeleteZeroises() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    for (int n : new int[] {3, 1, 2}) {
      store.save(created(id(n)), 0);
    }
    assertEquals(List.of(id(1), id(2), id(3)), store.list());
    PrivateKeyHandle seed = store.load(id(2)).orElseThrow().version(1).handle().orElseThrow();
    PrivateKeyHandle kept = store.load(id(1)).orElseThrow().version(1).handle().orElseThrow();
    assertTrue(store.delete(id(2)));
    assertFalse(store.delete(id(2)));
    assertTrue(seed.isDestroyed());
    assertFalse(kept.isDestroyed(), "only the deleted key's material is destroyed");
    assertEquals(List.of(id(1), id(3)), store.list());
  }

  @Test
  void closeZeroisesEverythingAndRefusesCalls() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    KeyRecord first = created(id(1));
    store.save(first, 0);
    store.save(rotated(first), 1);
    PrivateKeyHandle seed = store.load(id(1)).orElseThrow().version(1).handle().orElseThrow();
    PrivateKeyHandle head = store.load(id(1)).orElseThrow().version(2).handle().orElseThrow();
    store.close();
    assertTrue(seed.isDestroyed());
    assertTrue(head.isDestroyed());
    assertEquals(ErrorCode.CLOSED, assertThrows(KmsException.class, store::list).code());
    assertEquals(ErrorCode.CLOSED,
        assertThrows(KmsException.class, () -> store.load(id(1))).code());
    store.close();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void ofManyConcurrentWritersFromOneRevisionExactlyOneWins() throws Exception {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 200; round++) {
        KeyRecord base = created(id(1000 + round));
        store.save(base, 0);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(pool.submit(() -> {
            go.await();
            try {
              store.save(rotated(base), 1);
              return true;
            } catch (KmsException e) {
              assertEquals(ErrorCode.CONFLICT, e.code());
              return false;
            }
          }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
          wins += f.get() ? 1 : 0;
        }
        assertEquals(1, wins);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
