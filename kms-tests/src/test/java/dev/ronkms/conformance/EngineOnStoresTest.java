package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.conformance.Stores.StoreKind;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's lifecycle, and rotations racing signers, on every store of {@link Stores}. */
class EngineOnStoresTest {
  private static final byte[] MSG = "pay 10 EUR to alice".getBytes(StandardCharsets.UTF_8);

  static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  void theLifecycleWorksTheSameOnEveryStore(StoreKind kind) {
    try (Kms kms = Kms.builder().store(kind.fresh()).build()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      List<Signed> signatures = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        signatures.add(kms.sign(key, MSG));
        kms.rotate(key);
      }
      for (Signed s : signatures) {
        assertTrue(kms.verify(s, MSG));
      }
      KeyId staged = kms.stageRotation(key);
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.sign(staged, MSG));
      kms.promote(staged);
      assertEquals(7, kms.sign(key, MSG).version());
      kms.disable(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.verify(signatures.get(0), MSG));
      kms.enable(key.withVersion(1));
      kms.destroy(key.withVersion(2));
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.verify(signatures.get(1), MSG));
      kms.setMinVerifyVersion(key, 4);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.verify(signatures.get(2), MSG));
      assertTrue(kms.verify(signatures.get(3), MSG));
      assertCode(ErrorCode.PRECONDITION_FAILED, () -> kms.rotate(key, 3));
      assertEquals(List.of(key), kms.list());
      assertTrue(kms.delete(key));
      assertFalse(kms.delete(key));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.sign(key, MSG));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Stores#each")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void rotationsRacingSignersLoseNothing(StoreKind kind) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Kms kms = Kms.builder().store(kind.fresh()).build()) {
      KeyId key = kms.create("acme", "race", Algorithm.ED25519);
      Set<Integer> handedOut = ConcurrentHashMap.newKeySet();
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean rotator = t < 2;
        tasks.add(pool.submit(() -> {
          while (System.nanoTime() < deadline) {
            if (rotator) {
              try {
                assertTrue(handedOut.add(kms.rotate(key).version()));
              } catch (KmsException e) {
                assertEquals(ErrorCode.CONFLICT, e.code());
              }
            } else {
              Signed s = kms.sign(key, MSG);
              assertTrue(kms.verify(s, MSG), "false rejection of " + s);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      assertEquals(handedOut.size() + 1, kms.attest(key).headVersion());
    } finally {
      pool.shutdownNow();
    }
  }
}
