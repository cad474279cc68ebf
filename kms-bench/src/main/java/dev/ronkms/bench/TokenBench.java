package dev.ronkms.bench;

import dev.ronkms.pkcs11.TokenConfig;
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
 * Runs {@link TokenSignBench} at 1 thread and at 2 threads (one fork each, 2 × 1 s warm-up,
 * 3 × 1 s measurement unless {@code -wi}/{@code -i} say otherwise) and prints the ratios of
 * record, both sides of each from this invocation: token sign ÷ Bouncy Castle sign, the
 * {@code Kms} path ÷ the provider alone, and 2 threads ÷ 1 thread throughput (target ≥ 1.6 for
 * the token: the session pool must let two signatures run at once).
 *
 * <p>The token is configured as a host configures it (docs/RUNBOOK.md, "Keys on a PKCS#11
 * token"): {@code RON_KMS_PKCS11_LIBRARY}, {@code RON_KMS_PKCS11_TOKEN} and the PIN variable in
 * the environment, which the JMH fork inherits; docs/PERFORMANCE.md gives the SoftHSM2 commands.
 */
public final class TokenBench {
  private static final double SCALING_TARGET = 1.6;

  private TokenBench() {}

  public static void main(String[] args) throws Exception {
    int warmups = 2;
    int iterations = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-wi" -> warmups = Integer.parseInt(args[++i]);
        case "-i" -> iterations = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: TokenBench [-wi N] [-i N]");
          System.exit(2);
        }
      }
    }
    TokenConfig config = TokenConfig.fromSystem().orElse(null);
    if (config == null) {
      System.err.println("no token configured: set RON_KMS_PKCS11_LIBRARY, RON_KMS_PKCS11_TOKEN"
          + " and the PIN (docs/PERFORMANCE.md, \"Token\")");
      System.exit(2);
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int threads : new int[] {1, 2}) {
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(TokenSignBench.class.getSimpleName())
          .forks(1)
          .threads(threads)
          .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
          .warmupIterations(warmups)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(iterations)
          .measurementTime(TimeValue.seconds(1))
          .shouldFailOnError(true);
      scores.putAll(scores(new Runner(options.build()).run(), threads));
    }
    System.out.println();
    System.out.print(render(scores, config));
  }

  /** "method:path:threads" → operations per millisecond. */
  static Map<String, Double> scores(Collection<RunResult> results, int threads) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      out.put(bench.substring(bench.lastIndexOf('.') + 1) + ":" + r.getParams().getParam("path")
          + ":" + threads, r.getPrimaryResult().getScore());
    }
    return out;
  }

  static String render(Map<String, Double> s, TokenConfig config) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("ron-kms token bench (JDK %s; %d cores; token %s; 128-byte"
        + " messages; µs/op = 1000 ÷ ops/ms at 1 thread)%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), config.tokenLabel()));
    out.append(String.format("%n%-7s %-11s %10s %10s %10s %12s%n", "op", "path", "µs/op",
        "ops/ms 1t", "ops/ms 2t", "2t ÷ 1t"));
    List<String> missed = new ArrayList<>();
    for (String op : new String[] {"sign", "verify"}) {
      for (String path : new String[] {"pkcs11", "kms-pkcs11", "bc"}) {
        Double one = s.get(op + ":" + path + ":1");
        Double two = s.get(op + ":" + path + ":2");
        Double scaling = ratio(two, one);
        boolean gated = op.equals("sign") && path.equals("pkcs11");
        if (gated && scaling != null && scaling < SCALING_TARGET) {
          missed.add(String.format("token sign at 2 threads is %.2f× one thread (target ≥ %.1f)",
              scaling, SCALING_TARGET));
        }
        out.append(String.format("%-7s %-11s %10s %10s %10s %12s%n", op, path,
            fmt(one == null ? null : 1000 / one), fmt(one), fmt(two),
            fmt(scaling) + (gated ? " (≥ 1.6)" : "")));
      }
    }
    out.append(String.format("%nRatios (time per operation, 1 thread)%n"));
    out.append(String.format("  token sign ÷ bc sign           %8s%n",
        fmt(ratio(s.get("sign:bc:1"), s.get("sign:pkcs11:1")))));
    out.append(String.format("  Kms.sign on token ÷ token sign  %8s%n",
        fmt(ratio(s.get("sign:pkcs11:1"), s.get("sign:kms-pkcs11:1")))));
    out.append(String.format("  token verify ÷ bc verify        %8s%n",
        fmt(ratio(s.get("verify:bc:1"), s.get("verify:pkcs11:1")))));
    missed.forEach(m -> out.append("MISSED: ").append(m).append('\n'));
    return out.toString();
  }

  /** {@code a ÷ b}, or null when either is missing. */
  private static Double ratio(Double a, Double b) {
    return a == null || b == null || b == 0 ? null : a / b;
  }

  private static String fmt(Double v) {
    return v == null ? "" : String.format("%.2f", v);
  }
}
