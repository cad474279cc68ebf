package dev.ronkms.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The four meters after a workload, their fixed label sets, and exact counts under threads. */
class KmsMetricsTest {
  private static final byte[] MSG = "pay 10 EUR".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, Set<String>> LABELS = Map.of(
      KmsMetrics.OPS, Set.of("op", "alg"),
      KmsMetrics.FAILURES, Set.of("op", "code"),
      KmsMetrics.LATENCY, Set.of("op"),
      KmsMetrics.BATCH_LEN, Set.of());

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aWorkloadFillsEachMeterWithItsLabels() {
    KeyId key;
    try (Kms kms = KmsMetrics.bindTo(Kms.builder(), registry).build()) {
      key = kms.create("acme-tenant", "payments", Algorithm.ED25519);
      Signed signed = kms.sign(key, MSG);
      assertTrue(kms.verify(signed, MSG));
      assertFalse(kms.verify(signed, "pay 99 EUR".getBytes(StandardCharsets.UTF_8)));
      KeyId missing = KeyId.parse(key.toString().replace("payments", "nothing"));
      assertEquals(ErrorCode.KEY_NOT_FOUND,
          assertThrows(KmsException.class, () -> kms.sign(missing, MSG)).code());
      kms.verifyBatch(List.of(VerifyRequest.of(signed, MSG), VerifyRequest.of(signed, MSG),
          VerifyRequest.of(signed, new byte[1])));
    }

    assertEquals(1, ops("create", "ed25519"));
    assertEquals(2, ops("sign", "ed25519"), "the failed sign counts as an operation too");
    assertEquals(2, ops("verify", "ed25519"), "valid and invalid");
    assertEquals(1, ops("verify_batch", "none"), "a batch names no key");
    assertEquals(1, registry.get(KmsMetrics.FAILURES).counters().size(),
        "an invalid signature is not a failure");
    assertEquals(1.0, registry.get(KmsMetrics.FAILURES).tag("op", "sign")
        .tag("code", "KEY_NOT_FOUND").counter().count());
    for (String op : List.of("create", "sign", "verify", "verify_batch")) {
      Timer t = registry.get(KmsMetrics.LATENCY).tag("op", op).timer();
      assertEquals(op.equals("create") || op.equals("verify_batch") ? 1 : 2, t.count(), op);
      assertTrue(t.totalTime(TimeUnit.NANOSECONDS) > 0, op);
    }
    DistributionSummary batch = registry.get(KmsMetrics.BATCH_LEN).summary();
    assertEquals(1, batch.count());
    assertEquals(3.0, batch.totalAmount());
    assertFixedLabels(key);
  }

  @Test
  void countsAreExactUnderThreads() throws Exception {
    int threads = 8;
    int perThread = 250;
    try (Kms kms = Kms.builder().listener(new KmsMetrics(registry)).build()) {
      KeyId key = kms.create("acme", "load", Algorithm.ED25519);
      Signed signed = kms.sign(key, MSG);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int id = t;
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < perThread; i++) {
              kms.sign(key, MSG);
              kms.verify(signed, id % 2 == 0 ? MSG : new byte[] {(byte) i});
              kms.verifyBatch(List.of(VerifyRequest.of(signed, MSG)));
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      int n = threads * perThread;
      assertEquals(n + 1, ops("sign", "ed25519"));
      assertEquals(n, ops("verify", "ed25519"));
      assertEquals(n, ops("verify_batch", "none"));
      assertEquals(n + 1, registry.get(KmsMetrics.LATENCY).tag("op", "sign").timer().count());
      assertEquals(n, registry.get(KmsMetrics.BATCH_LEN).summary().count());
      assertEquals((double) n, registry.get(KmsMetrics.BATCH_LEN).summary().totalAmount());
      assertNull(registry.find(KmsMetrics.FAILURES).counter(), "nothing failed");
      assertFixedLabels(key);
    }
  }

  @Test
  void eachMeterIsRegisteredOnceAndReused() {
    KmsMetrics metrics = new KmsMetrics(registry);
    assertSame(registry, metrics.registry());
    assertFalse(metrics.failClosed(), "fail-open");
    for (int i = 0; i < 3; i++) {
      metrics.onOperation(event(Operation.SIGN, Algorithm.ED25519, Outcome.SUCCESS, null, 0));
      metrics.onOperation(event(Operation.SIGN, Algorithm.ED25519, Outcome.FAILURE,
          ErrorCode.VERSION_DISABLED, 0));
      metrics.onOperation(event(Operation.SEAL, null, Outcome.FAILURE,
          ErrorCode.INVALID_KEY_ID, 0));
    }
    assertEquals(6, ops("sign", "ed25519"));
    assertEquals(3, ops("seal", KmsMetrics.NO_ALGORITHM));
    assertEquals(2, registry.get(KmsMetrics.FAILURES).counters().size());
    assertEquals(3.0, registry.get(KmsMetrics.FAILURES).tag("code", "VERSION_DISABLED")
        .counter().count());
    assertEquals(1, registry.get(KmsMetrics.BATCH_LEN).summaries().size(),
        "the batch summary exists from the start");
    assertEquals(0, registry.get(KmsMetrics.BATCH_LEN).summary().count(),
        "only verify_batch records a batch length");
    // 1 batch summary + 2 ops counters + 2 failure counters + 2 timers
    assertEquals(7, registry.getMeters().size());
    assertThrows(NullPointerException.class, () -> new KmsMetrics(null));
    assertThrows(NullPointerException.class, () -> KmsMetrics.bindTo(null, registry));
  }

  @Test
  void aBrokenRegistryNeverFailsAnOperation() {
    MeterRegistry broken = new SimpleMeterRegistry();
    broken.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (id.getName().equals(KmsMetrics.OPS)) {
          throw new IllegalStateException("registry is broken");
        }
        return id;
      }
    });
    try (Kms kms = KmsMetrics.bindTo(Kms.builder(), broken).build()) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      assertNotNull(key, "fail-open: the key manager ignores the listener's failure");
      assertTrue(kms.verify(kms.sign(key, MSG), MSG));
    }
    assertNull(broken.find(KmsMetrics.OPS).counter());
  }

  private static OperationEvent event(Operation op, Algorithm alg, Outcome outcome,
      ErrorCode code, int batch) {
    return new OperationEvent(Instant.EPOCH, op, alg, null, outcome, code, null, 1_000, batch);
  }

  private double ops(String op, String alg) {
    Counter c = registry.find(KmsMetrics.OPS).tag("op", op).tag("alg", alg).counter();
    return c == null ? 0 : c.count();
  }

  /** Every meter has exactly its documented label keys, and no value names a tenant or key. */
  private void assertFixedLabels(KeyId key) {
    List<Meter> meters = registry.getMeters();
    assertFalse(meters.isEmpty());
    for (Meter m : meters) {
      String name = m.getId().getName();
      assertTrue(LABELS.containsKey(name), "an unexpected meter " + name);
      Set<String> keys = new java.util.TreeSet<>();
      for (Tag t : m.getId().getTags()) {
        keys.add(t.getKey());
        for (String secret : List.of(key.tenant(), key.purpose(), key.toString(),
            key.uuid().toString())) {
          assertFalse(t.getValue().contains(secret), m.getId() + " names the key: " + secret);
        }
      }
      assertEquals(LABELS.get(name), keys, m.getId().toString());
    }
  }
}
