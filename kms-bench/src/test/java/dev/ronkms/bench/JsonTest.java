package dev.ronkms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void roundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a \"q\" \\ ÷\n");
    m.put("n", 1.25);
    m.put("i", 3.0);
    m.put("neg", -2.5e-7);
    m.put("t", true);
    m.put("z", null);
    m.put("l", Arrays.asList(1.0, "x", null, List.of()));
    m.put("o", Map.of());
    assertEquals(m, Json.parse(Json.write(m)));
  }

  @Test
  void nonFiniteNumbersAreWrittenAsNull() {
    assertEquals(Arrays.asList(null, null), Json.parse(Json.write(List.of(Double.NaN,
        Double.POSITIVE_INFINITY))));
  }

  @Test
  void badInputIsRefusedWithAnOffset() {
    for (String bad : new String[] {"", "{", "{\"a\" 1}", "[1,]", "{} x", "tru", "\"\\q\""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Json.parse(bad), bad);
      assertEquals(true, e.getMessage().startsWith("bad JSON at offset"), e.getMessage());
    }
  }
}
