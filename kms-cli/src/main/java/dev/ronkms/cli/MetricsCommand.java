package dev.ronkms.cli;

import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.micrometer.KmsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code kms metrics}: runs a small demo workload on a fresh in-memory store with
 * {@link KmsMetrics} bound to a Prometheus registry (Micrometer's
 * {@code micrometer-registry-prometheus}), then prints the registry's Prometheus text: the
 * meters {@code kms_ops_total}, {@code kms_failures_total}, {@code kms_op_latency_seconds} and
 * {@code kms_batch_len} of docs/API.md ("Metrics"). The workload creates an Ed25519 key, signs,
 * verifies a valid and an invalid signature, verifies a batch, fails once (a non-head version
 * asked to sign) and seals and opens a secret. It never touches a durable store.
 */
@Command(name = "metrics", description = "Run a demo workload on the in-memory store with"
    + " Micrometer metrics bound and print them in the Prometheus text format.")
final class MetricsCommand implements Callable<Integer> {
  private final Session session;

  MetricsCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Kms kms = KmsMetrics.bindTo(Kms.builder(), registry).build()) {
      workload(kms);
    }
    session.out.print(registry.scrape());
    session.out.flush();
    return 0;
  }

  /** The demo workload: every meter gets a sample, one failure included. */
  static void workload(Kms kms) {
    KeyId key = kms.create("demo", "metrics", Algorithm.ED25519);
    List<VerifyRequest> batch = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      byte[] message = bytes("invoice #" + i);
      Signed s = kms.sign(key, message);
      kms.verify(s, message);
      batch.add(VerifyRequest.of(s, message));
    }
    Signed s = kms.sign(key, bytes("invoice #4"));
    kms.verify(s, bytes("invoice #4 (altered)"));
    batch.add(VerifyRequest.of(s, bytes("altered")));
    kms.verifyBatch(batch);
    kms.rotate(key);
    try {
      kms.sign(key.withVersion(1), bytes("too late"));
    } catch (KmsException expected) {
      // NOT_HEAD_VERSION: the failure the workload shows in kms_failures_total
    }
    KeyId secrets = kms.create("demo", "secrets", Algorithm.CHACHA20_POLY1305);
    byte[] aad = bytes("db");
    kms.open(kms.seal(secrets, bytes("hunter2"), aad), aad);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
