package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.batch.CoalescerStats;
import dev.ronkms.batch.VerifyCoalescer;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link VerifyCoalescer} against the same threads calling {@link Kms#verify} directly: 8 and
 * 32 submitting threads (throughput, each waiting for its answer before the next call), 8
 * threads pipelined with 16 calls in flight each, and 1 thread (average time, where the adaptive
 * flush must keep the latency near direct verification's). Valid signatures by 64 distinct
 * verify-only keys, 128-byte messages, the coalescer's defaults (docs/PERFORMANCE.md).
 */
public class CoalescerBench {
  static final int PIPELINE = 16;

  /** One key manager and one coalescer shared by every thread. */
  @State(Scope.Benchmark)
  public static class Engine {
    Fixture fixture;
    Kms kms;
    KeyId[] versions;
    VerifyCoalescer coalescer;

    @Setup(Level.Trial)
    public void setUp() {
      fixture = new Fixture(64, 20261123);
      kms = Kms.builder().provider(Algorithm.ED25519, "bc").build();
      versions = new KeyId[fixture.publicKeys.length];
      for (int i = 0; i < versions.length; i++) {
        versions[i] = kms.importPublicKey("bench", "coalesce", Algorithm.ED25519,
            fixture.publicKeys[i]).withVersion(1);
      }
      coalescer = VerifyCoalescer.of(kms);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      coalescer.close();
      CoalescerStats s = coalescer.stats();
      if (s.flushes() > 0) {
        System.out.printf("%n  coalescer: %d calls, %d batches (size %d, time %d, idle %d),"
            + " mean batch %.1f, largest %d, mean queue wait %.1f µs%n", s.submitted(),
            s.flushes(), s.sizeFlushes(), s.timeFlushes(), s.idleFlushes(),
            s.meanBatchLength(), s.largestBatch(), s.meanQueueWaitNanos() / 1000);
      }
      kms.close();
    }
  }

  /** Each thread's place in the 64 signatures. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      next = (int) (Thread.currentThread().getId() * 7);
    }
  }

  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean direct8(Engine e, Cursor c) {
    return direct(e, c);
  }

  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean coalesced8(Engine e, Cursor c) {
    return coalesced(e, c);
  }

  @Benchmark
  @Threads(32)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean direct32(Engine e, Cursor c) {
    return direct(e, c);
  }

  @Benchmark
  @Threads(32)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean coalesced32(Engine e, Cursor c) {
    return coalesced(e, c);
  }

  @Benchmark
  @Threads(8)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(PIPELINE)
  public boolean pipelined8(Engine e, Cursor c) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Boolean>[] fs = new CompletableFuture[PIPELINE];
    for (int k = 0; k < PIPELINE; k++) {
      int i = c.next++ & 63;
      fs[k] = e.coalescer.submit(e.versions[i], e.fixture.messages[i], e.fixture.signatures[i]);
    }
    boolean all = true;
    for (CompletableFuture<Boolean> f : fs) {
      all &= f.join();
    }
    return check(all);
  }

  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean direct1(Engine e, Cursor c) {
    return direct(e, c);
  }

  @Benchmark
  @Threads(1)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean coalesced1(Engine e, Cursor c) {
    return coalesced(e, c);
  }

  private static boolean direct(Engine e, Cursor c) {
    int i = c.next++ & 63;
    return check(e.kms.verify(e.versions[i], e.fixture.messages[i], e.fixture.signatures[i]));
  }

  private static boolean coalesced(Engine e, Cursor c) {
    int i = c.next++ & 63;
    return check(e.coalescer.submit(e.versions[i], e.fixture.messages[i],
        e.fixture.signatures[i]).join());
  }

  private static boolean check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("a valid signature was rejected");
    }
    return ok;
  }
}
