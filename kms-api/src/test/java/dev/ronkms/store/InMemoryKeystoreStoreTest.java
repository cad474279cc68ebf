package dev.ronkms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyRecord;
import dev.ronkms.keys.KeyVersion;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.SecretSeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InMemoryKeystoreStoreTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static KeyId id(int n) {
    return KeyId.of("acme", "store", Algorithm.ED25519, new UUID(0, n));
  }

  static KeyVersion version(int n) {
    byte[] seed = new byte[32];
    seed[0] = 42;
    return new KeyVersion(n, VersionState.ENABLED, T0, new byte[32], SecretSeed.copyOf(seed, "t"));
  }

  @Test
  void compareAndSetOnRevision() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    KeyRecord r1 = KeyRecord.create(id(1), "t", version(1));
    store.save(r1, 0);
    assertEquals(ErrorCode.KEY_EXISTS,
        assertThrows(KmsException.class, () -> store.save(r1, 0)).code());
    KeyRecord r2 = r1.rotated(version(2));
    KeyRecord r2b = r1.withMinVerifyVersion(1).rotated(version(2)); // same base, other change
    store.save(r2, 1);
    KmsException conflict = assertThrows(KmsException.class, () -> store.save(
        r2.rotated(version(3)), 1));
    assertEquals(ErrorCode.INVALID_ARGUMENT, conflict.code(), "revision must follow expected");
    KmsException lost = assertThrows(KmsException.class, () -> store.save(r2b, 1));
    assertEquals(r2b.revision(), 2);
    assertEquals(ErrorCode.CONFLICT, lost.code());
    assertTrue(lost.retryable());
    assertEquals(r2.revision(), store.load(id(1)).orElseThrow().revision());
    assertEquals(2, store.load(id(1).withVersion(1)).orElseThrow().head(),
        "loads by unversioned id");
    KeyRecord other = KeyRecord.create(id(2), "t", version(1)).rotated(version(2));
    assertEquals(ErrorCode.KEY_NOT_FOUND,
        assertThrows(KmsException.class, () -> store.save(other, 1)).code());
  }

  @Test
  void listIsSortedAndDeleteZeroises() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    for (int n : new int[] {3, 1, 2}) {
      store.save(KeyRecord.create(id(n), "t", version(1)), 0);
    }
    assertEquals(List.of(id(1), id(2), id(3)), store.list());
    SecretSeed seed = (SecretSeed) store.load(id(2)).orElseThrow().version(1).privateKey();
    byte[] inside = seed.apply(Function.identity());
    assertTrue(store.delete(id(2)));
    assertFalse(store.delete(id(2)));
    assertTrue(seed.isDestroyed());
    assertEquals(0, inside[0]);
    assertEquals(List.of(id(1), id(3)), store.list());
  }

  @Test
  void closeZeroisesEverythingAndRefusesCalls() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    store.save(KeyRecord.create(id(1), "t", version(1)), 0);
    SecretSeed seed = (SecretSeed) store.load(id(1)).orElseThrow().version(1).privateKey();
    store.close();
    assertTrue(seed.isDestroyed());
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
        KeyRecord base = KeyRecord.create(id(1000 + round), "t", version(1));
        store.save(base, 0);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(pool.submit(() -> {
            go.await();
            try {
              store.save(base.rotated(version(2)), 1);
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
