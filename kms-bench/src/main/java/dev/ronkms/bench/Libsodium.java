package dev.ronkms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Native libsodium (1.0.18, the C reference a JVM user would otherwise call) through the JNI shim
 * of {@code src/main/native/sodium_jni.c}, for {@link NativeCompareBench}. The shim is never
 * built by Maven: {@code kms-bench/native/build-libsodium-shim.sh} compiles it into
 * {@code kms-bench/target/native/libronkms_sodium.so} (docs/PERFORMANCE.md, "Against native
 * libsodium").
 *
 * <p>The shim is looked for, once, at the path of the system property {@value #PROPERTY} when it
 * is set (and nowhere else then), else at {@code kms-bench/target/native/libronkms_sodium.so}
 * under the working directory ({@code kms.bench.dir} in place of {@code kms-bench} when the
 * {@code ./kms} launcher sets it), else at {@code target/native/libronkms_sodium.so} (the module
 * directory as working directory: Maven's test run). {@link #available()} says whether it loaded
 * and {@link #problem()} why not; {@link #verify} and {@link #sign} may be called only when it
 * did.
 */
final class Libsodium {

  /** The system property naming the shim's path. */
  static final String PROPERTY = "ron.kms.bench.libsodium";

  /** The shim's file name. */
  static final String FILE = "libronkms_sodium.so";

  /** What to do when the shim is missing. */
  static final String HOW_TO_BUILD = "build it with kms-bench/native/build-libsodium-shim.sh"
      + " (needs gcc, a JDK and libsodium.so.23: apt-get install -y gcc libsodium23), or name"
      + " a built one with -D" + PROPERTY + "=PATH";

  private static final Path LOADED;
  private static final String PROBLEM;
  private static final String VERSION;

  static {
    Path loaded = null;
    String problem = null;
    String version = null;
    List<Path> tried = candidates();
    Path found = null;
    for (Path p : tried) {
      if (Files.isRegularFile(p)) {
        found = p;
        break;
      }
    }
    if (found == null) {
      problem = "the libsodium JNI shim is not built (no " + String.join(" or ",
          tried.stream().map(Path::toString).toList()) + "); " + HOW_TO_BUILD;
    } else {
      try {
        System.load(found.toString());
        int rc = init();
        if (rc < 0) {
          problem = "sodium_init() failed (" + rc + ") in " + found;
        } else {
          loaded = found;
          version = version();
        }
      } catch (UnsatisfiedLinkError e) {
        problem = "the libsodium JNI shim " + found + " does not load: " + e.getMessage()
            + (String.valueOf(e.getMessage()).contains("libsodium.so")
                ? " (apt-get install -y libsodium23)" : " (rebuild it: " + HOW_TO_BUILD + ")");
      }
    }
    LOADED = loaded;
    PROBLEM = problem;
    VERSION = version;
  }

  private Libsodium() {}

  /** Where the shim is looked for, in order, as absolute paths. */
  static List<Path> candidates() {
    String named = System.getProperty(PROPERTY);
    List<Path> out = new ArrayList<>();
    if (named != null && !named.isBlank()) {
      out.add(Path.of(named).toAbsolutePath().normalize());
      return out;
    }
    out.add(Path.of(System.getProperty("kms.bench.dir", "kms-bench"), "target", "native", FILE)
        .toAbsolutePath().normalize());
    Path module = Path.of("target", "native", FILE).toAbsolutePath().normalize();
    if (!out.contains(module)) {
      out.add(module);
    }
    return out;
  }

  /** Whether the shim loaded and libsodium initialised. */
  static boolean available() {
    return LOADED != null;
  }

  /** Why the shim is not available (with how to build it), or null when it is. */
  static String problem() {
    return PROBLEM;
  }

  /** The loaded shim's absolute path, or null. */
  static Path path() {
    return LOADED;
  }

  /** libsodium's version string ("1.0.18"), or null when the shim is not available. */
  static String libsodiumVersion() {
    return VERSION;
  }

  /**
   * {@code crypto_sign_verify_detached}: whether {@code sig} (64 bytes) is {@code pk}'s (32
   * bytes) Ed25519 signature of {@code msg}.
   */
  static native boolean verify(byte[] pk, byte[] msg, byte[] sig);

  /**
   * {@code crypto_sign_detached} with the secret key {@code seed} (32 bytes) ‖ {@code pk} (its
   * 32-byte public key): the 64-byte Ed25519 signature of {@code msg}.
   */
  static native byte[] sign(byte[] seed, byte[] pk, byte[] msg);

  /** {@code sodium_init()}: 0, or 1 when already initialised, or -1 on failure. */
  private static native int init();

  /** {@code sodium_version_string()}. */
  private static native String version();
}
