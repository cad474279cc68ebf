package dev.ronkms.bench;

import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.VerifyItem;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One batch of {@code size} valid signatures (distinct keys) through the project's verifier. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchBench {

  /** Batch sizes; 1 to 1,024 shows the per-signature cost falling (docs/PERFORMANCE.md). */
  @Param({"1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024"})
  public int size;

  private List<VerifyItem> items;
  private final BatchVerifier verifier = new BatchVerifier();

  @Setup
  public void setUp() {
    items = new Fixture(size, 20261123).items(size);
  }

  @Benchmark
  public boolean[] verifyBatch() {
    boolean[] result = verifier.verify(items);
    for (boolean ok : result) {
      if (!ok) {
        throw new IllegalStateException("batch rejected a valid signature");
      }
    }
    return result;
  }
}
