package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.SignatureProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real threads against the real in-memory store for a bounded time: rotators race each other
 * while signers sign and verify and auditors attest. Claims checked: zero false rejections,
 * versions strictly increasing with no gaps or duplicates, and no torn attestation.
 */
class ConcurrentRotationTest {
  private static final long RUN_MILLIS = 1500;

  private record Made(Signed sig, byte[] msg) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void rotationsSigningAndAttestingInterleaveSafely(SignatureProvider backend) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(7);
    try (Kms kms = Kms.builder().addProvider(backend)
        .provider(Algorithm.ED25519, backend.name()).build()) {
      KeyId key = kms.create("acme", "chaos", Algorithm.ED25519);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
      Set<Integer> rotatedTo = ConcurrentHashMap.newKeySet();
      List<Made> signed = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicLong conflicts = new AtomicLong();
      List<Future<?>> tasks = new ArrayList<>();

      for (int r = 0; r < 2; r++) {
        tasks.add(pool.submit(() -> {
          int last = 0;
          while (System.nanoTime() < deadline) {
            try {
              int v = kms.rotate(key).version();
              assertTrue(v > last, "a rotator sees versions strictly increase");
              assertTrue(rotatedTo.add(v), "version v" + v + " handed out twice");
              last = v;
            } catch (KmsException e) {
              assertEquals(ErrorCode.CONFLICT, e.code());
              conflicts.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (int s = 0; s < 3; s++) {
        final int id = s;
        tasks.add(pool.submit(() -> {
          int n = 0;
          while (System.nanoTime() < deadline) {
            byte[] msg = ("signer " + id + " message " + n++).getBytes(StandardCharsets.UTF_8);
            Signed sig = kms.sign(key, msg);
            assertTrue(kms.verify(sig, msg), "false rejection of " + sig);
            signed.add(new Made(sig, msg));
          }
          return null;
        }));
      }
      for (int a = 0; a < 2; a++) {
        tasks.add(pool.submit(() -> {
          int lastHead = 0;
          while (System.nanoTime() < deadline) {
            Attestation att = kms.attest(key);
            assertWhole(att);
            assertTrue(att.headVersion() >= lastHead, "head went backwards");
            lastHead = att.headVersion();
          }
          return null;
        }));
      }
      for (Future<?> f : tasks) {
        f.get(30, TimeUnit.SECONDS);
      }

      Attestation end = kms.attest(key);
      assertWhole(end);
      assertEquals(rotatedTo.size() + 1, end.headVersion(), "every successful rotation counted");
      for (int v = 2; v <= end.headVersion(); v++) {
        assertTrue(rotatedTo.contains(v), "no gap at v" + v);
      }
      assertTrue(rotatedTo.size() > 0 && signed.size() > 0, "the test did real work");
      for (Made m : signed) {
        assertTrue(kms.verify(m.sig(), m.msg()), "old signature " + m.sig()
            + " rejected after every rotation");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** An attestation taken mid-rotation must still be one whole state. */
  private static void assertWhole(Attestation att) {
    assertEquals(att.versions().size(), att.headVersion(), "head is the newest version");
    assertEquals(att.headVersion(), att.revision(), "one revision per rotation");
    for (int i = 0; i < att.versions().size(); i++) {
      assertEquals(i + 1, att.versions().get(i).version());
      assertEquals(VersionState.ENABLED, att.versions().get(i).state());
    }
  }
}
