package dev.ronkms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code ./kms bench}: runs the headline benchmarks in one JMH run, prints every score with its
 * JMH error and the ratios of {@link Ratios}, and writes both as JSON. Ratios, not absolute
 * times, are the figures of record: both sides of every ratio come from the same run on the same
 * machine. {@code --native} adds {@link NativeCompareBench} (against native libsodium through
 * JNI; needs the shim of {@link Libsodium}), {@code --native-only} runs it alone.
 * {@code ./kms bench gate} compares a run's ratios with a baseline ({@link Gate});
 * {@code ./kms bench heap-copies [provider]} runs the {@link HeapCopies} diagnostic;
 * {@code ./kms bench profile} runs {@link ProfileBench} and prints its split.
 */
public final class BenchMain {

  static final String USAGE = String.join("\n",
      "usage: kms bench [verify] [--quick | --full] [--native | --native-only] [--json FILE]",
      "                 [--verbose]",
      "       kms bench gate --baseline FILE [--result FILE] [--tolerance 0.10]",
      "       kms bench heap-copies [provider]",
      "       kms bench profile [WARMUPS ITERATIONS [FORKS]]",
      "",
      "  (no mode)   the headline table, about 4 minutes on 2 cores",
      "  --full      more iterations, 2 forks, every parameter (about 20 minutes)",
      "  --quick     a smoke run (100 ms iterations): checks that every bench runs; its",
      "              figures mean nothing",
      "  --native    also Ed25519 against native libsodium 1.0.18 through JNI",
      "              (NativeCompareBench, 8 benchmarks, about 1.5 min more); needs the shim:",
      "              kms-bench/native/build-libsodium-shim.sh (docs/PERFORMANCE.md)",
      "  --native-only  that comparison alone",
      "  --json FILE where the result goes (default kms-bench/target/bench-result.json)",
      "  --verbose   JMH's iteration lines (--quick is silent otherwise)",
      "  gate        exit 1 when a ratio of the result regressed more than the tolerance",
      "              against the baseline (kms-bench/baseline/ratios.json is the committed one)",
      "  profile     where the own Ed25519 verifier spends its time, step by step, single and",
      "              per batch item (ProfileBench; 3 + 5 one-second iterations, 1 fork by",
      "              default: about 5 minutes)");

  private BenchMain() {}

  /** One benchmark's primary result. */
  record Score(double score, double error, String unit, String mode, long samples) {}

  public static void main(String[] args) throws Exception {
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.isEmpty() && a.get(0).equals("heap-copies")) {
      HeapCopies.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("profile")) {
      ProfileBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (!a.isEmpty() && a.get(0).equals("gate")) {
      System.exit(Gate.main(a.subList(1, a.size()), System.out, System.err));
    }
    if (!a.isEmpty() && a.get(0).equals("verify")) {
      a.remove(0); // the old name of the default run, kept as an alias
    }
    String mode = "default";
    Path json = defaultResult();
    boolean verbose = false;
    String nativeFlag = null;
    for (int i = 0; i < a.size(); i++) {
      switch (a.get(i)) {
        case "--quick" -> mode = "quick";
        case "--full" -> mode = "full";
        case "--verbose" -> verbose = true;
        case "--native", "--native-only" -> {
          if (nativeFlag != null && !nativeFlag.equals(a.get(i))) {
            usage("--native and --native-only exclude each other");
          }
          nativeFlag = a.get(i);
        }
        case "--json" -> {
          if (i + 1 == a.size()) {
            usage("--json needs a file");
          }
          json = Path.of(a.get(++i));
        }
        case "-h", "--help", "help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> usage("unknown argument: " + a.get(i));
      }
    }
    Plan plan = Plan.of(mode);
    if (verbose) {
      plan = plan.withVerbosity(VerboseMode.NORMAL);
    }
    if (nativeFlag != null) {
      if (!Libsodium.available()) {
        System.err.println("kms bench: " + nativeFlag + " measures Ed25519 against native"
            + " libsodium through a JNI shim, which is not available:");
        System.err.println("  " + Libsodium.problem());
        System.err.println("  then run ./kms bench " + String.join(" ", args) + " again"
            + " (docs/PERFORMANCE.md, \"Against native libsodium\")");
        System.exit(2);
      }
      plan = plan.withNative(nativeFlag.equals("--native-only"));
    }
    Map<String, Object> report = run(plan, json, System.out, System.err);
    if (!((List<?>) report.get("missing")).isEmpty()) {
      System.err.println("kms bench: no result for " + report.get("missing")
          + " (the JMH output above says why)");
      System.exit(1);
    }
  }

