package dev.ronkms.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;

/**
 * The table {@link ProfileBench} prints: for single verification and per batch item, each
 * step's µs with its JMH error and its share of the whole, the sum of the steps and what the
 * sum leaves unexplained (docs/PERFORMANCE.md, "Where the time goes").
 */
final class ProfileTable {

  private ProfileTable() {}

  /** A row: its label, the score keys it adds up, and whether it counts towards the sum. */
  record Row(String label, List<String> keys, boolean summed) {}

  static final List<Row> SINGLE_ROWS = List.of(
      new Row("precheck (Ed25519Policy.admits)", List.of("single:precheck"), true),
      new Row("decode A (no table)", List.of("single:decode-a"), true),
      new Row("decode R (no table)", List.of("single:decode-r"), true),
      new Row("tables of A and R (built in SingleVerify)", List.of("single:tables"), true),
      new Row("hash SHA-512(R ‖ A ‖ M)", List.of("single:hash"), true),
      new Row("reduce mod L (and read S)", List.of("single:reduce"), true),
      new Row("scalars: split + v1·S + NAF", List.of("single:recode"), true),
      new Row("  of which lattice split", List.of("single:split"), false),
      new Row("multiscalar (Straus, [8], identity)", List.of("single:straus"), true),
      new Row("SingleVerify.verify, tables ready", List.of("single:msm"), false));

  static final List<Row> BATCH_ROWS = List.of(
      new Row("precheck", List.of("batch:precheck"), true),
      new Row("decode A and R", List.of("batch:decode"), true),
      new Row("hash SHA-512(R ‖ A ‖ M)", List.of("batch:hash"), true),
      new Row("reduce mod L (and read S)", List.of("batch:reduce"), true),
      new Row("random coefficients z_i", List.of("batch:coefficients"), true),
      new Row("multiscalar (BatchEquation.holds)", List.of("batch:msm"), true));

  /**
   * The split as text: for single verification and per batch item, each step's µs with its
   * JMH error and its share of the whole, their sum, and what the sum leaves unexplained.
   */
  static String render(Map<String, BenchMain.Score> scores, List<Integer> sizes) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("Single verify (µs per verification; JDK %s)%n",
        System.getProperty("java.version")));
    table(b, scores, 1, SINGLE_ROWS, "single:verify", "Ed25519Verifier.verify");
    for (int n : sizes) {
      b.append(String.format("%nBatch of %d distinct keys (µs per item)%n", n));
      List<Row> rows = new ArrayList<>();
      for (Row r : BATCH_ROWS) {
        rows.add(new Row(r.label(), List.of(r.keys().get(0) + "," + n), r.summed()));
      }
      table(b, scores, n, rows, "batch:batch," + n, "BatchVerifier.verify");
      BenchMain.Score whole = get(scores, "batch:batch," + n);
      BenchMain.Score bad = get(scores, "batch:bad," + n);
      if (whole != null && bad != null) {
        line(b, "one bad signature: whole batch", bad.score() / n, bad.error() / n,
            bad.score() / whole.score());
        double extra = (bad.score() - whole.score()) / n;
        line(b, "  bisection (bad − all valid)", extra,
            quadrature(bad.error(), whole.error()) / n, extra * n / whole.score());
      }
    }
    return b.toString();
  }

  private static void table(StringBuilder b, Map<String, BenchMain.Score> scores, int per,
      List<Row> rows, String wholeKey, String wholeLabel) {
    BenchMain.Score whole = get(scores, wholeKey);
    double w = whole == null ? Double.NaN : whole.score() / per;
    b.append(String.format("  %-44s %10s  %-9s %7s%n", "step", "µs", "± error", "% whole"));
    double sum = 0;
    double sumError2 = 0;
    for (Row r : rows) {
      BenchMain.Score s = get(scores, r.keys().get(0));
      if (s == null) {
        b.append(String.format("  %-44s %10s%n", r.label(), "missing"));
        continue;
      }
      double v = s.score() / per;
      double e = s.error() / per;
      line(b, r.label(), v, e, v / w);
      if (r.summed()) {
        sum += v;
        sumError2 += e * e; // NaN (one iteration: no error) stays NaN
      }
    }
    line(b, "sum of the steps", sum, Math.sqrt(sumError2), sum / w);
    if (whole != null) {
      double e = whole.error() / per;
      line(b, wholeLabel + " (the whole)", w, e, 1);
      line(b, "not in any step (whole − sum)", w - sum, Math.sqrt(sumError2 + e * e),
          (w - sum) / w);
    }
  }

  private static void line(StringBuilder b, String label, double v, double e, double share) {
    b.append(String.format("  %-44s %10.3f  %-9s %6.1f%%%n", label, v,
        Double.isFinite(e) ? String.format("± %.3f", e) : "", 100 * share));
  }

  private static double quadrature(double a, double b) {
    return Math.sqrt(a * a + b * b);
  }

  /** The score of "single:step" or "batch:batchStep,items" (JMH orders params by name). */
  private static BenchMain.Score get(Map<String, BenchMain.Score> scores, String key) {
    return scores.get("ProfileBench." + key);
  }

  /** The batch sizes of the {@code items} parameter. */
  static List<Integer> sizes() {
    try {
      Param items = ProfileBench.Batch.class.getField("items").getAnnotation(Param.class);
      return Arrays.stream(items.value())
          .map(Integer::valueOf).toList();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
