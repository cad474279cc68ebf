package dev.ronkms.seal;

/**
 * Where a counter anti-rollback policy keeps its high-water marks, one per
 * {@link RollbackContext}. {@link #inMemory()} forgets them with the process; a durable store
 * (kms-softseal's file store) keeps them across restarts.
 *
 * <p>Contract: both methods are atomic per context and thread-safe; a mark never goes down.
 */
public interface CounterStore {

  /**
   * Raises the mark of {@code context} by one and returns the new value (the first is 1).
   *
   * @param context the anti-rollback context: the key and the associated data
   * @return the new mark
   */
  long increment(RollbackContext context);

  /**
   * Raises the mark of {@code context} to {@code value} if it is lower; returns the mark as it
   * was before (0 when none).
   *
   * @param context the anti-rollback context: the key and the associated data
   * @param value the value
   * @return the mark as it was before (0 when none)
   */
  long raise(RollbackContext context, long value);

  /**
   * Marks held in this process only.
   *
   * @return marks held in this process only
   */
  static CounterStore inMemory() {
    return new InMemoryCounters();
  }
}
