package dev.ronkms.batch;

/**
 * What a {@link VerifyCoalescer} has counted since it was built: an immutable snapshot.
 *
 * @param submitted calls accepted (each is answered exactly once)
 * @param overloaded calls refused with {@code OVERLOADED} because the queue was full
 * @param afterClose calls refused with {@code CLOSED} because the coalescer was closed
 * @param answered accepted calls answered so far
 * @param pending accepted calls not yet answered (waiting or being verified) at the snapshot
 * @param sizeFlushes batches flushed because they reached the target size
 * @param timeFlushes batches flushed because their oldest call had waited the maximum
 * @param idleFlushes batches flushed at once because a runner was free (adaptive)
 * @param closeFlushes batches flushed by {@code close()}
 * @param flushedItems calls flushed so far: the items of every batch
 * @param largestBatch the largest batch flushed
 * @param totalQueueWaitNanos the sum over flushed calls of the time between submit and flush
 * @param maxQueueWaitNanos the longest time a call waited between submit and flush
 */
public record CoalescerStats(long submitted, long overloaded, long afterClose, long answered,
    long pending, long sizeFlushes, long timeFlushes, long idleFlushes, long closeFlushes,
    long flushedItems, int largestBatch, long totalQueueWaitNanos, long maxQueueWaitNanos) {

  /**
   * All batches flushed, for any reason.
   *
   * @return the number of batches
   */
  public long flushes() {
    return sizeFlushes + timeFlushes + idleFlushes + closeFlushes;
  }

  /**
   * Batches flushed for {@code reason}.
   *
   * @param reason the flush reason
   * @return the number of batches flushed for {@code reason}
   */
  public long flushes(FlushReason reason) {
    return switch (reason) {
      case SIZE -> sizeFlushes;
      case TIME -> timeFlushes;
      case IDLE -> idleFlushes;
      case CLOSE -> closeFlushes;
    };
  }

  /**
   * The mean batch length, 0 before the first flush.
   *
   * @return the mean batch length
   */
  public double meanBatchLength() {
    long f = flushes();
    return f == 0 ? 0 : (double) flushedItems() / f;
  }

  /**
   * The mean time a call waited between submit and flush, 0 before the first flush.
   *
   * @return the mean queue wait, in nanoseconds
   */
  public double meanQueueWaitNanos() {
    long items = flushedItems();
    return items == 0 ? 0 : (double) totalQueueWaitNanos / items;
  }
}
