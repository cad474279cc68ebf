package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.kms;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.store.KeyRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores on one directory stand for two processes: they share only the files and the lock
 * file, each with its own cache. Compare-and-set must hold between them as within one.
 */
class FileStoreConcurrencyTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void ofSavesRacingFromTwoStoresExactlyOneWinsPerRevision() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (KeyringSealer key = storeKey(key(1));
        FileKeystoreStore a = create(dir, key);
        FileKeystoreStore b = FileKeystoreStore.open(dir, key)) {
      KeyId id = KeyId.of("acme", "race", Algorithm.ED25519, java.util.UUID.randomUUID());
      a.save(StoreFixture.newRecord(id), 0);
      for (int round = 0; round < 30; round++) {
        KeyRecord current = a.load(id).orElseThrow();
        KeyRecord next = withMinVersion(current);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (FileKeystoreStore s : new FileKeystoreStore[] {a, b, a, b}) {
          results.add(pool.submit(() -> {
            go.await();
            try {
              s.save(next, current.revision());
              return true;
            } catch (KmsException e) {
              assertEquals(ErrorCode.CONFLICT, e.code(), e.getMessage());
              return false;
            }
          }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
          wins += f.get() ? 1 : 0;
        }
        assertEquals(1, wins, "round " + round);
        assertEquals(current.revision() + 1, b.load(id).orElseThrow().revision());
        assertEquals(current.revision() + 1, a.load(id).orElseThrow().revision());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void rotationsFromTwoStoresOnRealThreadsNeverLoseOrRepeatAVersion() throws Exception {
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (KeyringSealer key = storeKey(key(2));
        Kms one = kms(create(dir, key));
        Kms two = kms(FileKeystoreStore.open(dir, key))) {
      KeyId id = one.create("acme", "rotating", Algorithm.ED25519);
      Set<Integer> handedOut = ConcurrentHashMap.newKeySet();
      AtomicInteger conflicts = new AtomicInteger();
      List<Future<?>> tasks = new ArrayList<>();
      for (Kms kms : new Kms[] {one, two, one, two}) {
        tasks.add(pool.submit(() -> {
          int done = 0;
          int last = 0;
          while (done < perThread) {
            try {
              int v = kms.rotate(id).version();
              assertTrue(v > last, "versions grow for each rotator");
              assertTrue(handedOut.add(v), "v" + v + " handed out twice");
              last = v;
              done++;
              byte[] msg = ("v" + v).getBytes(StandardCharsets.UTF_8);
              assertTrue(kms.verify(kms.sign(id, msg), msg));
            } catch (KmsException e) {
              assertEquals(ErrorCode.CONFLICT, e.code(), e.getMessage());
              conflicts.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      int rotations = 4 * perThread;
      Attestation seenByOne = one.attest(id);
      Attestation seenByTwo = two.attest(id);
      assertEquals(seenByOne.toJson(), seenByTwo.toJson());
      assertEquals(rotations + 1, seenByOne.headVersion());
      assertEquals(rotations, handedOut.size());
      for (int v = 2; v <= rotations + 1; v++) {
        assertTrue(handedOut.contains(v), "v" + v + " missing");
      }
      for (Attestation.VersionInfo v : seenByOne.versions()) {
        assertEquals(VersionState.ENABLED, v.state());
      }
      System.out.println("two stores, 4 rotators: " + rotations + " rotations, "
          + conflicts.get() + " conflicts retried");
    } finally {
      pool.shutdownNow();
    }
  }

  private static KeyRecord withMinVersion(KeyRecord r) {
    return KeyRecord.of(r.id(), r.provider().orElse(null), r.revision() + 1, r.head(),
        r.minVerifyVersion(), r.versions());
  }
}
