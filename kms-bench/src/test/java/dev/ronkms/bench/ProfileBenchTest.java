package dev.ronkms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * Every step of {@link ProfileBench} sets up and runs (called directly, without JMH: a broken
 * step, a rejected signature or a renamed internal fails here, in milliseconds), and the table
 * finds a row for every score key the steps produce. It never times anything.
 */
class ProfileBenchTest {

  @Test
  void everySingleStepRunsAndChecksItsResult() throws Exception {
    for (String step : params(ProfileBench.Single.class, "step")) {
      ProfileBench.Single state = new ProfileBench.Single();
      state.step = step;
      state.setUp();
      for (int i = 0; i < 70; i++) { // past the 64 keys once
        assertNotNull(state.next(), step);
      }
    }
  }

  @Test
  void everyBatchStepRunsAndChecksItsResult() throws Throwable {
    for (String step : params(ProfileBench.Batch.class, "batchStep")) {
      ProfileBench.Batch state = new ProfileBench.Batch();
      state.items = 8; // small: the steps do not depend on the size
      state.batchStep = step;
      state.setUp();
      for (int i = 0; i < 10; i++) { // the bad item in every place once, and more
        assertNotNull(state.next(), step);
      }
    }
  }

  @Test
  void theTableUsesEveryScoreAndAddsUp() throws Exception {
    Map<String, BenchMain.Score> scores = new LinkedHashMap<>();
    for (String step : params(ProfileBench.Single.class, "step")) {
      scores.put("ProfileBench.single:" + step, new BenchMain.Score(1, 0.1, "us/op", "avgt", 5));
    }
    for (String n : params(ProfileBench.Batch.class, "items")) {
      for (String step : params(ProfileBench.Batch.class, "batchStep")) {
        scores.put("ProfileBench.batch:" + step + "," + n,
            new BenchMain.Score(Integer.parseInt(n), 0.1, "us/op", "avgt", 5));
      }
    }
    String table = ProfileTable.render(scores, ProfileTable.sizes());
    assertFalse(table.contains("missing"), table);
    assertFalse(table.contains("NaN"), table);
    // Single: eight summed steps of 1 µs against a whole of 1 µs.
    assertTrue(table.contains("sum of the steps                                  8.000"), table);
    for (String n : params(ProfileBench.Batch.class, "items")) {
      assertTrue(table.contains("Batch of " + n + " distinct keys"), table);
    }
    assertEquals(List.of(64, 256), ProfileTable.sizes());
  }

  private static List<String> params(Class<?> state, String field) throws Exception {
    return List.of(state.getField(field).getAnnotation(Param.class).value());
  }
}
