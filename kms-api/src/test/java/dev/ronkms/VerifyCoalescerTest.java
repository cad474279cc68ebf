package dev.ronkms;

import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.builder;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.CoalescerStats;
import dev.ronkms.batch.FlushReason;
import dev.ronkms.batch.VerifyCoalescer;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.TestProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link VerifyCoalescer}: every answer is single verification's (valid, invalid, or the code it
 * throws), each caller gets its own answer under concurrency, the queue is bounded (OVERLOADED,
 * then recovery), close drains, a call after close is CLOSED, and each flush reason happens
 * when the policy says. No assertion depends on timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VerifyCoalescerTest {
  private static final Duration LONG = Duration.ofHours(1);

  private Kms kms;
  private List<Case> cases;
  private ExecutorService threads;
  private ExecutorService runners;

  /** One call and what single verification answers for it ("true", "false" or the code). */
  private record Case(VerifyRequest request, String expected) {}

  @BeforeEach
  void setUp() {
    kms = kms(null, new TestProvider("t"));
    threads = Executors.newFixedThreadPool(8);
    runners = Executors.newFixedThreadPool(2);
    KeyId a = kms.create("acme", "a", Algorithm.ED25519);
    KeyId b = kms.create("acme", "b", Algorithm.ED25519);
    KeyId bv1 = kms.sign(b, bytes("b-old")).keyId();
    byte[] bOld = kms.sign(b, bytes("b-old")).signature();
    kms.rotate(b);
    kms.disable(bv1);
    KeyId missing = kms.create("acme", "c", Algorithm.ED25519).withVersion(7);
    List<VerifyRequest> requests = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      byte[] m = bytes("message " + i);
      var s = kms.sign(i % 2 == 0 ? a : b, m);
      byte[] wrong = s.signature().clone();
      wrong[5] ^= 1;
      switch (i % 12) {
        case 0, 1, 2, 3 -> requests.add(VerifyRequest.of(s, m));              // valid
        case 4 -> requests.add(new VerifyRequest(s.keyId(), m, wrong));      // invalid
        case 5 -> requests.add(new VerifyRequest(s.keyId(), bytes("other " + i),
            s.signature()));                                                // invalid
        case 6 -> requests.add(new VerifyRequest(s.keyId(), m, new byte[63])); // malformed
        case 7 -> requests.add(new VerifyRequest(s.keyId().withVersion(99), m,
            s.signature()));                                                // no such version
        case 8 -> requests.add(new VerifyRequest(bv1, bytes("b-old"), bOld)); // disabled
        case 9 -> requests.add(new VerifyRequest(KeyId.of("acme", "none", Algorithm.ED25519,
            java.util.UUID.randomUUID()).withVersion(1), m, s.signature()));                            // no such key
        case 10 -> requests.add(new VerifyRequest(s.keyId().unversioned(), m,
            s.signature()));                                                // version required
        default -> requests.add(i % 24 == 11 ? new VerifyRequest(s.keyId(), null, s.signature())
            : new VerifyRequest(missing, m, s.signature()));   // null message; no such version
      }
    }
    cases = new ArrayList<>();
    for (VerifyRequest r : requests) {
      cases.add(new Case(r, single(r)));
    }
    assertTrue(cases.stream().map(Case::expected).distinct().count() >= 7, cases.toString());
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
    runners.shutdownNow();
    kms.close();
  }

  @Test
  void everyAnswerIsSingleVerificationsFromManyThreads() throws Exception {
    List<Function<Kms, VerifyCoalescer>> configurations = List.of(
        VerifyCoalescer::of,
        k -> VerifyCoalescer.builder(k).inlineWhenIdle(false).build(),
        k -> VerifyCoalescer.builder(k).adaptive(false).targetBatch(7).maxBatch(9)
            .maxWait(Duration.ofMillis(1)).build(),
        k -> VerifyCoalescer.builder(k).targetBatch(3).maxBatch(3).maxInFlight(1)
            .executor(runners).build());
    for (Function<Kms, VerifyCoalescer> make : configurations) {
      try (VerifyCoalescer c = make.apply(kms)) {
        hammer(c, 8, 20);
        c.close(); // answers are given before a batch is booked: wait for the books
        CoalescerStats s = c.stats();
        assertEquals(8L * 20 * cases.size(), s.submitted());
        assertEquals(s.submitted(), s.answered());
        assertEquals(s.submitted(), s.flushedItems());
        assertEquals(0, s.pending());
        assertTrue(s.largestBatch() <= 256, s.toString());
      }
    }
  }

  @Test
  void resultsAreSingleVerificationsToo() throws Exception {
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).adaptive(false).targetBatch(16)
        .build()) {
      assertEquals("INVALID_ARGUMENT", outcome(c.submit((VerifyRequest) null)),
          "a null request, as in a batch");
      assertEquals(VerifyResult.refused(ErrorCode.INVALID_ARGUMENT),
          c.submitForResult(null).get(30, TimeUnit.SECONDS));
      List<CompletableFuture<VerifyResult>> fs = new ArrayList<>();
      for (Case k : cases) {
        fs.add(c.submitForResult(k.request()));
      }
      for (int i = 0; i < cases.size(); i++) {
        VerifyResult r = fs.get(i).get(30, TimeUnit.SECONDS);
        String got = r.error().map(Enum::name).orElse(Boolean.toString(r.isValid()));
        assertEquals(cases.get(i).expected(), got, cases.get(i).request().toString());
      }
    }
  }

  @Test
  void eachCallerGetsItsOwnAnswerUnderConcurrency() throws Exception {
    // large batches of distinct messages, valid and invalid interleaved per thread and index:
    // any swapped answer would show as a wrong boolean or code
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).inlineWhenIdle(false).targetBatch(32)
        .maxBatch(40).executor(runners).build()) {
      hammer(c, 8, 40);
      assertTrue(c.stats().largestBatch() <= 40);
    }
  }

  @Test
  void aFullQueueIsOverloadedAndRecovers() throws Exception {
    HeldExecutor held = new HeldExecutor();
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).queueCapacity(4).maxInFlight(1)
        .inlineWhenIdle(false).maxWait(LONG).executor(held).build()) {
      List<CompletableFuture<Boolean>> accepted = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        accepted.add(c.submit(cases.get(i).request()));
      }
      CompletableFuture<Boolean> refused = c.submit(cases.get(0).request());
      ExecutionException e = assertFailsWith(refused);
      KmsException k = assertInstanceOf(KmsException.class, e.getCause());
      assertEquals(ErrorCode.OVERLOADED, k.code());
      assertTrue(k.retryable());
      assertEquals(1, c.stats().overloaded());
      assertEquals(4, c.stats().pending());
      for (CompletableFuture<Boolean> f : accepted) {
        assertFalse(f.isDone(), "nothing runs while the executor holds the work");
      }
      held.release();
      for (int i = 0; i < 4; i++) {
        assertEquals(cases.get(i).expected(), outcome(accepted.get(i)));
      }
      assertEquals(cases.get(0).expected(), outcome(c.submit(cases.get(0).request())),
          "accepted again once the queue has room");
    }
  }

  @Test
  void closeAnswersEveryPendingCallAndLaterCallsAreClosed() throws Exception {
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).adaptive(false).maxWait(LONG)
        .build()) {
      List<CompletableFuture<Boolean>> fs = new ArrayList<>();
      for (Case k : cases) {
        fs.add(c.submit(k.request()));
      }
      assertEquals(cases.size(), c.stats().pending());
      c.close();
      for (int i = 0; i < cases.size(); i++) {
        assertTrue(fs.get(i).isDone());
        assertEquals(cases.get(i).expected(), outcome(fs.get(i)));
      }
      assertEquals(1, c.stats().closeFlushes());
      c.close();
      ExecutionException e = assertFailsWith(c.submit(cases.get(0).request()));
      assertEquals(ErrorCode.CLOSED, ((KmsException) e.getCause()).code());
      assertEquals(1, c.stats().afterClose());
    }
  }

  @Test
  void closeWaitsForBatchesInFlight() throws Exception {
    HeldExecutor held = new HeldExecutor();
    VerifyCoalescer c = VerifyCoalescer.builder(kms).maxInFlight(1).inlineWhenIdle(false)
        .maxWait(LONG).executor(held).build();
    List<CompletableFuture<Boolean>> fs = new ArrayList<>();
    for (Case k : cases) {
      fs.add(c.submit(k.request()));
    }
    Future<?> closing = threads.submit(c::close);
    for (int i = 1; i < cases.size(); i++) {
      assertEquals(cases.get(i).expected(), outcome(fs.get(i)), "drained by close");
    }
    assertFalse(fs.get(0).isDone(), "the first call is still held by the executor");
    held.release();
    closing.get(30, TimeUnit.SECONDS);
    assertEquals(cases.get(0).expected(), outcome(fs.get(0)));
    assertEquals(0, c.stats().pending());
  }

  @Test
  void aSlowExecutorGivesRightAnswersInBoundedBatches() throws Exception {
    Executor slow = task -> runners.execute(() -> {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    });
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).targetBatch(16).maxBatch(24)
        .maxInFlight(2).executor(slow).build()) {
      List<CompletableFuture<Boolean>> fs = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        for (Case k : cases) {
          fs.add(c.submit(k.request()));
        }
      }
      for (int i = 0; i < fs.size(); i++) {
        assertEquals(cases.get(i % cases.size()).expected(), outcome(fs.get(i)));
      }
      CoalescerStats s = c.stats();
      assertTrue(s.largestBatch() <= 24, s.toString());
      assertEquals(fs.size(), s.flushedItems());
    }
  }

  @Test
  void flushReasonsFollowThePolicy() throws Exception {
    VerifyRequest valid = cases.get(0).request();
    // SIZE: the eighth pending call flushes all eight
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).adaptive(false).targetBatch(8)
        .maxWait(LONG).build()) {
      List<CompletableFuture<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        fs.add(c.submit(valid));
      }
      assertEquals(0, c.stats().flushes());
      fs.add(c.submit(valid));
      for (CompletableFuture<Boolean> f : fs) {
        assertTrue(f.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, c.stats().sizeFlushes());
      assertEquals(8, c.stats().largestBatch());
      assertEquals(1, c.stats().flushes());
    }
    // IDLE: a lone call on an idle coalescer goes at once, on the calling thread
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).maxWait(LONG).build()) {
      CompletableFuture<Boolean> f = c.submit(valid);
      assertTrue(f.isDone(), "verified inline");
      assertTrue(f.get());
      assertEquals(1, c.stats().flushes(FlushReason.IDLE));
    }
    // TIME: without the adaptive rule a lone call waits its maximum, then goes
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).adaptive(false)
        .maxWait(Duration.ofMillis(2)).build()) {
      assertTrue(c.submit(valid).get(30, TimeUnit.SECONDS));
      CoalescerStats s = c.stats();
      assertEquals(1, s.timeFlushes());
      assertEquals(1, s.flushes());
      assertTrue(s.maxQueueWaitNanos() >= 2_000_000, s.toString());
    }
    // the maximum batch bounds a flush even when more is pending
    try (VerifyCoalescer c = VerifyCoalescer.builder(kms).adaptive(false).targetBatch(64)
        .maxBatch(64).maxWait(LONG).build()) {
      for (int i = 0; i < 100; i++) {
        c.submit(valid);
      }
      c.close();
      assertEquals(1, c.stats().sizeFlushes());
      assertEquals(1, c.stats().closeFlushes());
      assertEquals(64, c.stats().largestBatch());
    }
  }

  @Test
  void listenersSeeEveryFlushAndTheEngineSeesBatches() throws Exception {
    Queue<OperationEvent> events = new ConcurrentLinkedQueue<>();
    AtomicInteger flushed = new AtomicInteger();
    Queue<FlushReason> reasons = new ConcurrentLinkedQueue<>();
    try (Kms observed = builder(new TestProvider("t")).provider(Algorithm.ED25519, "t")
        .listener(events::add).build()) {
      KeyId key = observed.create("acme", "obs", Algorithm.ED25519);
      byte[] m = bytes("m");
      var s = observed.sign(key, m);
      events.clear();
      try (VerifyCoalescer c = VerifyCoalescer.builder(observed).adaptive(false)
          .targetBatch(5).maxWait(LONG).listener((reason, length, wait, nanos) -> {
            reasons.add(reason);
            flushed.addAndGet(length);
            throw new IllegalStateException("ignored");
          }).build()) {
        List<CompletableFuture<Boolean>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          fs.add(c.submit(s.keyId(), m, s.signature()));
        }
        for (int i = 0; i < 5; i++) {
          assertTrue(fs.get(i).get(30, TimeUnit.SECONDS));
        }
        c.close();
        assertTrue(fs.get(5).get());
      }
      assertEquals(2, reasons.size());
      assertEquals(Set.of(FlushReason.SIZE, FlushReason.CLOSE), Set.copyOf(reasons));
      assertEquals(6, flushed.get());
      List<Operation> ops = events.stream().map(OperationEvent::operation).toList();
      assertEquals(List.of(Operation.VERIFY_BATCH, Operation.VERIFY), ops,
          "a batch of five, then a batch of one verified singly");
      assertEquals(5, events.peek().batchLength());
    }
  }

  @Test
  void aClosedKeyManagerFailsCallsAsSingleVerificationDoes() throws Exception {
    try (VerifyCoalescer c = VerifyCoalescer.of(kms)) {
      kms.close();
      VerifyRequest r = cases.get(0).request();
      assertCode(ErrorCode.CLOSED, () -> kms.verify(r.version(), r.message(), r.signature()));
      assertEquals("CLOSED", outcome(c.submit(r)));
    }
  }

  @Test
  void settingsOutOfRangeAreInvalidArguments() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> VerifyCoalescer.builder(null).build());
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> VerifyCoalescer.builder(kms).targetBatch(0).build());
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> VerifyCoalescer.builder(kms).targetBatch(10).maxBatch(9).build());
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> VerifyCoalescer.builder(kms).maxWait(Duration.ZERO).build());
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> VerifyCoalescer.builder(kms).maxWait(Duration.ofDays(2)).build());
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> VerifyCoalescer.builder(kms).queueCapacity(0).build());
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> VerifyCoalescer.builder(kms).maxInFlight(0).build());
  }

  /** {@code rounds} rounds over every case from each of {@code n} threads, each checked. */
  private void hammer(VerifyCoalescer c, int n, int rounds) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int offset = t * 5;
      done.add(threads.submit(() -> {
        start.await();
        List<CompletableFuture<Boolean>> fs = new ArrayList<>();
        List<Case> sent = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get((i + offset + round) % cases.size());
            sent.add(k);
            fs.add(c.submit(k.request()));
            if (round % 2 == 1) {
              assertEquals(k.expected(), outcome(fs.get(fs.size() - 1)), k.toString());
            }
          }
        }
        for (int i = 0; i < fs.size(); i++) {
          assertEquals(sent.get(i).expected(), outcome(fs.get(i)), sent.get(i).toString());
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(50, TimeUnit.SECONDS);
    }
  }

  private String single(VerifyRequest r) {
    try {
      return Boolean.toString(r.context() == null
          ? kms.verify(r.version(), r.message(), r.signature())
          : kms.verify(r.version(), r.message(), r.signature(), r.context()));
    } catch (KmsException e) {
      return e.code().name();
    }
  }

  private static String outcome(CompletableFuture<Boolean> f) throws Exception {
    try {
      return Boolean.toString(f.get(30, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      return ((KmsException) e.getCause()).code().name();
    }
  }

  private static ExecutionException assertFailsWith(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally());
    try {
      f.get();
    } catch (ExecutionException e) {
      return e;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("completed normally");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Holds every task until {@link #release()}, then runs them (and later ones) on a thread. */
  private static final class HeldExecutor implements Executor {
    private final List<Runnable> held = new ArrayList<>();
    private boolean released;

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        if (!released) {
          held.add(task);
          return;
        }
      }
      new Thread(task).start();
    }

    void release() {
      List<Runnable> tasks;
      synchronized (this) {
        released = true;
        tasks = List.copyOf(held);
        held.clear();
      }
      for (Runnable t : tasks) {
        new Thread(t).start();
      }
    }
  }
}
