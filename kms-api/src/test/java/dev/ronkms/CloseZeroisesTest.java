package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.KeyRecord;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close() zeroises every private key the key manager ever made, whatever else was running. */
class CloseZeroisesTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void destroyRacingCloseLeavesNoSeedAlive() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 400; round++) {
        TestProvider provider = new TestProvider("t");
        Kms kms = kms(new SlowStore(), provider);
        KeyId key = kms.create("acme", "race", Algorithm.ED25519);
        kms.rotate(key);
        CountDownLatch go = new CountDownLatch(1);
        Future<?> destroy = pool.submit(() -> {
          go.await();
          try {
            kms.destroy(key.withVersion(1));
          } catch (KmsException e) {
            assertEquals(ErrorCode.CLOSED, e.code());
          }
          return null;
        });
        Future<?> close = pool.submit(() -> {
          go.await();
          kms.close();
          return null;
        });
        go.countDown();
        destroy.get(10, TimeUnit.SECONDS);
        close.get(10, TimeUnit.SECONDS);
        for (PrivateKeyHandle h : provider.made()) {
          assertTrue(h.isDestroyed(), "round " + round + ": a seed outlived close()");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFreshKeyIsZeroisedWhenItsSaveFails() {
    TestProvider provider = new TestProvider("t");
    FailingStore store = new FailingStore();
    try (Kms kms = kms(store, provider)) {
      store.failNextSave = true;
      assertCode(ErrorCode.CONFLICT, () -> kms.create("acme", "fail", Algorithm.ED25519));
      assertEquals(1, provider.made().size());
      assertTrue(provider.made().get(0).isDestroyed(), "create: the unsaved seed is zeroised");
      assertEquals(List.of(), kms.list());

      KeyId key = kms.create("acme", "ok", Algorithm.ED25519);
      store.failNextSave = true;
      assertCode(ErrorCode.CONFLICT, () -> kms.rotate(key));
      assertTrue(provider.made().get(2).isDestroyed(), "rotate: the unsaved seed is zeroised");
      assertFalse(provider.made().get(1).isDestroyed(), "the stored head is untouched");

      kms.stageRotation(key);
      assertCode(ErrorCode.PENDING_VERSION_EXISTS, () -> kms.rotate(key));
      assertTrue(provider.made().get(4).isDestroyed(),
          "a rotation the lifecycle refuses zeroises its fresh seed");
      assertEquals(2, kms.attest(key).versions().size(), "the store is unchanged");
    }
  }

  @Test
  void closeZeroisesEveryHandleAndRefusesLaterCalls() {
    TestProvider provider = new TestProvider("t");
    Kms kms = kms(null, provider);
    KeyId key = kms.create("acme", "close", Algorithm.ED25519);
    kms.rotate(key);
    kms.stageRotation(key);
    kms.destroy(key.withVersion(1));
    kms.close();
    assertEquals(3, provider.made().size());
    for (PrivateKeyHandle h : provider.made()) {
      assertTrue(h.isDestroyed());
    }
    assertCode(ErrorCode.CLOSED, () -> kms.sign(key, MSG));
    assertCode(ErrorCode.CLOSED, () -> kms.create("acme", "late", Algorithm.ED25519));
    assertCode(ErrorCode.CLOSED, () -> kms.rotate(key));
    assertEquals(3, provider.made().size(), "no key is generated after close");
    kms.close();
  }

  @Test
  void deleteZeroisesTheKeysVersionsOnly() {
    TestProvider provider = new TestProvider("t");
    try (Kms kms = kms(null, provider)) {
      KeyId a = kms.create("acme", "a", Algorithm.ED25519);
      kms.rotate(a);
      KeyId b = kms.create("acme", "b", Algorithm.ED25519);
      assertTrue(kms.delete(a));
      assertFalse(kms.delete(a));
      List<PrivateKeyHandle> made = provider.made();
      assertTrue(made.get(0).isDestroyed() && made.get(1).isDestroyed());
      assertFalse(made.get(2).isDestroyed());
      kms.sign(b, MSG);
      assertCode(ErrorCode.INVALID_KEY_ID, () -> kms.delete(null));
    }
  }

  /**
   * An in-memory store that pauses after applying a save and then reports CLOSED if it was
   * closed meanwhile, as a store on slower media may: it widens the window in which a racing
   * close() used to leave the destroyed version's seed alive.
   */
  static final class SlowStore extends ForwardingStore {
    volatile boolean closed;

    @Override
    public void save(KeyRecord record, long expectedRevision) {
      inner.save(record, expectedRevision);
      LockSupport.parkNanos(200_000);
      if (closed) {
        throw new KmsException(ErrorCode.CLOSED, "closed while saving");
      }
    }

    @Override
    public void close() {
      closed = true;
      inner.close();
    }
  }

  /** An in-memory store whose next save can be made to lose its compare-and-set. */
  static final class FailingStore extends ForwardingStore {
    volatile boolean failNextSave;

    @Override
    public void save(KeyRecord record, long expectedRevision) {
      if (failNextSave) {
        failNextSave = false;
        throw new KmsException(ErrorCode.CONFLICT, "injected");
      }
      inner.save(record, expectedRevision);
    }
  }
}
