package dev.ronkms.bench;

import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.ParallelVerifier;
import dev.ronkms.ed25519.VerifyItem;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@value #ITEMS} signatures through {@link ParallelVerifier} with {@code threads} threads working
 * ({@code 0} = one per available processor). The calling thread always works on chunks too, so
 * n threads means the caller plus a pool of n - 1; one thread means a direct executor (all chunks
 * on the caller). Throughput ratios come from the average time per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParallelBench {
  static final int ITEMS = 1024;

  @Param({"1", "2", "0"})
  public int threads;

  private List<VerifyItem> items;
  private ExecutorService pool;
  private ParallelVerifier verifier;

  @Setup(Level.Trial)
  public void setUp() {
    int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    Executor executor;
    if (n == 1) {
      executor = Runnable::run;
    } else {
      pool = Executors.newFixedThreadPool(n - 1);
      executor = pool;
    }
    verifier = new ParallelVerifier(executor, new BatchVerifier());
    items = new Fixture(ITEMS, 20261123).items(ITEMS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Benchmark
  public boolean[] verifyParallel() {
    return verifier.verify(items);
  }
}
