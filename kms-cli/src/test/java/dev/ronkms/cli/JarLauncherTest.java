package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kms as it is launched: a jar whose manifest carries Implementation-Version, and the ./kms
 * script choosing its JVM. The test lays out a copy of the launcher beside a jar of the compiled
 * classes and a lib folder ({@code kms-cli/target/kms-cli.jar} and {@code lib/}), with no
 * sources, so the launcher runs it without building.
 */
class JarLauncherTest {
  private static final String VERSION = "9.9.9-test";
  private static final Path JDK25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir
  static Path root;

  private static boolean laidOut;

  private static synchronized void layOut() throws Exception {
    if (laidOut) {
      return;
    }
    Path target = Files.createDirectories(root.resolve("kms-cli/target"));
    Path lib = Files.createDirectories(target.resolve("lib"));
    Path classes = Paths.get(KmsCli.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, VERSION);
    jar(classes, target.resolve("kms-cli.jar"), manifest);
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    int n = 0;
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Paths.get(entry);
      String name = p.toString();
      if (entry.isBlank() || p.equals(classes) || name.contains("test-classes")
          || name.endsWith("-tests.jar") || name.contains("junit") || name.contains("opentest4j")
          || name.contains("apiguardian") || !Files.exists(p)) {
        continue;
      }
      Path copy = lib.resolve((n++) + "-" + p.getFileName() + (Files.isDirectory(p) ? ".jar"
          : ""));
      if (Files.isDirectory(p)) {
        jar(p, copy, null);
      } else {
        Files.copy(p, copy);
      }
    }
    Path repo = Paths.get(System.getProperty("kms.repo.root",
        Paths.get("").toAbsolutePath().getParent().toString()));
    Files.copy(repo.resolve("kms"), root.resolve("kms"));
    laidOut = true;
  }

  private static void jar(Path directory, Path jar, Manifest manifest) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = manifest == null ? new JarOutputStream(file)
            : new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(directory)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = directory.relativize(f).toString().replace(File.separatorChar, '/');
        if (manifest != null && name.equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        out.putNextEntry(new JarEntry(name));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  private record Run(int code, String output) {}

  private static Run run(Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
    return new Run(p.exitValue(), output);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void versionComesFromTheJarManifest() throws Exception {
    layOut();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Path target = root.resolve("kms-cli/target");
    Run r = run(Map.of(), List.of(java.toString(), "-cp", target.resolve("kms-cli.jar")
        + File.pathSeparator + target.resolve("lib") + File.separator + "*",
        KmsCli.class.getName(), "--version"));
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().startsWith("kms " + VERSION + "\n"), r.output());
    Run sub = run(Map.of(), List.of(java.toString(), "-cp", target.resolve("kms-cli.jar")
        + File.pathSeparator + target.resolve("lib") + File.separator + "*",
        KmsCli.class.getName(), "keys", "sign", "-V"));
    assertTrue(sub.output().startsWith("kms " + VERSION + "\n"), sub.output());
    Run bad = run(Map.of(), List.of(java.toString(), "-cp", target.resolve("kms-cli.jar")
        + File.pathSeparator + target.resolve("lib") + File.separator + "*",
        KmsCli.class.getName(), "keys", "sign", "acme/p/ed25519/00000000-0000-4000-8000"
            + "-000000000000", "--message-file", "/dev/zero"));
    assertEquals(Files.exists(Paths.get("/dev/zero")) ? 2 : 2, bad.code(), bad.output());
    assertTrue(!bad.output().contains("Exception") && !bad.output().contains("\tat "),
        bad.output());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theLauncherUsesJavaHomeWhenItIsSet() throws Exception {
    assumeTrue(Files.isExecutable(Paths.get("/bin/bash")) || Files.isExecutable(
        Paths.get("/usr/bin/bash")), "bash");
    assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "a second JDK at " + JDK25);
    layOut();
    String script = root.resolve("kms").toString();
    Run r = run(Map.of("JAVA_HOME", JDK25.toString()), List.of("bash", script, "--version"));
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().startsWith("kms " + VERSION + "\n"), r.output());
    assertTrue(r.output().contains("Java 25") && r.output().contains("at " + JDK25),
        "JAVA_HOME's JVM: " + r.output());

    Run onPath = run(Map.of(), List.of("bash", script, "--version"));
    assertEquals(0, onPath.code(), onPath.output());
    assertTrue(!onPath.output().contains("at " + JDK25) || System.getProperty("java.home")
        .startsWith(JDK25.toString()), "java on the PATH: " + onPath.output());

    Run missing = run(Map.of("JAVA_HOME", root.resolve("no-jdk").toString()),
        List.of("bash", script, "--version"));
    assertEquals(2, missing.code(), missing.output());
    assertTrue(missing.output().contains("has no bin/java"), missing.output());

    List<String> shell = new ArrayList<>(List.of("bash", "-c", "printf 'keys create acme b\\n"
        + "keys sign $key -m hi\\nkeys verify $version $signature -m hi\\n' | bash " + script
        + " shell"));
    Run piped = run(Map.of("JAVA_HOME", JDK25.toString()), shell);
    assertEquals(0, piped.code(), piped.output());
    assertTrue(piped.output().contains("kms> keys verify") && piped.output().contains("VALID"),
        piped.output());
  }
}
