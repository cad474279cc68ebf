package dev.ronkms.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PqSignBench} and {@link PqKemBench} in one JMH run (one fork, 2 × 1 s warm-up,
 * 3 × 1 s measurement unless arguments say otherwise) and prints the ratios of record, both
 * sides of each from this run: each {@code kms-*} path ÷ its own raw lane and ÷ the fastest raw
 * lane on this JDK (target ≤ 1.05), PQ ÷ Ed25519 through {@code Kms}, and composite ÷ ML-DSA
 * alone. On a JDK without ML-DSA/ML-KEM (before 24) the {@code *-jdk} paths are left out.
 *
 * <pre>
 * ./mvnw -pl kms-bench -am package -DskipTests
 * java -cp "kms-bench/target/kms-bench.jar:kms-bench/target/lib/*" dev.ronkms.bench.PqBench \
 *     [-wi N] [-i N] [-p name=v1,v2] [regex ...]
 * </pre>
 * A regex selects benchmarks by name as JMH does (for example {@code PqKemBench} or
 * {@code 'PqSignBench\.(sign|verify)$'}); {@code -p} restricts a parameter ({@code dsa},
 * {@code kem}, {@code path}, {@code key}). Ratios whose inputs were not run print blank.
 */
public final class PqBench {
  private static final String[] DSA = {"ml-dsa-44", "ml-dsa-65", "ml-dsa-87"};
  private static final String[] KEM = {"ml-kem-512", "ml-kem-768", "ml-kem-1024"};
  private static final double TARGET = 1.05;

  private PqBench() {}

