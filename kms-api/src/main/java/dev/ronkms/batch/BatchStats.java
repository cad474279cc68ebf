package dev.ronkms.batch;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of batch verifications by size, ready to be published as a metric (the planned
 * {@code kms_batch_len} distribution). Buckets are powers of two: a batch of n items is counted
 * in the first bucket whose upper bound is &ge; n. Thread-safe and lock-free.
 */
public final class BatchStats {
  private static final int[] UPPER_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024,
      Integer.MAX_VALUE};

  private final LongAdder batches = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS.length];

  public BatchStats() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Counts one batch of {@code size} items. */
  public void record(int size) {
    batches.increment();
    items.add(size);
    for (int i = 0; i < UPPER_BOUNDS.length; i++) {
      if (size <= UPPER_BOUNDS[i]) {
        buckets[i].increment();
        return;
      }
    }
  }

  /** A consistent-enough copy of the counters (each counter is read once). */
  public Snapshot snapshot() {
    long[] counts = new long[buckets.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets[i].sum();
    }
    return new Snapshot(batches.sum(), items.sum(), UPPER_BOUNDS.clone(), counts);
  }

  /**
   * @param batches number of batches verified
   * @param items number of items in them
   * @param upperBounds each bucket's largest batch size
   * @param counts batches per bucket
   */
  public record Snapshot(long batches, long items, int[] upperBounds, long[] counts) {
    /** Batches counted in the bucket whose upper bound is {@code bound}. */
    public long countUpTo(int bound) {
      for (int i = 0; i < upperBounds.length; i++) {
        if (upperBounds[i] == bound) {
          return counts[i];
        }
      }
      throw new IllegalArgumentException("no bucket with upper bound " + bound);
    }
  }
}
