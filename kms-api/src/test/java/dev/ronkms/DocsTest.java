package dev.ronkms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/API.md's error table must list exactly the ErrorCode constants, with the same flag. */
class DocsTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (yes|no) \\|",
      Pattern.MULTILINE);

  @Test
  void errorCodeTableMatchesTheEnum() throws IOException {
    Path api = Path.of(System.getProperty("kms.repo.root", "..")).resolve("docs/API.md");
    Map<String, Boolean> documented = new LinkedHashMap<>();
    String text = Files.readString(api);
    int start = text.indexOf("## Error codes");
    String section = text.substring(start, text.indexOf("\n## ", start + 1));
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      documented.put(m.group(1), m.group(2).equals("yes"));
    }
    Map<String, Boolean> actual = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      actual.put(c.code(), c.retryable());
    }
    assertEquals(actual, documented);
  }
}