  private static void usage(String problem) {
    System.err.println("kms bench: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }

  /** kms-bench/target/bench-result.json under the repository (the launcher says where). */
  static Path defaultResult() {
    return Path.of(System.getProperty("kms.bench.dir", "kms-bench"), "target",
        "bench-result.json");
  }

  /**
   * Runs {@code plan}, prints the table to {@code out} (JMH's output too) and the progress to
   * {@code progress}, writes the JSON to {@code json} and returns it as written.
   */
  static Map<String, Object> run(Plan plan, Path json, PrintStream out, PrintStream progress)
      throws RunnerException, IOException {
    List<String> expected = plan.expectedKeys();
    int cores = Runtime.getRuntime().availableProcessors();
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    long perBench = (long) plan.forks() * (plan.warmupIterations()
        * plan.warmupTime().convertTo(java.util.concurrent.TimeUnit.MILLISECONDS)
        + plan.measurementIterations()
        * plan.measurementTime().convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) + 1500);
    progress.printf("kms bench: mode %s, %d benchmarks, JDK %s, %d cores, about %d min%s%n",
        plan.mode(), expected.size(), System.getProperty("java.version"), cores,
        Math.max(1, Math.round(expected.size() * perBench / 60_000.0)),
        plan.mode().equals("quick") ? " (smoke run: the figures mean nothing)" : "");
    Collection<RunResult> results = new Runner(plan.options(), new Progress(
        OutputFormatFactory.createFormatInstance(out, plan.verbosity()), progress,
        expected.size())).run();

    Map<String, Score> scores = scores(results);
    List<String> missing = new ArrayList<>();
    for (String k : expected) {
      if (!scores.containsKey(k)) {
        missing.add(k);
      }
    }
    Map<String, Ratios.Value> ratios = Ratios.compute(scores);

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tool", "kms-bench");
    doc.put("format", 1);
    doc.put("mode", plan.mode());
    doc.put("date", date);
    doc.put("jdk", System.getProperty("java.version"));
    doc.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    doc.put("vendor", System.getProperty("java.vendor"));
    doc.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    doc.put("cores", cores);
    doc.put("settings", plan.describe());
    if (plan.nativeCompare()) {
      doc.put("libsodium", Libsodium.libsodiumVersion() + " via JNI (" + Libsodium.path() + ")");
    }
    Map<String, Object> scoreDoc = new LinkedHashMap<>();
    scores.forEach((k, s) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("score", s.score());
      m.put("error", s.error());
      m.put("unit", s.unit());
      m.put("mode", s.mode());
      m.put("samples", s.samples());
      scoreDoc.put(k, m);
    });
    doc.put("scores", scoreDoc);
    Map<String, Object> ratioDoc = new LinkedHashMap<>();
    Map<String, Object> errorDoc = new LinkedHashMap<>();
    Map<String, Object> betterDoc = new LinkedHashMap<>();
    ratios.forEach((k, v) -> {
      ratioDoc.put(k, v.value());
      errorDoc.put(k, v.error());
      betterDoc.put(k, Ratios.named(k).better().label());
    });
    doc.put("ratios", ratioDoc);
    doc.put("ratioErrors", errorDoc);
    doc.put("better", betterDoc);
    doc.put("missing", missing);

    if (json.toAbsolutePath().getParent() != null) {
      Files.createDirectories(json.toAbsolutePath().getParent());
    }
    Files.writeString(json, Json.write(doc), StandardCharsets.UTF_8);
    out.println();
    out.print(render(doc, scores, ratios));
    out.println("JSON: " + json);
    out.flush();
    return doc;
  }

  /** "VerifyBench.verify:own", "BatchBench.verifyBatch:64", "CoalescerBench.direct8". */
  static String key(BenchmarkParams p) {
    String bench = p.getBenchmark();
    String shortName = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
    List<String> params = new ArrayList<>();
    for (String k : p.getParamsKeys()) {
      params.add(p.getParam(k));
    }
    return params.isEmpty() ? shortName : shortName + ":" + String.join(",", params);
  }

  static Map<String, Score> scores(Collection<RunResult> results) {
    Map<String, Score> out = new LinkedHashMap<>();
    for (RunResult r : results) {
      Result<?> p = r.getPrimaryResult();
      out.put(key(r.getParams()), new Score(p.getScore(), p.getScoreError(), p.getScoreUnit(),
          r.getParams().getMode().shortLabel(), p.getSampleCount()));
    }
    return out;
  }

  /** Key → score alone, for the benches with their own summary (SealBench, StoreBench). */
  static Map<String, Double> scoreValues(Collection<RunResult> results) {
    Map<String, Double> out = new LinkedHashMap<>();
    scores(results).forEach((k, s) -> out.put(k, s.score()));
    return out;
  }

  static String formatScore(double score, double error, String unit) {
    return Double.isFinite(error)
        ? String.format("%.3f ± %.3f %s", score, error, unit)
        : String.format("%.3f %s", score, unit);
  }

  private static String render(Map<String, Object> doc, Map<String, Score> scores,
      Map<String, Ratios.Value> ratios) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("ron-kms bench: mode %s, JDK %s, %s cores, %s%n", doc.get("mode"),
        doc.get("jdk"), doc.get("cores"), doc.get("date")));
    if ("quick".equals(doc.get("mode"))) {
      b.append("(a --quick smoke run: 100 ms iterations, the figures mean nothing)\n");
    }
    if (doc.get("libsodium") != null) {
      b.append("native libsodium " + doc.get("libsodium") + "\n");
    }
    b.append(String.format("%n%-34s %14s   %-12s %s%n", "Benchmark", "score", "± error",
        "unit"));
    scores.forEach((k, s) -> b.append(String.format("%-34s %14.3f   %-12s %s%n", k, s.score(),
        Double.isFinite(s.error()) ? String.format("± %.3f", s.error()) : "", s.unit())));
    b.append(String.format("%n%-32s %8s  %-9s %-7s %s%n", "Ratio (same run)", "value",
        "± error", "better", "what"));
    ratios.forEach((k, v) -> {
      Ratios.Ratio r = Ratios.named(k);
      b.append(String.format("%-32s %8.3f  %-9s %-7s %s%n", k, v.value(),
          Double.isFinite(v.error()) ? String.format("± %.3f", v.error()) : "",
          r.better().label(), r.description()));
    });
    return b.toString();
  }
}
