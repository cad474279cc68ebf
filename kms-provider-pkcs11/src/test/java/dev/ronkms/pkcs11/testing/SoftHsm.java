package dev.ronkms.pkcs11.testing;

import dev.ronkms.pkcs11.PinSource;
import dev.ronkms.pkcs11.TokenConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real SoftHSM2 token for tests. SoftHSM reads its configuration from the environment
 * variable {@code SOFTHSM2_CONF} once per process, so the build fixes it per test JVM (surefire's
 * {@code environmentVariables}); the first call here writes that file, with a token directory
 * beside it, and initialises a fresh token labelled {@value #TOKEN_LABEL} with the user PIN from
 * {@code RON_KMS_PKCS11_PIN}. Tests that need a token of their own (one to remove, one for a
 * child JVM) get a separate configuration from {@link #separateToken}.
 *
 * <p>Without SoftHSM2 on the machine, {@link #token()} skips the calling test with the reason;
 * under {@code CI=true} it fails instead, so CI cannot pass without running the token tests.
 */
public final class SoftHsm {
  /** The shared token's label. */
  public static final String TOKEN_LABEL = "ron-kms-test";
  /** The label of a second token beside it, made at the same time (see {@link #otherToken}). */
  public static final String OTHER_TOKEN_LABEL = "ron-kms-test-other";
  /** The variable holding the test PIN (set by the build). */
  public static final String PIN_VARIABLE = TokenConfig.DEFAULT_PIN_VARIABLE;
  private static final String SO_PIN = "ron-kms-test-so-pin";
  private static final List<Path> LIBRARIES = List.of(
      Path.of("/usr/lib/softhsm/libsofthsm2.so"),
      Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
      Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
      Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

  private static TokenConfig shared;

  private SoftHsm() {}

  /** Why no token can be made here, or empty when one can. */
  public static Optional<String> unavailable() {
    if (library().isEmpty()) {
      return Optional.of("SoftHSM2 is not installed (no libsofthsm2.so; apt-get install -y"
          + " softhsm2)");
    }
    if (!onPath("softhsm2-util")) {
      return Optional.of("softhsm2-util is not on the PATH (apt-get install -y softhsm2)");
    }
    if (System.getenv("SOFTHSM2_CONF") == null) {
      return Optional.of("SOFTHSM2_CONF is not set for this JVM (the build sets it)");
    }
    if (System.getenv(PIN_VARIABLE) == null) {
      return Optional.of(PIN_VARIABLE + " is not set for this JVM (the build sets it)");
    }
    return Optional.empty();
  }

  /** True when tests must not skip: the {@code CI} environment variable is {@code true}. */
  public static boolean skipIsFailure() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Skips the calling test (or fails it under {@code CI=true}) when there is no SoftHSM2.
   */
  public static void assumeAvailable() {
    Optional<String> reason = unavailable();
    if (reason.isPresent()) {
      if (skipIsFailure()) {
        Assertions.fail("CI=true and the PKCS#11 tests cannot run: " + reason.get());
      }
      Assumptions.assumeTrue(false, "PKCS#11 tests skipped: " + reason.get());
    }
  }

  /** The shared token's config, making the token on first use. See {@link #assumeAvailable}. */
  public static synchronized TokenConfig token() {
    assumeAvailable();
    if (shared == null) {
      Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
      initToken(conf, TOKEN_LABEL, System.getenv(PIN_VARIABLE));
      // a second token in the same directory, before this process loads SoftHSM: tests of what
      // belongs to which token need two that one process sees
      addToken(conf, OTHER_TOKEN_LABEL, System.getenv(PIN_VARIABLE));
      shared = TokenConfig.of(library().orElseThrow(), TOKEN_LABEL,
          PinSource.environment(PIN_VARIABLE));
    }
    return shared;
  }

  /** A second token of the shared configuration, beside {@link #token()}. */
  public static synchronized TokenConfig otherToken() {
    TokenConfig first = token();
    return TokenConfig.of(first.library(), OTHER_TOKEN_LABEL, first.pin());
  }

  /**
   * Makes the shared token when SoftHSM2 is here and publishes it as the {@code ron.kms.pkcs11.*}
   * system properties, so that a provider found by ServiceLoader uses it; does nothing (and
   * says so) when SoftHSM2 is absent.
   *
   * @return the reason the token is absent, or empty when it was published
   */
  public static synchronized Optional<String> publishForDiscovery() {
    Optional<String> reason = unavailable();
    if (reason.isPresent()) {
      return reason;
    }
    TokenConfig config = token();
    System.setProperty(TokenConfig.LIBRARY_PROPERTY, config.library().toString());
    System.setProperty(TokenConfig.TOKEN_PROPERTY, config.tokenLabel());
    System.setProperty(TokenConfig.PIN_ENV_PROPERTY, PIN_VARIABLE);
    return Optional.empty();
  }

  /**
   * A token of its own in a new directory under {@code dir}: its configuration file is the
   * {@code SOFTHSM2_CONF} of a child JVM (this JVM's SoftHSM keeps the shared one).
   */
  public static Separate separateToken(Path dir, String label) {
    assumeAvailable();
    Path conf = dir.resolve("softhsm2.conf");
    initToken(conf, label, System.getenv(PIN_VARIABLE));
    return new Separate(conf, dir.resolve("tokens"),
        TokenConfig.of(library().orElseThrow(), label, PinSource.environment(PIN_VARIABLE)));
  }

  /** A token made by {@link #separateToken}: its configuration file, directory and config. */
  public record Separate(Path conf, Path tokenDirectory, TokenConfig config) {
    /** The environment a child JVM using this token needs. */
    public Map<String, String> environment() {
      Map<String, String> env = new HashMap<>();
      env.put("SOFTHSM2_CONF", conf.toString());
      env.put(PIN_VARIABLE, System.getenv(PIN_VARIABLE));
      env.put("RON_KMS_PKCS11_LIBRARY", config.library().toString());
      env.put("RON_KMS_PKCS11_TOKEN", config.tokenLabel());
      return env;
    }
  }

  /**
   * A child JVM running {@code main} on this JVM's class path, with the native-access flag the
   * PKCS#11 wrapper needs on JDK 24+ and {@code environment} added.
   */
  public static ProcessBuilder childJvm(Class<?> main, Map<String, String> environment,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return builder;
  }

  /** The SoftHSM2 library on this machine, if any. */
  public static Optional<Path> library() {
    return LIBRARIES.stream().filter(Files::isRegularFile).findFirst();
  }

  private static void initToken(Path conf, String label, String pin) {
    try {
      Path tokens = conf.resolveSibling("tokens");
      if (Files.exists(tokens)) {
        try (Stream<Path> old = Files.walk(tokens)) {
          old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(tokens);
      Files.writeString(conf, "directories.tokendir = " + tokens + "\n"
          + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
          StandardCharsets.UTF_8);
      addToken(conf, label, pin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Initialises one more token, in the next free slot of {@code conf}'s token directory. */
  private static void addToken(Path conf, String label, String pin) {
    try {
      ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free",
          "--label", label, "--so-pin", SO_PIN, "--pin", pin).redirectErrorStream(true);
      // the token goes where conf says, not into this JVM's SOFTHSM2_CONF
      init.environment().put("SOFTHSM2_CONF", conf.toString());
      Process p = init.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("softhsm2-util --init-token failed: " + out);
      }
      p.destroy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
