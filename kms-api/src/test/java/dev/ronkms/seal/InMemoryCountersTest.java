package dev.ronkms.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link CounterStore#inMemory()}: marks start at 0, {@code increment} returns 1, 2, 3, ...,
 * {@code raise} returns the mark before and never lowers it, and both stay exact with many
 * threads on one context (bounded by a two-minute wait; nothing is timed).
 */
class InMemoryCountersTest {
  private static final RollbackContext A = RollbackContext.of("k", new byte[] {1});
  private static final RollbackContext B = RollbackContext.of("k", new byte[] {2});

  @Test
  void incrementAndRaiseOnOneThread() {
    CounterStore marks = CounterStore.inMemory();
    assertEquals("InMemoryCounters[0 contexts]", marks.toString());
    assertEquals(0, marks.raise(A, 0));
    assertEquals(1, marks.increment(A));
    assertEquals(2, marks.increment(A));
    assertEquals(2, marks.raise(A, 1), "returns the mark before: 2");
    assertEquals(2, marks.raise(A, 10), "a lower value left it at 2");
    assertEquals(10, marks.raise(A, 3));
    assertEquals(11, marks.increment(A));
    assertEquals(1, marks.increment(B));
    assertEquals("InMemoryCounters[2 contexts]", marks.toString());
  }

  @Test
  void concurrentIncrementsAreExactAndDistinct() throws Exception {
    CounterStore marks = CounterStore.inMemory();
    int threads = 8;
    int each = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(pool.submit(() -> {
        List<Long> mine = new ArrayList<>(each);
        for (int i = 0; i < each; i++) {
          mine.add(marks.increment(A));
        }
        return mine;
      }));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
    Set<Long> seen = new HashSet<>();
    for (Future<List<Long>> r : results) {
      seen.addAll(r.get());
    }
    assertEquals(threads * each, seen.size(), "a value was handed out twice");
    assertEquals((long) threads * each, marks.raise(A, 0));
  }

  @Test
  void concurrentRaisesEndAtTheHighestAndNeverGoDown() throws Exception {
    CounterStore marks = CounterStore.inMemory();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> highest = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      highest.add(pool.submit(() -> {
        Random random = new Random(seed);
        long max = 0;
        long lastSeen = 0;
        for (int i = 0; i < 10_000; i++) {
          long value = random.nextInt(1_000_000);
          long before = marks.raise(B, value);
          if (before < lastSeen) {
            throw new AssertionError("the mark went down from " + lastSeen + " to " + before);
          }
          lastSeen = Math.max(before, value);
          max = Math.max(max, value);
        }
        return max;
      }));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
    long expected = 0;
    for (Future<Long> f : highest) {
      expected = Math.max(expected, f.get());
    }
    assertEquals(expected, marks.raise(B, 0));
  }
}
