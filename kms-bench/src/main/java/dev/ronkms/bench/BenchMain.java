package dev.ronkms.bench;

import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code ./kms bench verify [--quick]}: runs the verification, batch, parallel and signing
 * benchmarks in one JMH run and prints the ratios docs/PERFORMANCE.md reports. Ratios, not
 * absolute times, are the figures of record: both sides of every ratio come from the same run
 * on the same machine. {@code ./kms bench heap-copies [provider]} runs the {@link HeapCopies}
 * diagnostic instead.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("heap-copies")) {
      HeapCopies.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    boolean quick = List.of(args).contains("--quick");
    if (args.length == 0 || !args[0].equals("verify")) {
      System.err.println("usage: kms bench verify [--quick] | kms bench heap-copies [provider]");
      System.exit(2);
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(VerifyBench.class.getSimpleName())
        .include(BatchBench.class.getSimpleName())
        .include(ParallelBench.class.getSimpleName())
        .include(SignBench.class.getSimpleName())
        .forks(1)
        .warmupIterations(quick ? 2 : 4)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 6)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true);
    Collection<RunResult> results = new Runner(options.build()).run();
    System.out.println();
    System.out.println(Summary.of(scores(results)).render());
  }

  /** "Bench.method:param" → score in the benchmark's own unit. */
  static Map<String, Double> scores(Collection<RunResult> results) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String shortName = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
      List<String> params = new ArrayList<>();
      for (String key : r.getParams().getParamsKeys()) {
        params.add(r.getParams().getParam(key));
      }
      out.put(shortName + ":" + String.join(",", params), r.getPrimaryResult().getScore());
    }
    return out;
  }
}
