package dev.ronkms.bench;

import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.ed25519.Ed25519Verifier;
import dev.ronkms.ed25519.VerifyItem;
import dev.ronkms.ed25519.curve.BatchEquation;
import dev.ronkms.ed25519.curve.Challenge;
import dev.ronkms.ed25519.curve.DecodedPoint;
import dev.ronkms.ed25519.curve.Scalar25519;
import dev.ronkms.ed25519.curve.SingleVerify;
import dev.ronkms.ed25519.curve.Stages;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Where the time of the project's own Ed25519 verification goes (docs/PERFORMANCE.md, "Where
 * the time goes"): each step of {@code Ed25519Verifier.verify} and of a {@code BatchVerifier}
 * batch measured on its own, on the inputs of {@link VerifyBench} and {@link BatchBench} (64
 * distinct keys, 128-byte messages, seed 20261123). Every step runs the production code of that
 * step (the curve package's {@link Stages} for the parts inside the single equation) and checks
 * its answer, so that the JIT cannot drop the work and a broken step fails the run.
 *
 * <p>{@link #single} cycles over the 64 signatures; {@link #batch} does its step for a whole
 * batch of {@code items} (divide by {@code items} for the cost per item). {@link #main} (also
 * {@code ./kms bench profile}) runs both and prints the split in µs and as a share of the
 * whole. Not part of the headline, {@code --full} or {@code --quick} runs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProfileBench {

  static final long SEED = 20261123;
  static final int KEYS = 64;

  /** One step of a single verification, cycling over the 64 signatures. */
  @State(Scope.Thread)
  public static class Single {

    /**
     * {@code verify} ({@code Ed25519Verifier.verify}, the whole), {@code precheck}
     * ({@code Ed25519Policy.admits}), {@code decode-a}, {@code decode-r} (strict decoding of
     * A or R, no table), {@code tables} (the odd-multiple tables of A and R, both; built
     * lazily inside {@code SingleVerify.verify} on a fresh point), {@code hash} (SHA-512 of
     * R ‖ A ‖ M), {@code reduce} (S read, the hash reduced mod L), {@code split} (the lattice
     * split of k alone), {@code recode} (the split, v1 S mod L and the NAF recodings),
     * {@code straus} (the multiplication on recoded scalars and prepared tables, [8], the
     * identity test), {@code msm} ({@code SingleVerify.verify} on decoded points with their
     * tables prepared: recode + straus).
     */
    @Param({"verify", "precheck", "decode-a", "decode-r", "tables", "hash", "reduce", "split",
        "recode", "straus", "msm"})
    public String step;

    private interface Step {
      Object run(int i);
    }

    private Step run;
    private int next;

    /** Prepares the fixture and the decoded, hashed and recoded forms the steps start from. */
    @Setup
    public void setUp() {
      Fixture f = new Fixture(KEYS, SEED);
      DecodedPoint[] a = new DecodedPoint[KEYS];
      DecodedPoint[] r = new DecodedPoint[KEYS];
      byte[][] hashes = new byte[KEYS][];
      int[][] s = new int[KEYS][];
      int[][] k = new int[KEYS][];
      Object[] digits = new Object[KEYS];
      for (int i = 0; i < KEYS; i++) {
        a[i] = DecodedPoint.decode(f.publicKeys[i], 0);
        r[i] = DecodedPoint.decode(f.signatures[i], 0);
        a[i].prepareForSharing();
        r[i].prepareForSharing();
        hashes[i] = Challenge.hash(f.signatures[i], f.publicKeys[i], f.messages[i]);
        s[i] = Scalar25519.decode(f.signatures[i], 32);
        k[i] = Scalar25519.reduce512(hashes[i]);
        digits[i] = Stages.recode(s[i], k[i]);
      }
      byte[][] pk = f.publicKeys;
      byte[][] msg = f.messages;
      byte[][] sig = f.signatures;
      run = switch (step) {
        case "verify" -> i -> check(Ed25519Verifier.verify(pk[i], msg[i], sig[i]));
        case "precheck" -> i -> check(Ed25519Policy.admits(pk[i], msg[i], sig[i]));
        case "decode-a" -> i -> nonNull(DecodedPoint.decode(pk[i], 0));
        case "decode-r" -> i -> nonNull(DecodedPoint.decode(sig[i], 0));
        case "tables" -> i -> new Object[] {nonNull(Stages.table(a[i])),
            nonNull(Stages.table(r[i]))};
        case "hash" -> i -> {
          byte[] h = Challenge.hash(sig[i], pk[i], msg[i]);
          if (h[0] != hashes[i][0] || h[63] != hashes[i][63]) {
            throw new IllegalStateException("hash " + i + " differs");
          }
          return h;
        };
        case "reduce" -> i -> {
          int[] si = Scalar25519.decode(sig[i], 32);
          int[] ki = Scalar25519.reduce512(hashes[i]);
          if (si[0] != s[i][0] || ki[0] != k[i][0] || ki[7] != k[i][7]) {
            throw new IllegalStateException("scalars of " + i + " differ");
          }
          return ki;
        };
        case "split" -> i -> {
          long[] v = Stages.split(k[i]);
          if ((v[2] | v[3]) == 0) {
            throw new IllegalStateException("split of " + i + " has v1 = 0");
          }
          return v;
        };
        case "recode" -> i -> nonNull(Stages.recode(s[i], k[i]));
        case "straus" -> i -> check(Stages.multiply(a[i], r[i], digits[i]));
        case "msm" -> i -> check(SingleVerify.verify(a[i], r[i], s[i], k[i]));
        default -> throw new IllegalArgumentException(step);
      };
    }

    Object next() {
      return run.run(next++ & (KEYS - 1));
    }
  }

  /** One step of a batch of {@code items} signatures by distinct keys, for the whole batch. */
  @State(Scope.Thread)
  public static class Batch {

    /** The batch size: distinct keys, all valid (but for {@code batchStep=bad}). */
    @Param({"64", "256"})
    public int items;

    /**
     * {@code batch} ({@code BatchVerifier.verify}, the whole, all valid), {@code bad} (the
     * same with one invalid signature, in a different place each call: the bisection that finds
     * it), {@code precheck}, {@code decode} (A and R of every item: each key is distinct, so
     * decoded once), {@code hash}, {@code reduce} (S read, k reduced), {@code coefficients}
     * (the random z_i of the batch), {@code msm} ({@code BatchEquation.holds} over all items:
     * the scalar sums, Straus or Pippenger, [8], the identity test).
     */
    @Param({"batch", "bad", "precheck", "decode", "hash", "reduce", "coefficients", "msm"})
    public String batchStep;

    private interface Step {
      Object run();
    }

    private Step run;

    /** Prepares the batch and the decoded, hashed and reduced forms the steps start from. */
    @Setup
    public void setUp() throws Throwable {
      int n = items;
      Fixture f = new Fixture(n, SEED);
      List<VerifyItem> valid = f.items(n);
      DecodedPoint[] a = new DecodedPoint[n];
      DecodedPoint[] r = new DecodedPoint[n];
      byte[][] hashes = new byte[n][];
      int[][] s = new int[n][];
      int[][] k = new int[n][];
      int[] keyOf = new int[n];
      int[] subset = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = DecodedPoint.decode(f.publicKeys[i], 0);
        r[i] = DecodedPoint.decode(f.signatures[i], 0);
        hashes[i] = Challenge.hash(f.signatures[i], f.publicKeys[i], f.messages[i]);
        s[i] = Scalar25519.decode(f.signatures[i], 32);
        k[i] = Scalar25519.reduce512(hashes[i]);
        keyOf[i] = i;
        subset[i] = i;
      }
      SecureRandom random = new SecureRandom();
      MethodHandle coefficients = coefficients();
      long[][] z = (long[][]) coefficients.invokeExact(random, hashes, f.signatures, n);
      BatchVerifier verifier = new BatchVerifier();
      Object[] out = new Object[2 * n];
      run = switch (batchStep) {
        case "batch" -> () -> allValid(verifier.verify(valid), -1);
        case "bad" -> {
          List<List<VerifyItem>> withBad = withOneBad(f, valid);
          int[] next = {0};
          yield () -> {
            int bad = next[0]++ % n;
            return allValid(verifier.verify(withBad.get(bad)), bad);
          };
        }
        case "precheck" -> () -> {
          for (int i = 0; i < n; i++) {
            check(Ed25519Policy.admits(f.publicKeys[i], f.messages[i], f.signatures[i]));
          }
          return out;
        };
        case "decode" -> () -> {
          for (int i = 0; i < n; i++) {
            out[2 * i] = nonNull(DecodedPoint.decode(f.publicKeys[i], 0));
            out[2 * i + 1] = nonNull(DecodedPoint.decode(f.signatures[i], 0));
          }
          return out;
        };
        case "hash" -> () -> {
          for (int i = 0; i < n; i++) {
            out[i] = Challenge.hash(f.signatures[i], f.publicKeys[i], f.messages[i]);
          }
          return out;
        };
        case "reduce" -> () -> {
          for (int i = 0; i < n; i++) {
            out[2 * i] = Scalar25519.decode(f.signatures[i], 32);
            out[2 * i + 1] = Scalar25519.reduce512(hashes[i]);
          }
          return out;
        };
        case "coefficients" -> () -> {
          long[][] zs;
          try {
            zs = (long[][]) coefficients.invokeExact(random, hashes, f.signatures, n);
          } catch (Throwable e) {
            throw new IllegalStateException(e);
          }
          if (zs.length != n || (zs[n - 1][0] | zs[n - 1][1]) == 0) {
            throw new IllegalStateException("coefficients: wrong count or a zero");
          }
          return zs;
        };
        case "msm" -> () -> check(new BatchEquation(a, keyOf, r, s, k, z).holds(subset, 0, n));
        default -> throw new IllegalArgumentException(batchStep);
      };
    }

    Object next() {
      return run.run();
    }

    /** Item {@code bad} of copy {@code bad} signs another message: valid bytes, wrong equation. */
    private static List<List<VerifyItem>> withOneBad(Fixture f, List<VerifyItem> valid) {
      int n = valid.size();
      List<List<VerifyItem>> out = new ArrayList<>(n);
      for (int bad = 0; bad < n; bad++) {
        List<VerifyItem> copy = new ArrayList<>(valid);
        byte[] message = f.messages[bad].clone();
        message[0] ^= 1;
        copy.set(bad, new VerifyItem(f.publicKeys[bad], message, f.signatures[bad]));
        out.add(copy);
      }
      return out;
    }

    private static boolean[] allValid(boolean[] result, int bad) {
      for (int i = 0; i < result.length; i++) {
        if (result[i] != (i != bad)) {
          throw new IllegalStateException("batch answered " + result[i] + " for item " + i);
        }
      }
      return result;
    }
  }

  /**
   * {@code BatchCoefficients.generate}, package-private in {@code dev.ronkms.ed25519}. Reached
   * reflectively rather than made public: the package is the module's exported API, and
   * kms-bench runs on the class path, where both are in the unnamed module.
   */
  static MethodHandle coefficients() throws ReflectiveOperationException {
    Class<?> c = Class.forName("dev.ronkms.ed25519.BatchCoefficients");
    return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findStatic(c, "generate",
        MethodType.methodType(long[][].class, SecureRandom.class, byte[][].class,
            byte[][].class, int.class));
  }

  /**
   * One step of one single verification.
   *
   * @param state the step and its inputs
   * @return the step's result
   */
  @Benchmark
  public Object single(Single state) {
    return state.next();
  }

  /**
   * One step over a whole batch.
   *
   * @param state the step, the batch size and the inputs
   * @return the step's result
   */
  @Benchmark
  public Object batch(Batch state) {
    return state.next();
  }

  private static Boolean check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("a valid signature was rejected");
    }
    return Boolean.TRUE;
  }

  private static Object nonNull(Object o) {
    if (o == null) {
      throw new IllegalStateException("a valid encoding was rejected");
    }
    return o;
  }

  /**
   * Runs every step (one fork; 3 × 1 s warm-up and 5 × 1 s measurement unless the arguments
   * say otherwise) and prints the split. Arguments: {@code [warm-up-iterations
   * measurement-iterations [forks]]}.
   *
   * @param args the iteration counts and forks, optional
   * @throws Exception when JMH fails
   */
  public static void main(String[] args) throws Exception {
    int[] counts = {3, 5, 1};
    try {
      if (args.length > counts.length) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < args.length; i++) {
        counts[i] = Integer.parseInt(args[i]);
      }
    } catch (NumberFormatException e) {
      System.err.println("usage: kms bench profile [WARMUPS ITERATIONS [FORKS]]"
          + " (1 s iterations; default 3 5 1)");
      System.exit(2);
    }
    int warmups = counts[0];
    int iterations = counts[1];
    int forks = counts[2];
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("^" + ProfileBench.class.getName().replace(".", "\\.") + "\\.")
        .forks(forks)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true)
        .build()).run();
    System.out.println();
    System.out.printf("ProfileBench: %d × 1 s warm-up, %d × 1 s measurement, %d fork(s), "
        + "%d cores%n%n", warmups, iterations, forks, Runtime.getRuntime().availableProcessors());
    System.out.print(ProfileTable.render(BenchMain.scores(results), ProfileTable.sizes()));
  }
}
