package dev.ronkms.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Micrometer names render under the Prometheus naming convention as exactly the four names
 * of docs/API.md ("Metrics"): kms_ops_total, kms_failures_total, kms_op_latency_seconds and kms_batch_len,
 * plus the {@code _max} gauge Micrometer adds beside every timer and distribution summary.
 */
class PrometheusNamesTest {

  @Test
  void theScrapeShowsTheFourDesignNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    byte[] msg = "m".getBytes(StandardCharsets.UTF_8);
    try (Kms kms = KmsMetrics.bindTo(Kms.builder(), registry).build()) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      Signed s = kms.sign(key, msg);
      kms.verify(s, new byte[1]);
      kms.verifyBatch(List.of(VerifyRequest.of(s, msg)));
      try {
        kms.disable(key.withVersion(9));
      } catch (KmsException expected) {
        // VERSION_NOT_FOUND
      }
    }
    String text = registry.scrape();
    Set<String> families = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.substring("# TYPE ".length()));
      }
    }
    assertEquals(Set.of("kms_ops_total counter", "kms_failures_total counter",
        "kms_op_latency_seconds histogram", "kms_op_latency_seconds_max gauge",
        "kms_batch_len summary", "kms_batch_len_max gauge"), families, text);
    assertTrue(text.contains("kms_ops_total{alg=\"ed25519\",op=\"sign\"} 1.0"), text);
    assertTrue(text.contains("kms_ops_total{alg=\"none\",op=\"verify_batch\"} 1.0"), text);
    assertTrue(text.contains("kms_failures_total{code=\"VERSION_NOT_FOUND\",op=\"disable\"} 1.0"),
        text);
    assertTrue(text.contains("kms_op_latency_seconds_bucket{op=\"sign\",le=\""), text);
    assertTrue(text.contains("kms_op_latency_seconds_count{op=\"verify\"} 1"), text);
    assertTrue(text.contains("kms_batch_len_count 1"), text);
    assertTrue(text.contains("kms_batch_len_sum 1.0"), text);
  }
}
