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
 * registry), which a noisy machine cannot hide in the ±10 % of a signature.
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
