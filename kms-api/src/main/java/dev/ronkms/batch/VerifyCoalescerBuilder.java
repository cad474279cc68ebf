package dev.ronkms.batch;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link VerifyCoalescer}, from {@link VerifyCoalescer#builder}; every setting is
 * optional and checked by {@link #build()}. Not thread-safe; the coalescer it builds is.
 */
public final class VerifyCoalescerBuilder {
  final Kms kms;
  int targetBatch = VerifyCoalescer.DEFAULT_TARGET_BATCH;
  int maxBatch = VerifyCoalescer.DEFAULT_MAX_BATCH;
  Duration maxWait = VerifyCoalescer.DEFAULT_MAX_WAIT;
  int queueCapacity = VerifyCoalescer.DEFAULT_QUEUE_CAPACITY;
  int maxInFlight = Runtime.getRuntime().availableProcessors();
  boolean adaptive = true;
  boolean inlineWhenIdle = true;
  Executor executor;
  CoalescerListener listener;

  VerifyCoalescerBuilder(Kms kms) {
    this.kms = kms;
  }

  /**
   * Flush as soon as this many calls are pending (default 64); 1 ≤ n ≤ the maximum.
   *
   * @param n the target batch length
   * @return this builder
   */
  public VerifyCoalescerBuilder targetBatch(int n) {
    this.targetBatch = n;
    return this;
  }

  /**
   * Never put more than this many calls in one batch (default 256).
   *
   * @param n the largest batch length
   * @return this builder
   */
  public VerifyCoalescerBuilder maxBatch(int n) {
    this.maxBatch = n;
    return this;
  }

  /**
   * Flush when the oldest pending call has waited this long (default 500 µs); (0, 1 h].
   *
   * @param wait the longest wait
   * @return this builder
   */
  public VerifyCoalescerBuilder maxWait(Duration wait) {
    this.maxWait = wait;
    return this;
  }

  /**
   * At most this many calls unanswered at once (default 4,096); more get OVERLOADED.
   *
   * @param n the most calls unanswered at once
   * @return this builder
   */
  public VerifyCoalescerBuilder queueCapacity(int n) {
    this.queueCapacity = n;
    return this;
  }

  /**
   * Batches in flight below which the adaptive rule flushes at once (default: the number of
   * cores); also the size of the coalescer's own pool when no executor is given.
   *
   * @param n the number of batches in flight
   * @return this builder
   */
  public VerifyCoalescerBuilder maxInFlight(int n) {
    this.maxInFlight = n;
    return this;
  }

  /**
   * Whether a free runner takes the pending calls at once (default true).
   *
   * @param on true to turn it on
   * @return this builder
   */
  public VerifyCoalescerBuilder adaptive(boolean on) {
    this.adaptive = on;
    return this;
  }

  /**
   * Whether a submit that finds a runner free verifies on the calling thread (default true);
   * false for callers that must never block (an event loop): their flushes go to the
   * executor.
   *
   * @param on true to turn it on
   * @return this builder
   */
  public VerifyCoalescerBuilder inlineWhenIdle(boolean on) {
    this.inlineWhenIdle = on;
    return this;
  }

  /**
   * Runs batches on {@code executor} instead of the coalescer's own pool of daemon threads.
   * An executor that rejects a batch leaves it to the thread that flushed it. The coalescer
   * never shuts a caller's executor down.
   *
   * @param executor the executor that runs batches
   * @return this builder
   */
  public VerifyCoalescerBuilder executor(Executor executor) {
    this.executor = executor;
    return this;
  }

  /**
   * Told about every verified batch (optional).
   *
   * @param listener the listener
   * @return this builder
   */
  public VerifyCoalescerBuilder listener(CoalescerListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * The coalescer.
   *
   * @return the coalescer
   * @throws KmsException {@code INVALID_ARGUMENT} for a null key manager or a setting out of
   *     range
   */
  public VerifyCoalescer build() {
    require(kms != null, "kms is null");
    require(targetBatch >= 1, "targetBatch must be at least 1");
    require(maxBatch >= targetBatch, "maxBatch must be at least targetBatch");
    require(maxWait != null && !maxWait.isNegative() && !maxWait.isZero()
        && maxWait.compareTo(Duration.ofHours(1)) <= 0, "maxWait must be in (0, 1 h]");
    require(queueCapacity >= 1, "queueCapacity must be at least 1");
    require(maxInFlight >= 1, "maxInFlight must be at least 1");
    return new VerifyCoalescer(this);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, what);
    }
  }
}
