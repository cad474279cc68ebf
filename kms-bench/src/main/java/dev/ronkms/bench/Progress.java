package dev.ronkms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's own output (to {@code delegate}), plus one progress line per benchmark on
 * {@code progress}: {@code [3/21] 0:42 VerifyBench.verify:own ...} when it starts and its score
 * when it ends.
 */
final class Progress implements OutputFormat {
  private final OutputFormat delegate;
  private final PrintStream progress;
  private final int total;
  private final long start = System.nanoTime();
  private int started;

  Progress(OutputFormat delegate, PrintStream progress, int total) {
    this.delegate = delegate;
    this.progress = progress;
    this.total = total;
  }

  @Override
  public void startBenchmark(BenchmarkParams params) {
    started++;
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    progress.printf("[%d/%d] %d:%02d %s ...%n", started, total, s / 60, s % 60,
        BenchMain.key(params));
    progress.flush();
    delegate.startBenchmark(params);
  }

  @Override
  public void endBenchmark(BenchmarkResult result) {
    delegate.endBenchmark(result);
    if (result != null) {
      Result<?> r = result.getPrimaryResult();
      progress.printf("[%d/%d]      %s = %s%n", started, total, BenchMain.key(result.getParams()),
          BenchMain.formatScore(r.getScore(), r.getScoreError(), r.getScoreUnit()));
      progress.flush();
    }
  }

  @Override
  public void iteration(BenchmarkParams b, IterationParams i, int n) {
    delegate.iteration(b, i, n);
  }

  @Override
  public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {
    delegate.iterationResult(b, i, n, r);
  }

  @Override
  public void startRun() {
    delegate.startRun();
  }

  @Override
  public void endRun(Collection<RunResult> results) {
    delegate.endRun(results);
  }

  @Override
  public void print(String s) {
    delegate.print(s);
  }

  @Override
  public void println(String s) {
    delegate.println(s);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void verbosePrintln(String s) {
    delegate.verbosePrintln(s);
  }

  @Override
  public void write(int b) {
    delegate.write(b);
  }

  @Override
  public void write(byte[] b) throws IOException {
    delegate.write(b);
  }
}