  public static void main(String[] args) throws Exception {
    int warmups = 2;
    int iterations = 3;
    List<String> includes = new ArrayList<>();
    Map<String, String[]> params = new LinkedHashMap<>();
    boolean jdk = PqSignBench.jdkHasPq();
    if (!jdk) {
      params.put("path", new String[] {"raw-bc", "kms-bc"});
      params.put("key", new String[] {"ed25519/bc", "mldsa44-ed25519/bc", "mldsa65-ed25519/bc"});
    }
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-wi" -> warmups = Integer.parseInt(args[++i]);
        case "-i" -> iterations = Integer.parseInt(args[++i]);
        case "-p" -> {
          String[] kv = args[++i].split("=", 2);
          params.put(kv[0], kv[1].split(","));
        }
        default -> includes.add(args[i]);
      }
    }
    if (includes.isEmpty()) {
      includes.add(PqSignBench.class.getSimpleName());
      includes.add(PqKemBench.class.getSimpleName());
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true);
    includes.forEach(options::include);
    params.forEach(options::param);
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println();
    System.out.print(render(scores(results), jdk));
  }

  /** "method:dsa-or-kem,path" or "method:key" → µs/op (path omitted for the Kms-only benchmarks). */
  static Map<String, Double> scores(Collection<RunResult> results) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String method = bench.substring(bench.lastIndexOf('.') + 1);
      String key = r.getParams().getParam("key");
      String name = key != null ? method + ":" + key
          : method + ":" + (r.getParams().getParam("dsa") != null ? r.getParams().getParam("dsa")
              : r.getParams().getParam("kem")) + "," + r.getParams().getParam("path");
      out.put(name, r.getPrimaryResult().getScore());
    }
    return out;
  }

  static String render(Map<String, Double> s, boolean jdk) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("ron-kms PQ bench (one JMH run; JDK %s; %d cores; µs/op; "
        + "hedged ML-DSA signing; * = above %.2f)%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), TARGET));
    if (!jdk) {
      out.append("This JDK has no ML-DSA/ML-KEM: raw-jdk and kms-jdk left out.\n");
    }
    out.append(String.format("%n%-7s %-11s %9s %9s %9s %9s  %-7s %9s %9s %9s %9s%n", "op",
        "alg", "raw-bc", "raw-jdk", "kms-bc", "kms-jdk", "fastest", "bc÷rawbc", "jdk÷rawjdk",
        "bc÷fast", "jdk÷fast"));
    for (String op : new String[] {"keygen", "sign", "verify"}) {
      for (String alg : DSA) {
        lanes(out, s, op, alg);
      }
    }
    for (String op : new String[] {"encaps", "decaps"}) {
      for (String alg : KEM) {
        lanes(out, s, op, alg);
      }
    }
    out.append("(keygen: raw-* = the library's KeyGen from a 32-byte seed; kms-* = the "
        + "provider's generate + close)\n");

    out.append(String.format("%nPQ ÷ Ed25519 through Kms (Ed25519: provider bc; %s)%n",
        "sign " + fmt(s.get("kmsSign:ed25519/bc")) + " µs, verify "
            + fmt(s.get("kmsVerify:ed25519/bc")) + " µs"));
    out.append(String.format("  %-24s %9s %9s %9s %9s%n", "", "sign bc", "sign jdk",
        "verify bc", "verify jdk"));
    Double edSign = s.get("kmsSign:ed25519/bc");
    Double edVerify = s.get("kmsVerify:ed25519/bc");
    for (String alg : DSA) {
      out.append(String.format("  %-24s %9s %9s %9s %9s%n", alg + " ÷ ed25519",
          ratio(s.get("sign:" + alg + ",kms-bc"), edSign),
          ratio(s.get("sign:" + alg + ",kms-jdk"), edSign),
          ratio(s.get("verify:" + alg + ",kms-bc"), edVerify),
          ratio(s.get("verify:" + alg + ",kms-jdk"), edVerify)));
    }
    for (String c : new String[] {"mldsa44-ed25519", "mldsa65-ed25519"}) {
      out.append(String.format("  %-24s %9s %9s %9s %9s%n", c + " ÷ ed25519",
          ratio(s.get("kmsSign:" + c + "/bc"), edSign),
          ratio(s.get("kmsSign:" + c + "/jdk"), edSign),
          ratio(s.get("kmsVerify:" + c + "/bc"), edVerify),
          ratio(s.get("kmsVerify:" + c + "/jdk"), edVerify)));
    }

    out.append(String.format("%nComposite through Kms (µs/op) ÷ its ML-DSA alone through Kms, "
        + "same lane; and ÷ (ML-DSA + Ed25519)%n"));
    out.append(String.format("  %-23s %-4s %9s %9s %9s %9s%n", "", "lane", "composite",
        "ml-dsa", "÷ ml-dsa", "÷ sum"));
    for (String c : new String[] {"mldsa44-ed25519", "mldsa65-ed25519"}) {
      String dsa = c.startsWith("mldsa44") ? "ml-dsa-44" : "ml-dsa-65";
      for (String op : new String[] {"Sign", "Verify"}) {
        Double ed = op.equals("Sign") ? edSign : edVerify;
        for (String lane : new String[] {"bc", "jdk"}) {
          Double comp = s.get("kms" + op + ":" + c + "/" + lane);
          Double alone = s.get(op.toLowerCase(java.util.Locale.ROOT) + ":" + dsa + ",kms-"
              + lane);
          if (comp == null && alone == null) {
            continue;
          }
          out.append(String.format("  %-23s %-4s %9s %9s %9s %9s%n",
              c + " " + op.toLowerCase(java.util.Locale.ROOT), lane, fmt(comp), fmt(alone),
              ratio(comp, alone), ratio(comp, alone == null || ed == null ? null : alone + ed)));
        }
      }
    }
    return out.toString();
  }

  private static void lanes(StringBuilder out, Map<String, Double> s, String op, String alg) {
    Double rawBc = s.get(op + ":" + alg + ",raw-bc");
    Double rawJdk = s.get(op + ":" + alg + ",raw-jdk");
    Double kmsBc = s.get(op + ":" + alg + ",kms-bc");
    Double kmsJdk = s.get(op + ":" + alg + ",kms-jdk");
    if (rawBc == null && rawJdk == null && kmsBc == null && kmsJdk == null) {
      return;
    }
    Double fastest = rawBc == null ? rawJdk : rawJdk == null ? rawBc : Math.min(rawBc, rawJdk);
    String which = fastest == null ? "" : fastest.equals(rawBc) ? "raw-bc" : "raw-jdk";
    out.append(String.format("%-7s %-11s %9s %9s %9s %9s  %-7s %9s %9s %9s %9s%n", op, alg,
        fmt(rawBc), fmt(rawJdk), fmt(kmsBc), fmt(kmsJdk), which, flagged(kmsBc, rawBc),
        flagged(kmsJdk, rawJdk), flagged(kmsBc, fastest), flagged(kmsJdk, fastest)));
  }

  private static String fmt(Double v) {
    return v == null ? "" : String.format("%.2f", v);
  }

  private static String ratio(Double a, Double b) {
    return a == null || b == null ? "" : String.format("%.3f", a / b);
  }

  private static String flagged(Double a, Double b) {
    return a == null || b == null ? "" : String.format("%.3f%s", a / b, a / b > TARGET ? "*" : "");
  }
}
