package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.ErrorCode;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.CounterStore;
import dev.ronkms.seal.RollbackContext;
import dev.ronkms.softseal.KeyringSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The durable counters: they survive restarts, never go down, and serve anti-rollback. */
class FileCounterStoreTest {
  private static final RollbackContext A = RollbackContext.of("host/a", new byte[0]);
  private static final RollbackContext B = RollbackContext.of("host/b", new byte[0]);
  private static final byte[] AAD = "db-password".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void countersSurviveAReopenAndNeverGoDown() {
    try (KeyringSealer key = storeKey(key(1))) {
      try (FileKeystoreStore store = create(dir, key)) {
        CounterStore c = store.counters();
        assertEquals(1, c.increment(A));
        assertEquals(2, c.increment(A));
        assertEquals(0, c.raise(B, 7));
        assertEquals(7, c.raise(B, 3), "a raise below the mark changes nothing");
      }
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
        CounterStore c = store.counters();
        assertEquals(3, c.increment(A));
        assertEquals(8, c.increment(B));
      }
    }
  }

  @Test
  void aCounterFileReplacedByAnOlderCopyIsARollback() throws Exception {
    try (KeyringSealer key = storeKey(key(1)); FileKeystoreStore store = create(dir, key)) {
      CounterStore c = store.counters();
      c.increment(A);
      Path file = store.layout().counterFile(A);
      byte[] older = Files.readAllBytes(file);
      c.increment(A);
      Files.write(file, older);
      assertCode(ErrorCode.ROLLBACK, () -> c.increment(A));
      assertArrayEquals(older, Files.readAllBytes(file));
      Files.write(file, new byte[] {'R', 'K', 'C', 'T', 1, 2, 3});
      assertCode(ErrorCode.TAMPERED, () -> c.increment(A));
      Files.write(file, new byte[] {1});
      assertCode(ErrorCode.CORRUPT_RECORD, () -> c.increment(A));
    }
  }

  @Test
  void aHostSealerWithDurableCountersRefusesAnOldEnvelopeAfterARestart() {
    byte[] first;
    try (KeyringSealer key = storeKey(key(1))) {
      try (FileKeystoreStore store = create(dir, key);
          KeyringSealer host = hostSealer(store.counters())) {
        first = host.seal("v1".getBytes(StandardCharsets.UTF_8), AAD);
        host.seal("v2".getBytes(StandardCharsets.UTF_8), AAD);
      }
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, key);
          KeyringSealer host = hostSealer(store.counters())) {
        assertCode(ErrorCode.ROLLBACK, () -> host.open(first, AAD));
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void incrementsFromTwoStoresOnRealThreadsAreEachHandedOutOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (KeyringSealer key = storeKey(key(1));
        FileKeystoreStore one = create(dir, key);
        FileKeystoreStore two = FileKeystoreStore.open(dir, key)) {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (FileKeystoreStore s : new FileKeystoreStore[] {one, two, one, two}) {
        results.add(pool.submit(() -> {
          List<Long> got = new ArrayList<>();
          for (int i = 0; i < 10; i++) {
            got.add(s.counters().increment(A));
          }
          return got;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : results) {
        all.addAll(f.get());
      }
      all.sort(null);
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i + 1, all.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static KeyringSealer hostSealer(CounterStore counters) {
    return KeyringSealer.builder("host/secrets").addVersion(key(7))
        .antiRollback(AntiRollback.counter(counters)).build();
  }
}
