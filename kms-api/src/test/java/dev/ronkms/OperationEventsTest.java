package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.OperationListener;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.spi.TestSealer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One event per key operation, with what names it and nothing secret; listener failures. */
class OperationEventsTest {
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

  /** Records every event. */
  static final class Recorder implements OperationListener {
    final ConcurrentLinkedQueue<OperationEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    public void onOperation(OperationEvent event) {
      events.add(event);
    }

    List<OperationEvent> drain() {
      List<OperationEvent> out = new ArrayList<>(events);
      events.clear();
      return out;
    }

    OperationEvent only() {
      List<OperationEvent> all = drain();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  private static Kms kms(OperationListener... listeners) {
    KmsBuilder b = Fixtures.builder(new TestProvider("sig"), new TestAeadProvider("aead"))
        .clock(Clock.fixed(T0, ZoneOffset.UTC)).antiRollback(AntiRollback.disabled());
    for (OperationListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  private static void assertEvent(OperationEvent e, Operation op, KeyId key, Outcome outcome,
      String provider) {
    assertEquals(op, e.operation(), e.toString());
    assertEquals(key, e.keyId(), e.toString());
    assertEquals(key == null ? null : key.algorithm(), e.algorithm());
    assertEquals(outcome, e.outcome(), e.toString());
    assertEquals(provider, e.provider(), e.toString());
    assertEquals(T0, e.time());
    assertTrue(e.nanos() >= 0);
    assertEquals(0, e.batchLength());
    assertNull(e.error());
  }

  @Test
  void everyLifecycleOperationReportsItselfOnce() {
    Recorder r = new Recorder();
    try (Kms kms = kms(r)) {
      KeyId key = kms.create("acme", "events", Algorithm.ED25519);
      assertEvent(r.only(), Operation.CREATE, key.withVersion(1), Outcome.SUCCESS, "sig");
      Signed s = kms.sign(key, MSG);
      assertEvent(r.only(), Operation.SIGN, key.withVersion(1), Outcome.SUCCESS, "sig");
      assertTrue(kms.verify(s, MSG));
      assertEvent(r.only(), Operation.VERIFY, s.keyId(), Outcome.SUCCESS, "sig");
      assertFalse(kms.verify(s.keyId(), "other".getBytes(), s.signature()));
      assertEvent(r.only(), Operation.VERIFY, s.keyId(), Outcome.NEGATIVE, "sig");
      KeyId v2 = kms.rotate(key);
      assertEvent(r.only(), Operation.ROTATE, v2, Outcome.SUCCESS, "sig");
      KeyId v3 = kms.stageRotation(key);
      assertEvent(r.only(), Operation.STAGE, v3, Outcome.SUCCESS, "sig");
      kms.promote(v3);
      assertEvent(r.only(), Operation.PROMOTE, v3, Outcome.SUCCESS, "sig");
      kms.disable(v2);
      assertEvent(r.only(), Operation.DISABLE, v2, Outcome.SUCCESS, "sig");
      kms.enable(v2);
      assertEvent(r.only(), Operation.ENABLE, v2, Outcome.SUCCESS, "sig");
      kms.setMinVerifyVersion(key, 2);
      assertEvent(r.only(), Operation.SET_MIN_VERSION, key, Outcome.SUCCESS, "sig");
      kms.disable(key.withVersion(1));
      r.drain();
      kms.destroy(key.withVersion(1));
      assertEvent(r.only(), Operation.DESTROY, key.withVersion(1), Outcome.SUCCESS, "sig");
      kms.attest(key);
      assertEvent(r.only(), Operation.ATTEST, key, Outcome.SUCCESS, "sig");
      KeyId partner = kms.importPublicKey("acme", "partner", Algorithm.ED25519,
          kms.publicKey(v3));
      assertEvent(r.only(), Operation.IMPORT_PUBLIC, partner.withVersion(1), Outcome.SUCCESS,
          null);
      KeyId partnerV2 = kms.rotateToPublicKey(partner, kms.publicKey(v2));
      assertEvent(r.only(), Operation.ROTATE_PUBLIC, partnerV2, Outcome.SUCCESS, null);
      assertTrue(kms.delete(key));
      assertEvent(r.only(), Operation.DELETE, key, Outcome.SUCCESS, null);
    }
  }

  @Test
  void sealingExportImportAndBatchesReportToo() {
    Recorder r = new Recorder();
    try (Kms kms = kms(r); Kms other = kms(r); TestSealer recipient = new TestSealer("tests/recipient")) {
      KeyId box = kms.create("acme", "box", Algorithm.AES_256_GCM);
      r.drain();
      byte[] envelope = kms.seal(box, MSG, new byte[0]);
      assertEvent(r.only(), Operation.SEAL, box, Outcome.SUCCESS, "aead");
      kms.open(envelope, new byte[0]);
      assertEvent(r.only(), Operation.OPEN, null, Outcome.SUCCESS, null);
      kms.reseal(envelope, new byte[0]);
      assertEvent(r.only(), Operation.RESEAL, null, Outcome.SUCCESS, null);

      KeyId moving = kms.create("acme", "moving", Algorithm.ED25519,
          ExportPolicy.EXPORTABLE_SEALED);
      r.drain();
      byte[] bundle = kms.exportKey(moving, recipient);
      assertEvent(r.only(), Operation.EXPORT, moving, Outcome.SUCCESS, "sig");
      assertEquals(moving, other.importKey(bundle, recipient));
      assertEvent(r.only(), Operation.IMPORT, moving, Outcome.SUCCESS, "sig");

      Signed s = kms.sign(moving, MSG);
      r.drain();
      kms.verifyBatch(List.of(new VerifyRequest(s.keyId(), MSG, s.signature()),
          new VerifyRequest(s.keyId(), MSG, new byte[64])));
      OperationEvent batch = r.only();
      assertEquals(Operation.VERIFY_BATCH, batch.operation());
      assertEquals(2, batch.batchLength());
      assertEquals(Outcome.SUCCESS, batch.outcome());
      assertNull(batch.keyId());
      kms.verifyBatchParallel(List.of(new VerifyRequest(s.keyId(), MSG, s.signature())));
      assertEquals(1, r.only().batchLength());
    }
  }

  @Test
  void aFailureReportsItsCode() {
    Recorder r = new Recorder();
    try (Kms kms = kms(r)) {
      KeyId key = kms.create("acme", "events", Algorithm.ED25519);
      r.drain();
      KeyId missing = key.withVersion(7);
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.verify(missing, MSG, new byte[64]));
      OperationEvent e = r.only();
      assertEquals(Operation.VERIFY, e.operation());
      assertEquals(Outcome.FAILURE, e.outcome());
      assertEquals(ErrorCode.VERSION_NOT_FOUND, e.error());
      assertEquals(missing, e.keyId());
      assertEquals("sig", e.provider());
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> kms.create("acme", "x", Algorithm.ED25519,
          dev.ronkms.keys.KeyOptions.defaults(), "nobody"));
      OperationEvent refused = r.only();
      assertEquals(Operation.CREATE, refused.operation());
      assertEquals(ErrorCode.PROVIDER_NOT_FOUND, refused.error());
      assertNull(refused.provider(), "nothing was stored");
    }
  }

  @Test
  void aFailOpenListenerNeverChangesTheAnswer() {
    Recorder after = new Recorder();
    OperationListener broken = e -> {
      throw new IllegalStateException("disk full");
    };
    try (Kms kms = kms(broken, after)) {
      KeyId key = kms.create("acme", "events", Algorithm.ED25519);
      assertTrue(kms.verify(kms.sign(key, MSG), MSG));
      assertEquals(3, after.drain().size(), "the listeners after it still hear every event");
    }
  }

  @Test
  void aFailClosedListenerWithholdsTheResultButNeverUndoesTheStore() {
    boolean[] failing = {false};
    OperationListener audit = new OperationListener() {
      @Override
      public void onOperation(OperationEvent event) {
        if (failing[0]) {
          throw new IllegalStateException("audit disk full");
        }
      }

      @Override
      public boolean failClosed() {
        return true;
      }
    };
    try (Kms kms = kms(audit)) {
      KeyId key = kms.create("acme", "events", Algorithm.ED25519);
      failing[0] = true;
      KmsException e = assertCode(ErrorCode.AUDIT_FAILED, () -> kms.sign(key, MSG));
      assertTrue(e.getMessage().contains("sign"), e.getMessage());
      assertFalse(e.code().retryable());
      assertCode(ErrorCode.AUDIT_FAILED, () -> kms.rotate(key));
      failing[0] = false;
      assertEquals(2, kms.attest(key).versions().size(),
          "the rotation is stored: the store is never half-written, only the answer withheld");
      failing[0] = true;
      KmsException original = assertThrows(KmsException.class,
          () -> kms.verify(key.withVersion(9), MSG, new byte[64]));
      assertEquals(ErrorCode.VERSION_NOT_FOUND, original.code(), "the operation's own failure");
      assertEquals(ErrorCode.AUDIT_FAILED,
          ((KmsException) original.getSuppressed()[0]).code());
    }
  }

  @Test
  void concurrentOperationsLoseNoEvent() throws Exception {
    Recorder r = new Recorder();
    try (Kms kms = kms(r)) {
      KeyId key = kms.create("acme", "events", Algorithm.ED25519);
      r.drain();
      int threads = 8;
      int each = 200;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              kms.verify(kms.sign(key, MSG), MSG);
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      List<OperationEvent> events = r.drain();
      assertEquals(2 * threads * each, events.size());
      assertEquals(threads * each,
          events.stream().filter(e -> e.operation() == Operation.SIGN).count());
    }
  }

  @Test
  void anEventIsConsistentByConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new OperationEvent(T0, Operation.SIGN,
        null, null, Outcome.FAILURE, null, null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OperationEvent(T0, Operation.SIGN,
        null, null, Outcome.SUCCESS, ErrorCode.CONFLICT, null, 0, 0));
    assertEquals("verify_batch", Operation.VERIFY_BATCH.label());
  }
}
