package dev.ronkms;

import dev.ronkms.batch.BatchStats;
import java.util.concurrent.atomic.LongAdder;

/** The engine's lock-free counters behind {@link Kms#batchStats()}. */
final class BatchCounter {
  private static final int[] UPPER_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024,
      Integer.MAX_VALUE};

  private final LongAdder batches = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder[] buckets = new LongAdder[UPPER_BOUNDS.length];

  BatchCounter() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void record(int size) {
    batches.increment();
    items.add(size);
    for (int i = 0; i < UPPER_BOUNDS.length; i++) {
      if (size <= UPPER_BOUNDS[i]) {
        buckets[i].increment();
        return;
      }
    }
  }

  BatchStats snapshot() {
    long[] counts = new long[buckets.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = buckets[i].sum();
    }
    return new BatchStats(batches.sum(), items.sum(), UPPER_BOUNDS, counts);
  }
}
