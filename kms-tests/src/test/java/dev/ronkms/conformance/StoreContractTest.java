package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.conformance.Stores.StoreKind;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import dev.ronkms.store.KeystoreStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link KeystoreStore} contract, over every store of {@link Stores}: compare-and-set on the
 * revision with exactly one winner, the typed refusals (KEY_EXISTS, KEY_NOT_FOUND, CONFLICT,
 * INVALID_ARGUMENT) that change nothing, sorted listing, delete and close destroying private
 * keys, every call after close refused. Records hold real keys of the highest-priority provider,
 * so a durable store can seal them.
 */
class StoreContractTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final SignatureProvider PROVIDER = Backends.ed25519().get(0);

  static KeyId id(int n) {
    return KeyId.of("acme", "store", Algorithm.ED25519, new UUID(0, n));
  }

  static KeyVersion version(int n) {
    PrivateKeyHandle h = PROVIDER.generate(Algorithm.ED25519);
    return new KeyVersion(n, VersionState.ENABLED, T0.plusSeconds(n), h.publicKey(), h);
  }

  static KeyRecord created(KeyId id) {
    return KeyRecord.of(id, PROVIDER.name(), 1, 1, 1, List.of(version(1)));
  }

  static KeyRecord rotated(KeyRecord r) {
    List<KeyVersion> vs = new ArrayList<>(r.versions());
    vs.add(version(vs.size() + 1));
    return KeyRecord.of(r.id(), PROVIDER.name(), r.revision() + 1, vs.size(), 1, vs);
  }

  static KeyRecord minChanged(KeyRecord r) {
    return KeyRecord.of(r.id(), PROVIDER.name(), r.revision() + 1, r.head(),
        r.minVerifyVersion(), r.versions());
  }

  static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void compareAndSetOnRevision(StoreKind kind) {
    try (KeystoreStore store = kind.fresh()) {
      KeyRecord r1 = created(id(1));
      store.save(r1, 0);
      assertCode(ErrorCode.KEY_EXISTS, () -> store.save(r1, 0));
      KeyRecord r2 = rotated(r1);
      KeyRecord r2b = minChanged(r1); // same base revision, another change
      store.save(r2, 1);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.save(rotated(r2), 1));
      KmsException lost = assertThrows(KmsException.class, () -> store.save(r2b, 1));
      assertEquals(ErrorCode.CONFLICT, lost.code());
      assertTrue(lost.retryable());
      assertEquals(r2.revision(), store.load(id(1)).orElseThrow().revision());
      assertEquals(2, store.load(id(1).withVersion(1)).orElseThrow().head(),
          "loads by unversioned id");
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> store.save(rotated(created(id(2))), 1));
      assertTrue(store.load(id(2)).isEmpty());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void aRecordReadBackIsTheRecordSaved(StoreKind kind) {
    try (KeystoreStore store = kind.fresh()) {
      KeyRecord r = rotated(created(id(3)));
      List<KeyVersion> vs = new ArrayList<>(r.versions());
      KeyVersion first = vs.get(0);
      vs.set(0, new KeyVersion(1, VersionState.DISABLED, first.createdAt(), first.publicKey(),
          first.handle().orElseThrow()));
      KeyRecord saved = KeyRecord.of(r.id(), PROVIDER.name(), 1, 2, 1, vs,
          ExportPolicy.values()[ExportPolicy.values().length - 1]);
      store.save(saved, 0);
      KeyRecord back = store.load(id(3)).orElseThrow();
      assertEquals(saved.toString(), back.toString());
      assertEquals(saved.exportPolicy(), back.exportPolicy());
      for (int v = 1; v <= 2; v++) {
        KeyVersion a = saved.version(v);
        KeyVersion b = back.version(v);
        assertEquals(a.toString(), b.toString());
        assertArrayEquals(a.publicKey(), b.handle().orElseThrow().publicKey());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void aRefusedSaveChangesNothing(StoreKind kind) {
    try (KeystoreStore store = kind.fresh()) {
      KeyRecord r1 = created(id(4));
      store.save(r1, 0);
      KeyRecord stored = store.load(id(4)).orElseThrow();
      KeyRecord r2 = rotated(r1);
      assertCode(ErrorCode.CONFLICT, () -> store.save(minChanged(r2), 2));
      assertCode(ErrorCode.KEY_EXISTS, () -> store.save(created(id(4)), 0));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.save(r2, 0));
      KeyRecord after = store.load(id(4)).orElseThrow();
      assertEquals(stored.toString(), after.toString());
      assertEquals(1, after.revision());
      assertFalse(after.version(1).handle().orElseThrow().isDestroyed());
      assertFalse(r2.version(2).handle().orElseThrow().isDestroyed(),
          "a refused save does not touch the caller's record");
      assertEquals(List.of(id(4)), store.list());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void listIsSortedAndDeleteZeroises(StoreKind kind) {
    try (KeystoreStore store = kind.fresh()) {
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
      assertTrue(store.load(id(2)).isEmpty());
      store.save(created(id(2)), 0);
      assertEquals(1, store.load(id(2)).orElseThrow().revision(), "a deleted id can be reused");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void listIsSortedWhateverTheInsertionOrder(StoreKind kind) {
    try (KeystoreStore store = kind.fresh()) {
      Random random = new Random(99);
      List<KeyId> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        KeyId id = KeyId.of("t" + random.nextInt(5), "p" + random.nextInt(5), Algorithm.ED25519,
            new UUID(random.nextLong(), random.nextLong()));
        ids.add(id);
        store.save(created(id), 0);
      }
      ids.sort(null);
      assertEquals(ids, store.list());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void closeZeroisesEverythingAndRefusesEveryCall(StoreKind kind) {
    KeystoreStore store = kind.fresh();
    KeyRecord first = created(id(1));
    store.save(first, 0);
    store.save(rotated(first), 1);
    PrivateKeyHandle seed = store.load(id(1)).orElseThrow().version(1).handle().orElseThrow();
    PrivateKeyHandle head = store.load(id(1)).orElseThrow().version(2).handle().orElseThrow();
    String open = store.toString();
    store.close();
    assertTrue(seed.isDestroyed());
    assertTrue(head.isDestroyed());
    KeyRecord late = created(id(5));
    assertCode(ErrorCode.CLOSED, () -> store.load(id(1)));
    assertCode(ErrorCode.CLOSED, () -> store.save(late, 0));
    assertCode(ErrorCode.CLOSED, store::list);
    assertCode(ErrorCode.CLOSED, () -> store.delete(id(1)));
    assertFalse(late.version(1).handle().orElseThrow().isDestroyed(),
        "a refused save does not touch the caller's record");
    assertNotEquals(open, store.toString(), "toString tells a closed store from an open one");
    assertTrue(store.toString().contains("closed"), store.toString());
    store.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void ofManyConcurrentWritersFromOneRevisionExactlyOneWins(StoreKind kind) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (KeystoreStore store = kind.fresh()) {
      for (int round = 0; round < 100; round++) {
        KeyRecord base = created(id(1000 + round));
        store.save(base, 0);
        KeyRecord next = rotated(base);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          results.add(pool.submit(() -> {
            go.await();
            try {
              store.save(next, 1);
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
        assertEquals(2, store.load(base.id()).orElseThrow().revision());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
