package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples, exactly as printed: every {@code ```java} block of README.md is
 * extracted, compiled with {@link JavaCompiler} against this module's test class path (which
 * holds kms-api and every provider, as a host's would) and its {@code main} run. No copy of the
 * examples lives here, so the README cannot rot.
 */
class ReadmeExampleTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");
  private static final Pattern CLASS_NAME = Pattern.compile("(?m)^public class (\\w+)");

  /** What each example must print; none prints a label followed by ": false". */
  private static final Map<String, List<String>> EXPECTED = Map.of(
      "SigningExample", List.of("v1 signature still valid: true",
          "500 in parallel all valid: true", "\"headVersion\":2", "partner signature valid: true"),
      "SealingExample", List.of("opened: hunter2", "resealed opens: hunter2"),
      "PostQuantumExample", List.of("ML-DSA-65 signature of 3309 bytes valid: true",
          "composite signature valid: true", "opened from the ML-KEM inbox: hunter2"));

  @Test
  void everyJavaBlockOfTheReadmeCompilesAndRunsAsPrinted(@TempDir Path tmp) throws Exception {
    List<String> blocks = javaBlocks();
    assertEquals(EXPECTED.keySet().size(), blocks.size(),
        "one expectation per README java block; update EXPECTED when a block is added");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path out = Files.createDirectories(tmp.resolve("classes"));
    List<String> classes = new ArrayList<>();
    List<File> files = new ArrayList<>();
    for (String block : blocks) {
      Matcher m = CLASS_NAME.matcher(block);
      assertTrue(m.find(), "a README java block is not a complete public class:\n" + block);
      classes.add(m.group(1));
      Path file = src.resolve(m.group(1) + ".java");
      Files.writeString(file, block, StandardCharsets.UTF_8);
      files.add(file.toFile());
    }
    compile(files, out);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
        ReadmeExampleTest.class.getClassLoader())) {
      for (String name : classes) {
        String printed = runMain(loader.loadClass(name));
        List<String> expected = EXPECTED.get(name);
        assertNotNull(expected, "no expectation for README example " + name);
        for (String line : expected) {
          assertTrue(printed.contains(line), name + " should print " + line + ":\n" + printed);
        }
        assertFalse(printed.contains(": false"), name + " printed false:\n" + printed);
      }
    }
  }

  private static List<String> javaBlocks() throws IOException {
    String root = System.getProperty("kms.repo.root", "..");
    String readme = Files.readString(Path.of(root, "README.md"), StandardCharsets.UTF_8)
        .replace("\r\n", "\n");
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static void compile(List<File> files, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK, not a JRE");
    // Surefire may hand the JVM a manifest-only jar; its own property has the real class path.
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null,
        StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromFiles(files);
      boolean ok = javac.getTask(diagnostics, fm, null,
          List.of("-classpath", classPath, "-d", out.toString(), "--release", "17"),
          null, units).call();
      assertTrue(ok, "README java blocks do not compile as printed:\n" + diagnostics);
    }
  }

  private static String runMain(Class<?> example) throws Exception {
    Method main = example.getMethod("main", String[].class);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    synchronized (ReadmeExampleTest.class) {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      try {
        main.invoke(null, (Object) new String[0]);
      } finally {
        System.setOut(original);
      }
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
