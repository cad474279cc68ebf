package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.batch.BatchStats;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.TestProvider;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Kms#batchStats()}: a batch of n items is counted once, in the first bucket whose upper
 * bound is at least n (powers of two up to 1024, then Integer.MAX_VALUE), whichever form of batch
 * verification ran it; the snapshot is immutable.
 */
class BatchStatsTest {
  static final int[] BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, Integer.MAX_VALUE};

  @Test
  void eachBatchIsCountedInTheFirstBucketThatHoldsIt() {
    try (Kms kms = kms(null, new TestProvider("t"))) {
      KeyId key = kms.create("acme", "stats", Algorithm.ED25519);
      Signed s = kms.sign(key, MSG);
      VerifyRequest r = VerifyRequest.of(s, MSG);
      BatchStats empty = kms.batchStats();
      assertEquals(0, empty.batches());
      assertEquals(0, empty.items());
      assertArrayEquals(BOUNDS, empty.upperBounds());
      assertArrayEquals(new long[BOUNDS.length], empty.counts());

      // every bound, one past it, and 0 (counted in the first bucket)
      int[] sizes = {0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 32, 33, 64, 65, 128, 129, 256, 257, 512, 513,
          1024, 1025};
      long[] expected = new long[BOUNDS.length];
      long items = 0;
      for (int i = 0; i < sizes.length; i++) {
        int n = sizes[i];
        List<VerifyRequest> batch = Collections.nCopies(n, r);
        if (i % 2 == 0) {
          kms.verifyBatch(batch);
        } else {
          kms.verifyBatchParallel(batch, Runnable::run);
        }
        items += n;
        expected[bucketOf(n)]++;
      }
      BatchStats stats = kms.batchStats();
      assertEquals(sizes.length, stats.batches());
      assertEquals(items, stats.items());
      assertArrayEquals(expected, stats.counts());
      for (int b = 0; b < BOUNDS.length; b++) {
        assertEquals(expected[b], stats.countUpTo(BOUNDS[b]), "bucket <= " + BOUNDS[b]);
      }
      assertEquals(2, stats.countUpTo(1), "sizes 0 and 1");
      assertEquals(1, stats.countUpTo(2));
      assertEquals(2, stats.countUpTo(4), "sizes 3 and 4");
      assertEquals(1, stats.countUpTo(Integer.MAX_VALUE), "size 1025");
      assertThrows(IllegalArgumentException.class, () -> stats.countUpTo(3));

      kms.verifyBatch(List.of(r));
      assertEquals(sizes.length, stats.batches(), "a snapshot does not move");
      assertEquals(sizes.length + 1, kms.batchStats().batches());
    }
  }

  @Test
  void aSnapshotCannotBeChangedThroughItsArrays() {
    int[] bounds = {1, 2};
    long[] counts = {3, 4};
    BatchStats stats = new BatchStats(7, 11, bounds, counts);
    bounds[0] = 99;
    counts[0] = 99;
    stats.upperBounds()[1] = 99;
    stats.counts()[1] = 99;
    assertArrayEquals(new int[] {1, 2}, stats.upperBounds());
    assertArrayEquals(new long[] {3, 4}, stats.counts());
    assertEquals(3, stats.countUpTo(1));
    assertEquals(4, stats.countUpTo(2));
  }

  private static int bucketOf(int n) {
    int b = 0;
    while (n > BOUNDS[b]) {
      b++;
    }
    return b;
  }
}
