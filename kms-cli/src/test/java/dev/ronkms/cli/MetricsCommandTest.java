package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code kms metrics} in-process: the four meters with their labels, in Prometheus text. */
class MetricsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Session session = new Session(new PrintWriter(out, true),
      new PrintWriter(err, true));

  @Test
  void printsTheFourMetersAfterTheDemoWorkload() {
    assertEquals(0, KmsCli.run(session, "metrics"), err.toString());
    String text = out.toString();
    Set<String> types = new TreeSet<>();
    text.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> types.add(l.substring(7)));
    assertEquals(Set.of("kms_ops_total counter", "kms_failures_total counter",
        "kms_op_latency_seconds histogram", "kms_op_latency_seconds_max gauge",
        "kms_batch_len summary", "kms_batch_len_max gauge"), types, text);
    for (String sample : List.of(
        "kms_ops_total{alg=\"ed25519\",op=\"create\"} 1.0",
        "kms_ops_total{alg=\"ed25519\",op=\"sign\"} 5.0",
        "kms_ops_total{alg=\"ed25519\",op=\"verify\"} 4.0",
        "kms_ops_total{alg=\"ed25519\",op=\"rotate\"} 1.0",
        "kms_ops_total{alg=\"none\",op=\"verify_batch\"} 1.0",
        "kms_ops_total{alg=\"chacha20-poly1305\",op=\"seal\"} 1.0",
        "kms_ops_total{alg=\"none\",op=\"open\"} 1.0",
        "kms_failures_total{code=\"NOT_HEAD_VERSION\",op=\"sign\"} 1.0",
        "kms_op_latency_seconds_count{op=\"sign\"} 5",
        "kms_op_latency_seconds_bucket{op=\"verify\",le=\"+Inf\"} 4",
        "kms_batch_len_count 1",
        "kms_batch_len_sum 4.0")) {
      assertTrue(text.contains(sample), sample + " in\n" + text);
    }
    assertEquals(1, text.lines().filter(l -> l.startsWith("kms_failures_total{")).count(),
        "the invalid signatures are not failures: " + text);
    assertFalse(text.contains("demo") || text.contains("metrics/") || text.contains("tenant"),
        "no tenant or key label: " + text);
  }
}
