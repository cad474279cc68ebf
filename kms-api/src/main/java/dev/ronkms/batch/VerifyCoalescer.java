package dev.ronkms.batch;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers single verifications from many threads into batches for {@link Kms#verifyBatch}, and
 * answers each call with exactly what {@link Kms#verify(KeyId, byte[], byte[], byte[])} answers
 * for it: {@code true}, {@code false}, or the {@link KmsException} with the code single
 * verification throws (docs/API.md, "Verify coalescer").
 *
 * <p>Flush policy, checked at every submit, at the end of every batch and when the timer fires:
 * <ol>
 *   <li><b>SIZE</b>: when the pending calls reach the target batch size (default 64), they are
 *       flushed at once.</li>
 *   <li><b>IDLE</b> (adaptive, on by default): when fewer batches are in flight than allowed
 *       (default: the number of cores), the pending calls are flushed at once instead of waiting
 *       for company; a batch that ends takes the calls that gathered while it ran. So a lone
 *       caller is never delayed, and under load batches grow by themselves. With
 *       {@code inlineWhenIdle} (on by default) a submit that flushes this way verifies on the
 *       calling thread and returns a future that is already complete, which saves two thread
 *       hand-offs.</li>
 *   <li><b>TIME</b>: when the oldest pending call has waited the maximum wait (default 500 µs),
 *       the pending calls are flushed even if every runner is busy.</li>
 *   <li><b>CLOSE</b>: {@link #close()} flushes what is pending.</li>
 * </ol>
 * A batch never holds more than the maximum batch size (default 256). A batch of one call is
 * verified with {@link Kms#verify(KeyId, byte[], byte[], byte[])} itself (the engine's key cache
 * makes that faster than a batch of one); larger ones with {@link Kms#verifyBatch}.
 *
 * <p>Bounded: at most {@code queueCapacity} calls (default 4,096) are unanswered at any time,
 * waiting or being verified. A call beyond that gets a future that has already failed with the
 * retryable {@link ErrorCode#OVERLOADED}; a call after {@link #close()} one failed with
 * {@link ErrorCode#CLOSED}. {@code submit} itself never throws: every answer and every refusal
 * is in the future. Futures are completed on the thread that ran the batch (a pool thread, the
 * submitting thread for an inline flush, the closing thread for {@code CLOSE} batches), so
 * dependent actions run there unless given an executor.
 *
 * <p>Only versioned key ids are taken: the engine offers no verification over bare public keys
 * (import the key with {@link Kms#importPublicKey} and submit its version).
 *
 * <p>Thread-safe.
 */
public final class VerifyCoalescer implements AutoCloseable {
  /** Default target batch size: {@value}. */
  public static final int DEFAULT_TARGET_BATCH = 64;
  /** Default maximum batch size: {@value}. */
  public static final int DEFAULT_MAX_BATCH = 256;
  /** Default maximum wait of the oldest pending call: 500 µs. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofNanos(500_000);
  /** Default bound on unanswered calls: {@value}. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final Kms kms;
  private final int target;
  private final int max;
  private final long maxWaitNanos;
  private final int capacity;
  private final int maxInFlight;
  private final boolean adaptive;
  private final boolean inlineWhenIdle;
  private final Executor executor;
  private final ThreadPoolExecutor ownPool;
  private final ScheduledThreadPoolExecutor timer;
  private final CoalescerListener listener;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private final ArrayDeque<CoalescedCall> pending = new ArrayDeque<>();
  private int unanswered;
  private int inFlight;
  private boolean closed;
  private boolean timerArmed;

  private final CoalescerCounters counters = new CoalescerCounters();

  VerifyCoalescer(VerifyCoalescerBuilder b) {
    this.kms = b.kms;
    this.target = b.targetBatch;
    this.max = b.maxBatch;
    this.maxWaitNanos = b.maxWait.toNanos();
    this.capacity = b.queueCapacity;
    this.maxInFlight = b.maxInFlight;
    this.adaptive = b.adaptive;
    this.inlineWhenIdle = b.inlineWhenIdle;
    this.listener = b.listener;
    int id = POOLS.incrementAndGet();
    if (b.executor == null) {
      ownPool = new ThreadPoolExecutor(maxInFlight, maxInFlight, 1, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), daemons("ron-kms-coalescer-" + id + "-"));
      ownPool.allowCoreThreadTimeOut(true);
      executor = ownPool;
    } else {
      ownPool = null;
      executor = b.executor;
    }
    timer = new ScheduledThreadPoolExecutor(1, daemons("ron-kms-coalescer-timer-" + id + "-"));
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * A coalescer over {@code kms} with the defaults, on its own pool.
   *
   * @param kms the key manager whose verifications are gathered
   * @return the coalescer
   */
  public static VerifyCoalescer of(Kms kms) {
    return builder(kms).build();
  }

  /**
   * A builder of a coalescer over {@code kms}.
   *
   * @param kms the key manager whose verifications are gathered
   * @return a builder with the defaults
   */
  public static VerifyCoalescerBuilder builder(Kms kms) {
    return new VerifyCoalescerBuilder(kms);
  }

  /**
   * Verifies {@code signature} over {@code message} by the version {@code version} names, as
   * {@link Kms#verify(KeyId, byte[], byte[])}. The arrays are not copied: do not change them
   * until the future completes.
   *
   * @param message the signed message
   * @param signature the signature
   * @param version the versioned key id that verifies
   * @return the answer single verify would give
   */
  public CompletableFuture<Boolean> submit(KeyId version, byte[] message, byte[] signature) {
    return submit(new VerifyRequest(version, message, signature));
  }

  /**
   * As {@link Kms#verify(KeyId, byte[], byte[], byte[])}, with a context string.
   *
   * @param context the context string (empty or null for none)
   * @param message the signed message
   * @param signature the signature
   * @param version the versioned key id that verifies
   * @return the answer single verify would give
   */
  public CompletableFuture<Boolean> submit(KeyId version, byte[] message, byte[] signature,
      byte[] context) {
    return submit(new VerifyRequest(version, message, signature, context));
  }

  /**
   * Verifies {@code request} (a null request is refused with {@code INVALID_ARGUMENT}, as in a
   * batch). The future gives true or false, or fails with the {@link KmsException} single
   * verification throws; or with {@code OVERLOADED} or {@code CLOSED}.
   *
   * @param request the verification request
   * @return the answer single verify would give
   */
  public CompletableFuture<Boolean> submit(VerifyRequest request) {
    CoalescedCall item = new CoalescedCall(request, new CompletableFuture<>(), null);
    enqueue(item);
    return item.bool;
  }

  /**
   * As {@link #submit(VerifyRequest)}, answered as a {@link VerifyResult} (a refused item is a
   * result, not a failed future). The future fails only when no answer was computed:
   * {@code OVERLOADED}, {@code CLOSED}, or a failure of the whole batch ({@code AUDIT_FAILED},
   * {@code BACKEND_FAILURE}).
   *
   * @param request the verification request
   * @return the result the batch gives for this request
   */
  public CompletableFuture<VerifyResult> submitForResult(VerifyRequest request) {
    CoalescedCall item = new CoalescedCall(request, null, new CompletableFuture<>());
    enqueue(item);
    return item.result;
  }

  /**
   * A snapshot of what this coalescer has counted.
   *
   * @return a snapshot of the counters
   */
  public CoalescerStats stats() {
    lock.lock();
    try {
      return counters.snapshot(unanswered);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Refuses new calls ({@code CLOSED}), verifies every pending call on this thread, waits until
   * every accepted call is answered, then stops its own threads. Idempotent; a second call
   * waits the same way. An interrupt stops the waiting (the calls are still answered) and is
   * kept.
   */
  @Override
  public void close() {
    List<Batch> rest = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      long now = System.nanoTime();
      while (!pending.isEmpty()) {
        rest.add(cut(FlushReason.CLOSE, now));
      }
    } finally {
      lock.unlock();
    }
    for (Batch b : rest) {
      run(b, false);
    }
    lock.lock();
    try {
      while (unanswered > 0) {
        drained.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    timer.shutdownNow();
    if (ownPool != null) {
      ownPool.shutdown();
    }
  }

  @Override
  public String toString() {
    return "VerifyCoalescer[target=" + target + ", max=" + max + ", maxWait=" + maxWaitNanos
        + "ns, capacity=" + capacity + ", maxInFlight=" + maxInFlight + ", adaptive="
        + adaptive + "]";
  }

  private void enqueue(CoalescedCall item) {
    Batch now = null;
    boolean inline = false;
    KmsException refused = null;
    lock.lock();
    try {
      if (closed) {
        counters.afterClose();
        refused = new KmsException(ErrorCode.CLOSED, "the verify coalescer is closed");
      } else if (unanswered >= capacity) {
        counters.overloaded();
        refused = new KmsException(ErrorCode.OVERLOADED, capacity
            + " verifications are already waiting");
      } else {
        long t = System.nanoTime();
        item.submittedAt = t;
        counters.submitted();
        unanswered++;
        pending.addLast(item);
        if (pending.size() >= target) {
          now = cut(FlushReason.SIZE, t);
        } else if (adaptive && inFlight < maxInFlight) {
          now = cut(FlushReason.IDLE, t);
          inline = inlineWhenIdle;
        } else if (!timerArmed) {
          arm(item.submittedAt + maxWaitNanos - t);
        }
      }
    } finally {
      lock.unlock();
    }
    if (refused != null) {
      item.fail(refused);
    } else if (now != null) {
      if (inline) {
        run(now, false);
      } else {
        dispatch(now);
      }
    }
  }

  /** Takes up to {@code max} of the oldest pending calls as a batch. Under the lock. */
  private Batch cut(FlushReason reason, long now) {
    int n = Math.min(pending.size(), max);
    CoalescedCall[] items = new CoalescedCall[n];
    long oldest = 0;
    for (int i = 0; i < n; i++) {
      items[i] = pending.pollFirst();
      long wait = Math.max(0, now - items[i].submittedAt);
      counters.waited(wait);
      oldest = Math.max(oldest, wait);
    }
    counters.flushed(reason, n);
    inFlight++;
    return new Batch(items, reason, oldest);
  }

  /** Arms the timer to fire in {@code delayNanos}. Under the lock. */
  private void arm(long delayNanos) {
    timerArmed = true;
    try {
      timer.schedule(this::onTimer, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      timerArmed = false;
    }
  }

  private void onTimer() {
    List<Batch> due = new ArrayList<>();
    lock.lock();
    try {
      timerArmed = false;
      long now = System.nanoTime();
      while (!pending.isEmpty() && now - pending.peekFirst().submittedAt >= maxWaitNanos) {
        due.add(cut(FlushReason.TIME, now));
      }
      if (!pending.isEmpty() && !closed) {
        arm(pending.peekFirst().submittedAt + maxWaitNanos - now);
      }
    } finally {
      lock.unlock();
    }
    for (Batch b : due) {
      dispatch(b);
    }
  }

  private void dispatch(Batch b) {
    try {
      executor.execute(() -> run(b, true));
    } catch (RuntimeException rejected) {
      run(b, true);
    }
  }

  /**
   * Verifies {@code first} and, on a pool thread ({@code worker}), the batches that gathered
   * meanwhile while a runner is free; elsewhere those go to the executor.
   */
  private void run(Batch first, boolean worker) {
    Batch b = first;
    while (b != null) {
      long start = System.nanoTime();
      try {
        CoalescedCall.answerAll(kms, b.items);
      } finally {
        long took = System.nanoTime() - start;
        if (listener != null) {
          try {
            listener.onFlush(b.reason, b.items.length, b.oldestWait, took);
          } catch (RuntimeException ignored) {
            // a listener never breaks verification
          }
        }
        Batch next = finished(b);
        if (next != null && !worker) {
          dispatch(next);
          next = null;
        }
        b = next;
      }
    }
  }

  /** Books a finished batch; returns the next one to run when a runner is free. */
  private Batch finished(Batch b) {
    lock.lock();
    try {
      inFlight--;
      unanswered -= b.items.length;
      counters.answered(b.items.length);
      if (unanswered == 0) {
        drained.signalAll();
      }
      if (adaptive && !pending.isEmpty() && inFlight < maxInFlight) {
        return cut(FlushReason.IDLE, System.nanoTime());
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Batch(CoalescedCall[] items, FlushReason reason, long oldestWait) {}
}
