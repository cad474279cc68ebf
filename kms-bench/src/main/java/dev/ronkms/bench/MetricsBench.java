package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.KmsBuilder;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.micrometer.KmsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
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
 * The cost of metrics on {@code Kms.sign} (128-byte message, BC provider, in-memory store), in
 * one run: {@code none} has no listener; {@code listener} a listener that does nothing (the
 * engine's own event cost); {@code micrometer} {@link KmsMetrics} on a Prometheus registry
 * (counter, latency timer with its histogram). The target is micrometer ≤ 1.05 × none.
 * {@link Record#onOperation} measures the listener alone (one sign event into the Prometheus
 * registry), which a noisy machine cannot hide in the ±10 % of a signature. {@link #main} is a
 * paired A/B run for a machine whose load drifts: it alternates short slices of the three
 * set-ups, rotating their order each round, and prints the ratios of the totals and the median
 * of the per-round ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBench {

  @Param({"none", "listener", "micrometer"})
  public String metrics;

  private Kms kms;
  private KeyId key;
  private byte[] message;

  @Setup
  public void setUp() {
    message = new Fixture(1, 20261123).messages[0];
    KmsBuilder builder = Kms.builder().provider(Algorithm.ED25519, "bc");
    switch (metrics) {
      case "none" -> { }
      case "listener" -> builder.listener(event -> { });
      case "micrometer" -> KmsMetrics.bindTo(builder,
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      default -> throw new IllegalArgumentException(metrics);
    }
    kms = builder.build();
    key = kms.create("bench", "metrics", Algorithm.ED25519);
  }

  @TearDown
  public void tearDown() {
    kms.close();
  }

  @Benchmark
  public byte[] sign() {
    return kms.sign(key, message).signature();
  }

  /**
   * Paired A/B: {@code rounds} (default 60) rounds of {@code slice} (default 1,000) signatures
   * per set-up, after 3 s of warm-up each.
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int slice = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    String[] names = {"none", "listener", "micrometer"};
    MetricsBench[] benches = new MetricsBench[names.length];
    for (int i = 0; i < names.length; i++) {
      benches[i] = new MetricsBench();
      benches[i].metrics = names[i];
      benches[i].setUp();
    }
    int sink = 0;
    for (MetricsBench b : benches) {
      long end = System.nanoTime() + 3_000_000_000L;
      while (System.nanoTime() < end) {
        sink += b.sign()[0];
      }
    }
    long[] total = new long[names.length];
    double[][] perRound = new double[names.length][rounds];
    for (int r = 0; r < rounds; r++) {
      long[] t = new long[names.length];
      for (int k = 0; k < names.length; k++) {
        int i = (r + k) % names.length;
        long start = System.nanoTime();
        for (int j = 0; j < slice; j++) {
          sink += benches[i].sign()[0];
        }
        t[i] = System.nanoTime() - start;
        total[i] += t[i];
      }
      for (int i = 0; i < names.length; i++) {
        perRound[i][r] = (double) t[i] / t[0];
      }
    }
    for (int i = 0; i < names.length; i++) {
      double[] sorted = perRound[i].clone();
      java.util.Arrays.sort(sorted);
      System.out.printf("%-10s %8.2f µs/op   ÷ none %.3f (totals), %.3f (median of rounds)%n",
          names[i], total[i] / 1_000.0 / rounds / slice, (double) total[i] / total[0],
          sorted[rounds / 2]);
      benches[i].tearDown();
    }
    System.out.println("(sink " + sink + ")");
  }

  /** {@link KmsMetrics#onOperation} alone, for a successful Ed25519 signature. */
  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public static class Record {
    private KmsMetrics metrics;
    private OperationEvent event;

    @Setup
    public void setUp() {
      metrics = new KmsMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      event = new OperationEvent(Instant.EPOCH, Operation.SIGN, Algorithm.ED25519, null,
          Outcome.SUCCESS, null, "bc", 25_000, 0);
    }

    @Benchmark
    public void onOperation() {
      metrics.onOperation(event);
    }
  }
}
