package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The unit tests run on the class path (META-INF/services). This one starts a child JVM with
 * every main artifact on the module path instead, so the module descriptors are checked too:
 * the CLI module must resolve, and the Bouncy Castle provider must be bound through its
 * {@code provides} clause and kms-api's {@code uses} clause alone.
 */
class ModulePathTest {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void demoRunsAsNamedModules() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> modulePath = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      String name = Paths.get(entry).toString();
      boolean testOnly = name.contains("test-classes") || name.endsWith("-tests.jar")
          || name.contains("junit")
          || name.contains("opentest4j") || name.contains("apiguardian");
      if (!testOnly && !entry.isBlank()) {
        modulePath.add(entry);
      }
    }
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(),
        "--module-path", String.join(File.pathSeparator, modulePath),
        "-m", "dev.ronkms.cli/dev.ronkms.cli.KmsCli", "demo");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(100, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output + "\nmodule path:\n"
        + modulePath.stream().collect(Collectors.joining("\n")));
    assertTrue(output.contains("* bc"), output);
    assertTrue(output.contains("NOT_HEAD_VERSION"), output);
  }
}
