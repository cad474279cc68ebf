package dev.ronkms.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What one {@code ./kms bench} run measures and how long: the headline benchmarks with the
 * parameters the ratios need ({@link Ratios}), at the mode's iterations.
 *
 * <ul>
 *   <li>{@code quick}: a smoke run (1 × 100 ms warm-up, 1 × 100 ms measurement, 1 fork); it
 *       proves every benchmark runs and the JSON is written, and measures nothing.
 *   <li>{@code default}: 3 × 1 s warm-up, 5 × 1 s measurement, 1 fork (≈ 4 min on 2 cores).
 *   <li>{@code full}: 5 × 1 s warm-up, 10 × 1 s measurement, 2 forks, every parameter of the
 *       headline benches (≈ 20 min on 2 cores).
 * </ul>
 *
 * <p>{@link #withNative} adds {@link NativeCompareBench} (Ed25519 against native libsodium
 * through JNI, {@code --native}) or runs it alone ({@code --native-only}), at the same
 * iterations; it is never in a plan by default, because it needs a shim built outside Maven
 * ({@link Libsodium}).
 *
 * @param mode quick, default or full
 * @param params the JMH parameter values, by parameter name (the names are unique across the
 *     headline benches)
 * @param coalescer the {@code CoalescerBench} methods to run
 * @param headline whether the headline benches run (all but {@code --native-only})
 * @param nativeCompare whether {@link NativeCompareBench} runs
 */
record Plan(String mode, int forks, int warmupIterations, TimeValue warmupTime,
    int measurementIterations, TimeValue measurementTime, Map<String, List<String>> params,
    List<String> coalescer, VerboseMode verbosity, boolean headline, boolean nativeCompare) {

  private static final String PACKAGE = "dev.ronkms.bench.";

  static Plan of(String mode) {
    Map<String, List<String>> headline = new LinkedHashMap<>();
    headline.put("verifier", List.of("own", "bc-raw", "bc", "kms", "tink", "tink-raw", "jdk",
        "jdk-raw"));
    headline.put("size", List.of("64", "256"));
    headline.put("threads", List.of("1", "0"));
    headline.put("signer", List.of("bc-raw", "kms-bc", "bc", "tink", "jdk"));
    List<String> coalescer = List.of("direct8", "coalesced8", "direct1", "coalesced1");
    return switch (mode) {
      case "quick" -> new Plan(mode, 1, 1, TimeValue.milliseconds(100), 1,
          TimeValue.milliseconds(100), headline, coalescer, VerboseMode.SILENT, true, false);
      case "default" -> new Plan(mode, 1, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1),
          headline, coalescer, VerboseMode.NORMAL, true, false);
      case "full" -> {
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("verifier", List.of("own", "own-key", "bc-raw", "bc", "kms", "kms-provider",
            "tink", "tink-raw", "jdk", "jdk-raw", "precheck"));
        all.put("size", List.of("8", "32", "64", "256"));
        all.put("threads", List.of("1", "2", "0"));
        all.put("signer", headline.get("signer"));
        yield new Plan(mode, 2, 5, TimeValue.seconds(1), 10, TimeValue.seconds(1), all,
            List.of("direct8", "coalesced8", "pipelined8", "direct1", "coalesced1"),
            VerboseMode.NORMAL, true, false);
      }
      default -> throw new IllegalArgumentException("no such mode: " + mode);
    };
  }

  /** The same plan with {@code forks} forks (0 runs in this JVM: the smoke test). */
  Plan withForks(int forks) {
    return new Plan(mode, forks, warmupIterations, warmupTime, measurementIterations,
        measurementTime, params, coalescer, verbosity, headline, nativeCompare);
  }

  Plan withVerbosity(VerboseMode v) {
    return new Plan(mode, forks, warmupIterations, warmupTime, measurementIterations,
        measurementTime, params, coalescer, v, headline, nativeCompare);
  }

  /**
   * The same plan with {@link NativeCompareBench} too ({@code only}: instead of the headline
   * benches).
   */
  Plan withNative(boolean only) {
    return new Plan(mode, forks, warmupIterations, warmupTime, measurementIterations,
        measurementTime, params, coalescer, verbosity, !only, true);
  }

  /** Every score key the run must produce, in run order (JMH sorts by name, then params). */
  List<String> expectedKeys() {
    List<String> keys = new ArrayList<>();
    if (nativeCompare) {
      for (String m : NativeCompareBench.METHODS) {
        keys.add("NativeCompareBench." + m);
      }
    }
    if (!headline) {
      return keys;
    }
    int at = 0;
    for (String v : params.get("size")) {
      keys.add(at++, "BatchBench.verifyBatch:" + v);
    }
    for (String m : coalescer) {
      keys.add(at++, "CoalescerBench." + m);
    }
    for (String v : params.get("threads")) {
      keys.add("ParallelBench.verifyParallel:" + v);
    }
    for (String v : params.get("signer")) {
      keys.add("SignBench.sign:" + v);
    }
    for (String v : params.get("verifier")) {
      keys.add("VerifyBench.verify:" + v);
    }
    return keys;
  }

  Options options() {
    ChainedOptionsBuilder b = new OptionsBuilder();
    if (headline) {
      b.include("^" + quote("VerifyBench.verify") + "$")
          .include("^" + quote("BatchBench.verifyBatch") + "$")
          .include("^" + quote("ParallelBench.verifyParallel") + "$")
          .include("^" + quote("SignBench.sign") + "$")
          .include("^" + quote("CoalescerBench.") + "(" + String.join("|", coalescer) + ")$");
    }
    if (nativeCompare) {
      b.include("^" + quote("NativeCompareBench.") + "("
          + String.join("|", NativeCompareBench.METHODS) + ")$");
      if (Libsodium.path() != null) {
        // The forks load the shim this JVM found, whatever their working directory.
        b.jvmArgsAppend("-D" + Libsodium.PROPERTY + "=" + Libsodium.path());
      }
    }
    b.forks(forks)
        .warmupIterations(warmupIterations)
        .warmupTime(warmupTime)
        .measurementIterations(measurementIterations)
        .measurementTime(measurementTime)
        .verbosity(verbosity)
        .shouldFailOnError(false);
    params.forEach((name, values) -> b.param(name, values.toArray(String[]::new)));
    return b.build();
  }

  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("forks", forks);
    m.put("warmupIterations", warmupIterations);
    m.put("warmupTime", warmupTime.toString());
    m.put("measurementIterations", measurementIterations);
    m.put("measurementTime", measurementTime.toString());
    if (nativeCompare) {
      m.put("benches", headline ? "headline + native" : "native");
    }
    return m;
  }

  private static String quote(String name) {
    return (PACKAGE + name).replace(".", "\\.");
  }
}
