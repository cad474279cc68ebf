package dev.ronkms.batch;

/**
 * What a {@link VerifyCoalescer} counts for {@link VerifyCoalescer#stats()}: calls accepted,
 * refused and answered, flushes by reason, batch lengths and queue waits. Not thread-safe: the
 * coalescer updates and reads it under its own lock.
 */
final class CoalescerCounters {
  private long submitted;
  private long overloaded;
  private long afterClose;
  private long answered;
  private final long[] flushes = new long[FlushReason.values().length];
  private long flushedItems;
  private int largestBatch;
  private long totalWait;
  private long maxWait;

  void submitted() {
    submitted++;
  }

  void overloaded() {
    overloaded++;
  }

  void afterClose() {
    afterClose++;
  }

  void answered(int calls) {
    answered += calls;
  }

  /** One call taken into a batch after waiting {@code waitNanos}. */
  void waited(long waitNanos) {
    totalWait += waitNanos;
    maxWait = Math.max(maxWait, waitNanos);
  }

  /** One batch of {@code length} calls flushed for {@code reason}. */
  void flushed(FlushReason reason, int length) {
    flushes[reason.ordinal()]++;
    flushedItems += length;
    largestBatch = Math.max(largestBatch, length);
  }

  CoalescerStats snapshot(long pending) {
    return new CoalescerStats(submitted, overloaded, afterClose, answered, pending,
        flushes[FlushReason.SIZE.ordinal()], flushes[FlushReason.TIME.ordinal()],
        flushes[FlushReason.IDLE.ordinal()], flushes[FlushReason.CLOSE.ordinal()],
        flushedItems, largestBatch, totalWait, maxWait);
  }
}
