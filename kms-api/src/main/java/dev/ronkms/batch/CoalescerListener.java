package dev.ronkms.batch;

/**
 * Told about every batch a {@link VerifyCoalescer} verified, after its callers were answered, on
 * the thread that ran the batch. Keep it cheap; an exception it throws is ignored. The engine's
 * own {@link dev.ronkms.events.OperationListener}s see each batch as a {@code verify_batch} event
 * (a batch of one as a {@code verify} event).
 */
@FunctionalInterface
public interface CoalescerListener {

  /**
   * One verified batch.
   *
   * @param reason why the batch was flushed
   * @param batchLength the number of calls in it
   * @param maxQueueWaitNanos how long its oldest call waited between submit and the flush
   * @param verifyNanos how long the verification took
   */
  void onFlush(FlushReason reason, int batchLength, long maxQueueWaitNanos, long verifyNanos);
}
