package dev.ronkms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ratio gate's decisions: pure comparisons, no benchmark runs. */
class GateTest {
  // "sign.kms/bc-raw" is lower-is-better, "parallel.all-cores/1" higher-is-better.
  private static final String LOWER = "sign.kms/bc-raw";
  private static final String HIGHER = "parallel.all-cores/1";

  private static Map<String, Object> ratios(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Gate.Status status(Gate.Outcome o, String ratio) {
    return o.findings().stream().filter(f -> f.ratio().equals(ratio)).findFirst().orElseThrow()
        .status();
  }

  @Test
  void directionsAreThoseOfTheRatioTable() {
    assertEquals(Ratios.Better.LOWER, Ratios.named(LOWER).better());
    assertEquals(Ratios.Better.HIGHER, Ratios.named(HIGHER).better());
    assertEquals(Ratios.Better.HIGHER, Ratios.named("coalescer.8-threads.throughput").better());
    assertEquals(Ratios.Better.LOWER, Ratios.named("coalescer.1-thread.latency").better());
    assertEquals(Ratios.Better.LOWER, Ratios.named("batch64/single").better());
  }

  @Test
  void identicalRatiosPass() {
    Map<String, Object> r = ratios(LOWER, 1.02, HIGHER, 1.8);
    assertTrue(Gate.compare(r, r, 0.10).passed());
  }

  @Test
  void lowerIsBetterRegressesOnlyAboveBaselineTimesOnePlusTolerance() {
    Map<String, Object> base = ratios(LOWER, 1.00);
    assertTrue(Gate.compare(base, ratios(LOWER, 1.099), 0.10).passed());
    assertTrue(Gate.compare(base, ratios(LOWER, 1.10), 0.10).passed(), "the limit itself passes");
    Gate.Outcome worse = Gate.compare(base, ratios(LOWER, 1.11), 0.10);
    assertFalse(worse.passed());
    assertEquals(Gate.Status.REGRESSED, status(worse, LOWER));
    assertEquals(1.10, worse.findings().get(0).limit(), 1e-12);
    // Much better is never a regression.
    assertTrue(Gate.compare(base, ratios(LOWER, 0.5), 0.10).passed());
  }

  @Test
  void higherIsBetterRegressesOnlyBelowBaselineOverOnePlusTolerance() {
    Map<String, Object> base = ratios(HIGHER, 1.80);
    double limit = 1.80 / 1.10;
    assertTrue(Gate.compare(base, ratios(HIGHER, limit + 1e-9), 0.10).passed());
    Gate.Outcome worse = Gate.compare(base, ratios(HIGHER, limit - 0.01), 0.10);
    assertFalse(worse.passed());
    assertEquals(Gate.Status.REGRESSED, status(worse, HIGHER));
    assertEquals(limit, worse.findings().get(0).limit(), 1e-12);
    // A rise (better) passes however large; the same rise on a lower-is-better ratio fails.
    assertTrue(Gate.compare(base, ratios(HIGHER, 3.6), 0.10).passed());
    assertFalse(Gate.compare(ratios(LOWER, 1.8), ratios(LOWER, 3.6), 0.10).passed());
  }

  @Test
  void toleranceWidensAndNarrowsTheLimit() {
    Map<String, Object> base = ratios(LOWER, 1.0, HIGHER, 2.0);
    Map<String, Object> result = ratios(LOWER, 1.2, HIGHER, 1.7);
    assertFalse(Gate.compare(base, result, 0.10).passed());
    assertTrue(Gate.compare(base, result, 0.25).passed());
    assertFalse(Gate.compare(base, ratios(LOWER, 1.01, HIGHER, 2.0), 0.0).passed());
    assertThrows(IllegalArgumentException.class, () -> Gate.compare(base, base, -0.1));
    assertThrows(IllegalArgumentException.class, () -> Gate.compare(base, base, Double.NaN));
  }

  @Test
  void aRatioMissingFromTheResultFailsWithItsName() {
    Gate.Outcome o = Gate.compare(ratios(LOWER, 1.0, HIGHER, 1.8), ratios(HIGHER, 1.8), 0.10);
    assertFalse(o.passed());
    assertEquals(Gate.Status.MISSING, status(o, LOWER));
    String message = o.failures().get(0).message();
    assertTrue(message.contains(LOWER) && message.contains("missing from the result"), message);
  }

  @Test
  void aNullOrNonPositiveResultCountsAsMissing() {
    Map<String, Object> base = ratios(LOWER, 1.0);
    assertEquals(Gate.Status.MISSING, status(Gate.compare(base, ratios(LOWER, null), 0.1), LOWER));
    assertEquals(Gate.Status.MISSING, status(Gate.compare(base, ratios(LOWER, 0.0), 0.1), LOWER));
    assertEquals(Gate.Status.MISSING, status(Gate.compare(base, ratios(LOWER, "x"), 0.1), LOWER));
  }

  @Test
  void anUnknownOrBrokenBaselineRatioFails() {
    Gate.Outcome unknown = Gate.compare(ratios("no.such/ratio", 1.0), ratios("no.such/ratio",
        1.0), 0.1);
    assertEquals(Gate.Status.UNKNOWN, status(unknown, "no.such/ratio"));
    assertTrue(unknown.failures().get(0).message().contains("direction is unknown"));
    assertEquals(Gate.Status.BAD_BASELINE,
        status(Gate.compare(ratios(LOWER, null), ratios(LOWER, 1.0), 0.1), LOWER));
    assertFalse(Gate.compare(ratios(), ratios(LOWER, 1.0), 0.1).passed(), "empty baseline");
  }

  @Test
  void ratiosOnlyInTheResultAreReportedNotGated() {
    Gate.Outcome o = Gate.compare(ratios(LOWER, 1.0), ratios(LOWER, 1.0, HIGHER, 0.1), 0.1);
    assertTrue(o.passed());
    assertEquals(Gate.Status.NOT_IN_BASELINE, status(o, HIGHER));
  }

  @Test
  void aQuickResultOrADocumentWithoutRatiosCannotBeGated() {
    Map<String, Object> base = Map.of("mode", "default", "ratios", ratios(LOWER, 1.0));
    Map<String, Object> quick = Map.of("mode", "quick", "ratios", ratios(LOWER, 1.0));
    Gate.Outcome o = Gate.evaluate(base, quick, 0.1);
    assertFalse(o.passed());
    assertTrue(o.failures().get(0).message().contains("--quick"));
    assertFalse(Gate.evaluate(base, Map.of("mode", "default"), 0.1).passed());
    assertTrue(Gate.evaluate(base, Map.of("mode", "full", "ratios", ratios(LOWER, 1.05)), 0.1)
        .passed());
  }

  @Test
  void theCommandExitsZeroOneOrTwo(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base.json");
    Path good = dir.resolve("good.json");
    Path bad = dir.resolve("bad.json");
    Files.writeString(base, Json.write(Map.of("mode", "default",
        "ratios", ratios(LOWER, 1.0, HIGHER, 1.8))));
    Files.writeString(good, Json.write(Map.of("mode", "default",
        "ratios", ratios(LOWER, 1.05, HIGHER, 1.7))));
    Files.writeString(bad, Json.write(Map.of("mode", "default",
        "ratios", ratios(LOWER, 1.05, HIGHER, 1.5))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(0, Gate.main(List.of("--baseline", base.toString(), "--result",
        good.toString()), o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("PASS"));
    assertEquals(1, Gate.main(List.of("--baseline", base.toString(), "--result",
        bad.toString()), o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("FAIL: " + HIGHER));
    assertEquals(0, Gate.main(List.of("--baseline", base.toString(), "--result",
        bad.toString(), "--tolerance", "0.25"), o, e));
    assertEquals(2, Gate.main(List.of("--result", good.toString()), o, e), "no baseline");
    assertEquals(2, Gate.main(List.of("--baseline", dir.resolve("none.json").toString()), o, e));
    assertEquals(2, Gate.main(List.of("--baseline", base.toString(), "--tolerance"), o, e));
  }

  @Test
  void theCommittedBaselineHasEveryHeadlineRatio() throws Exception {
    Path file = Path.of(System.getProperty("kms.repo.root", "."), "kms-bench", "baseline",
        "ratios.json");
    Map<String, Object> doc = Gate.read(file);
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) doc.get("ratios");
    for (Ratios.Ratio ratio : Ratios.ALL) {
      if (ratio.headline()) {
        assertTrue(r.get(ratio.name()) instanceof Double d && d > 0, ratio.name());
      }
    }
    assertTrue(Gate.compare(r, r, 0.10).passed());
  }
}
