package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Kms.verifyBatch} over {@code size} requests by distinct known key versions (verify-only
 * keys imported from the fixture): the store lookups, the policy checks and the batch
 * equation with each version's key decoded once and cached by the engine. Compared with
 * {@link BatchBench} (raw bytes, every key decoded per batch) it shows what the cache saves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EngineBatchBench {

  @Param({"64", "256"})
  public int size;

  private Kms kms;
  private List<VerifyRequest> requests;

  @Setup
  public void setUp() {
    Fixture fixture = new Fixture(size, 20261123);
    kms = Kms.builder().provider(Algorithm.ED25519, "bc").build();
    requests = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      KeyId version = kms.importPublicKey("bench", "batch-" + i, Algorithm.ED25519,
          fixture.publicKeys[i]).withVersion(1);
      requests.add(new VerifyRequest(version, fixture.messages[i], fixture.signatures[i]));
    }
    verifyBatch(); // the first call fills the engine's decoded-key cache
  }

  @Benchmark
  public List<VerifyResult> verifyBatch() {
    List<VerifyResult> results = kms.verifyBatch(requests);
    for (VerifyResult r : results) {
      if (!r.isValid()) {
        throw new IllegalStateException("the engine rejected a valid signature");
      }
    }
    return results;
  }

  @TearDown
  public void tearDown() {
    kms.close();
  }
}
