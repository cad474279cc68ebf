package dev.ronkms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./kms bench gate --baseline FILE [--result FILE] [--tolerance 0.10]}: compares the
 * ratios of a run's JSON with a baseline's, never absolute times. A ratio regresses when it moves
 * the wrong way by more than the tolerance: a {@link Ratios.Better#LOWER} ratio above
 * {@code baseline × (1 + tolerance)}, a {@link Ratios.Better#HIGHER} one below
 * {@code baseline ÷ (1 + tolerance)}. The direction comes from {@link Ratios}, never from the
 * files. Every ratio of the baseline must be in the result; ratios only in the result are
 * reported, not gated. Exit 0 on a pass, 1 on a regression or a missing ratio, 2 on bad usage
 * or an unreadable file.
 */
final class Gate {

  static final double DEFAULT_TOLERANCE = 0.10;

  private Gate() {}

  enum Status {
    /** Within the tolerance (or better). */
    OK(false),
    /** Moved the wrong way by more than the tolerance. */
    REGRESSED(true),
    /** In the baseline, absent from the result or not a finite positive number there. */
    MISSING(true),
    /** In the baseline, but this kms-bench knows no such ratio (so no direction). */
    UNKNOWN(true),
    /** The baseline's value is not a finite positive number. */
    BAD_BASELINE(true),
    /** Only in the result: reported, not gated. */
    NOT_IN_BASELINE(false),
    /** The result document itself cannot be gated (a --quick run, no ratios). */
    UNUSABLE(true);

    final boolean fails;

    Status(boolean fails) {
      this.fails = fails;
    }
  }

  /**
   * One line of the verdict; {@code limit} is the worst value the result may take (NaN when not
   * applicable).
   */
  record Finding(String ratio, Status status, double baseline, double result, double limit,
      String message) {}

  record Outcome(List<Finding> findings) {
    boolean passed() {
      return findings.stream().noneMatch(f -> f.status().fails);
    }

    List<Finding> failures() {
      return findings.stream().filter(f -> f.status().fails).toList();
    }
  }

  /** Whole documents: refuses a --quick result, then {@link #compare}s their "ratios". */
  static Outcome evaluate(Map<String, Object> baseline, Map<String, Object> result,
      double tolerance) {
    List<Finding> bad = new ArrayList<>();
    if ("quick".equals(result.get("mode"))) {
      bad.add(new Finding("-", Status.UNUSABLE, Double.NaN, Double.NaN, Double.NaN,
          "the result is a --quick smoke run, whose figures mean nothing; gate a default or"
              + " --full run"));
    }
    Map<String, Object> b = ratios(baseline, "baseline", bad);
    Map<String, Object> r = ratios(result, "result", bad);
    if (!bad.isEmpty()) {
      return new Outcome(bad);
    }
    return compare(b, r, tolerance);
  }

  /**
   * Ratio name → value maps (values are numbers or null, as parsed from JSON); a non-positive
   * or negative {@code tolerance} is refused.
   */
  static Outcome compare(Map<String, Object> baseline, Map<String, Object> result,
      double tolerance) {
    if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be a finite number ≥ 0: " + tolerance);
    }
    List<Finding> out = new ArrayList<>();
    if (baseline.isEmpty()) {
      out.add(new Finding("-", Status.UNUSABLE, Double.NaN, Double.NaN, Double.NaN,
          "the baseline has no ratios"));
    }
    for (Map.Entry<String, Object> e : baseline.entrySet()) {
      String name = e.getKey();
      double base = number(e.getValue());
      double res = number(result.get(name));
      Ratios.Ratio ratio = Ratios.named(name);
      if (ratio == null) {
        out.add(new Finding(name, Status.UNKNOWN, base, res, Double.NaN, "ratio " + name
            + " is in the baseline but unknown to this kms-bench, so its direction is unknown;"
            + " regenerate the baseline"));
      } else if (!(base > 0) || !Double.isFinite(base)) {
        out.add(new Finding(name, Status.BAD_BASELINE, base, res, Double.NaN, "the baseline's "
            + name + " is " + e.getValue() + ", not a finite positive number"));
      } else if (!result.containsKey(name)) {
        out.add(new Finding(name, Status.MISSING, base, res, Double.NaN, "ratio " + name
            + " is missing from the result (did one of its benchmarks fail?)"));
      } else if (!(res > 0) || !Double.isFinite(res)) {
        out.add(new Finding(name, Status.MISSING, base, res, Double.NaN, "the result's " + name
            + " is " + result.get(name) + ", not a finite positive number"));
      } else if (ratio.better() == Ratios.Better.LOWER) {
        double limit = base * (1 + tolerance);
        boolean regressed = res > limit;
        out.add(new Finding(name, regressed ? Status.REGRESSED : Status.OK, base, res, limit,
            String.format("%s %.3f against %.3f (lower is better; limit %.3f)%s", name, res,
                base, limit, regressed ? ": regressed" : "")));
      } else {
        double limit = base / (1 + tolerance);
        boolean regressed = res < limit;
        out.add(new Finding(name, regressed ? Status.REGRESSED : Status.OK, base, res, limit,
            String.format("%s %.3f against %.3f (higher is better; limit %.3f)%s", name, res,
                base, limit, regressed ? ": regressed" : "")));
      }
    }
    for (String name : result.keySet()) {
      if (!baseline.containsKey(name)) {
        out.add(new Finding(name, Status.NOT_IN_BASELINE, Double.NaN, number(result.get(name)),
            Double.NaN, "ratio " + name + " is not in the baseline: not gated"));
      }
    }
    return new Outcome(out);
  }

  private static double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ratios(Map<String, Object> doc, String which,
      List<Finding> bad) {
    Object r = doc.get("ratios");
    if (r instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    bad.add(new Finding("-", Status.UNUSABLE, Double.NaN, Double.NaN, Double.NaN,
        "the " + which + " has no \"ratios\" object (not a kms bench result?)"));
    return Map.of();
  }

  /** The command; returns the exit code. */
  static int main(List<String> args, PrintStream out, PrintStream err) {
    Path baseline = null;
    Path result = BenchMain.defaultResult();
    double tolerance = DEFAULT_TOLERANCE;
    try {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        switch (a) {
          case "--baseline" -> baseline = Path.of(args.get(++i));
          case "--result" -> result = Path.of(args.get(++i));
          case "--tolerance" -> tolerance = Double.parseDouble(args.get(++i));
          case "-h", "--help" -> {
            out.println(BenchMain.USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown argument: " + a);
        }
      }
      if (baseline == null) {
        throw new IllegalArgumentException("--baseline FILE is required");
      }
      if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
        throw new IllegalArgumentException("--tolerance must be a number ≥ 0, e.g. 0.10");
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      err.println("kms bench gate: " + (e instanceof IndexOutOfBoundsException
          ? "an option lacks its value" : e.getMessage()));
      err.println(BenchMain.USAGE);
      return 2;
    }
    Map<String, Object> b;
    Map<String, Object> r;
    try {
      b = read(baseline);
      r = read(result);
    } catch (IOException | IllegalArgumentException e) {
      err.println("kms bench gate: " + e.getMessage());
      return 2;
    }
    Outcome o = evaluate(b, r, tolerance);
    out.printf("kms bench gate: result %s (mode %s, %s, JDK %s) against baseline %s (mode %s,"
        + " %s, JDK %s), tolerance %.0f %%%n", result, r.get("mode"), r.get("date"),
        r.get("jdk"), baseline, b.get("mode"), b.get("date"), b.get("jdk"), tolerance * 100);
    out.printf("%-32s %9s %9s %9s %8s  %s%n", "ratio", "baseline", "result", "limit", "change",
        "status");
    for (Finding f : o.findings()) {
      if (f.status() == Status.UNUSABLE) {
        continue;
      }
      double change = (f.result() / f.baseline() - 1) * 100;
      out.printf("%-32s %9s %9s %9s %8s  %s%n", f.ratio(), num(f.baseline()), num(f.result()),
          num(f.limit()), Double.isFinite(change) ? String.format("%+.1f%%", change) : "",
          f.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
    if (o.passed()) {
      out.println("PASS: no ratio regressed by more than " + Math.round(tolerance * 100) + " %");
      return 0;
    }
    for (Finding f : o.failures()) {
      err.println("FAIL: " + f.message());
    }
    return 1;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format("%.3f", v) : "";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    Object v;
    try {
      v = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException(file + ": not a JSON object");
    }
    return (Map<String, Object>) v;
  }
}
