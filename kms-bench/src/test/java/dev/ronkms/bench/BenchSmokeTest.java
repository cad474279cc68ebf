package dev.ronkms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code --quick} smoke run in the test build: every headline benchmark runs once (100 ms
 * iterations, in this JVM: JMH forks 0) and the JSON has every score and ratio as a finite
 * positive number. It checks that the benches run, never how fast.
 */
class BenchSmokeTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyHeadlineBenchRunsAndTheJsonHasEveryScoreAndRatio() throws Exception {
    Path json = Path.of("target", "bench-smoke.json");
    Plan plan = Plan.of("quick").withForks(0);
    BenchMain.run(plan, json, System.out, System.err);

    Map<String, Object> doc = Gate.read(json);
    assertEquals("quick", doc.get("mode"));
    assertEquals(List.of(), doc.get("missing"));
    for (String field : new String[] {"date", "jdk", "jvm", "os"}) {
      assertTrue(doc.get(field) instanceof String s && !s.isEmpty(), field);
    }
    assertTrue(doc.get("cores") instanceof Double c && c >= 1);
    @SuppressWarnings("unchecked")
    Map<String, Object> scores = (Map<String, Object>) doc.get("scores");
    for (String key : plan.expectedKeys()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) scores.get(key);
      assertTrue(s != null, "no score for " + key);
      assertPositive(key, s.get("score"));
      assertTrue(s.get("unit") instanceof String u && !u.isEmpty(), key + " unit");
      assertTrue(s.containsKey("error"), key + " error");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> ratios = (Map<String, Object>) doc.get("ratios");
    @SuppressWarnings("unchecked")
    Map<String, Object> better = (Map<String, Object>) doc.get("better");
    for (Ratios.Ratio r : Ratios.ALL) {
      if (r.headline()) {
        assertPositive(r.name(), ratios.get(r.name()));
        assertEquals(r.better().label(), better.get(r.name()), r.name());
      }
    }
  }

  private static void assertPositive(String what, Object v) {
    assertTrue(v instanceof Double d && Double.isFinite(d) && d > 0,
        what + " is " + v + ", not a finite positive number");
  }
}
