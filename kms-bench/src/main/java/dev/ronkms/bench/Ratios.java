package dev.ronkms.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ratios {@code ./kms bench} prints and the gate compares: each is two scores of the same
 * run (same unit), so the machine's speed cancels out. Every ratio knows which way is better;
 * {@link Gate} reads the direction from here, never from a file.
 */
final class Ratios {

  private Ratios() {}

  /** Which way a ratio improves. */
  enum Better {
    /** A cost ratio: the result regresses when it rises above baseline × (1 + tolerance). */
    LOWER,
    /** A speed-up ratio: the result regresses when it falls below baseline ÷ (1 + tolerance). */
    HIGHER;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * {@code (numerator / numeratorPer) ÷ (denominator / denominatorPer)}, both score keys as
   * {@link BenchMain#key} makes them; {@code headline} ratios are in every mode's plan, the
   * others only when their benchmarks ran ({@code --full}; the {@code native.*} ones with
   * {@code --native} or {@code --native-only}).
   */
  record Ratio(String name, String numerator, int numeratorPer, String denominator,
      int denominatorPer, Better better, boolean headline, String description) {}

  /** One computed ratio with its error, propagated from the two JMH errors (NaN if unknown). */
  record Value(double value, double error) {}

  static final List<Ratio> ALL = List.of(
      // KMS path ÷ raw library
      cost("sign.kms/bc-raw", "SignBench.sign:kms-bc", "SignBench.sign:bc-raw", true,
          "Kms.sign, whole path (store lookup, policy, BC) ÷ raw Bouncy Castle sign"),
      cost("verify.kms/own", "VerifyBench.verify:kms", "VerifyBench.verify:own", true,
          "Kms.verify (default route, verify-only keys) ÷ the raw own verifier (Ed25519Verifier)"),
      cost("verify.own/bc-raw", "VerifyBench.verify:own", "VerifyBench.verify:bc-raw", true,
          "own verifier (kms-ed25519) ÷ raw Bouncy Castle verify"),
      cost("verify.bc/bc-raw", "VerifyBench.verify:bc", "VerifyBench.verify:bc-raw", true,
          "bc provider as ron-kms wraps it (policy precheck) ÷ raw Bouncy Castle verify"),
      cost("verify.tink/tink-raw", "VerifyBench.verify:tink", "VerifyBench.verify:tink-raw", true,
          "tink provider as wrapped ÷ raw Tink verify"),
      cost("verify.jdk/jdk-raw", "VerifyBench.verify:jdk", "VerifyBench.verify:jdk-raw", true,
          "jdk provider as wrapped ÷ raw SunEC verify"),
      // batch ÷ single, per signature
      new Ratio("batch64/single", "BatchBench.verifyBatch:64", 64, "VerifyBench.verify:own", 1,
          Better.LOWER, true, "batch of 64 distinct keys, per signature ÷ own single verify"),
      new Ratio("batch256/single", "BatchBench.verifyBatch:256", 256, "VerifyBench.verify:own",
          1, Better.LOWER, true, "batch of 256 distinct keys, per signature ÷ own single verify"),
      // N threads ÷ one (time of one thread ÷ time of N: the throughput ratio)
      new Ratio("parallel.all-cores/1", "ParallelBench.verifyParallel:1", 1,
          "ParallelBench.verifyParallel:0", 1, Better.HIGHER, true,
          "ParallelVerifier throughput, one thread per core ÷ one thread (1,024 signatures)"),
      // coalescer ÷ direct
      new Ratio("coalescer.8-threads.throughput", "CoalescerBench.coalesced8", 1,
          "CoalescerBench.direct8", 1, Better.HIGHER, true,
          "8 threads: VerifyCoalescer throughput ÷ the same threads calling Kms.verify"),
      cost("coalescer.1-thread.latency", "CoalescerBench.coalesced1", "CoalescerBench.direct1",
          true, "1 thread: VerifyCoalescer latency ÷ direct Kms.verify latency"),
      // provider ÷ BC
      cost("provider.tink/bc.sign", "SignBench.sign:tink", "SignBench.sign:bc", true,
          "tink provider sign ÷ bc provider sign"),
      cost("provider.jdk/bc.sign", "SignBench.sign:jdk", "SignBench.sign:bc", true,
          "jdk provider sign ÷ bc provider sign"),
      cost("provider.tink/bc.verify", "VerifyBench.verify:tink", "VerifyBench.verify:bc", true,
          "tink provider verify ÷ bc provider verify"),
      cost("provider.jdk/bc.verify", "VerifyBench.verify:jdk", "VerifyBench.verify:bc", true,
          "jdk provider verify ÷ bc provider verify"),
      // --full only
      new Ratio("batch8/single", "BatchBench.verifyBatch:8", 8, "VerifyBench.verify:own", 1,
          Better.LOWER, false, "batch of 8, per signature ÷ own single verify"),
      new Ratio("batch32/single", "BatchBench.verifyBatch:32", 32, "VerifyBench.verify:own", 1,
          Better.LOWER, false, "batch of 32, per signature ÷ own single verify"),
      new Ratio("parallel.2/1", "ParallelBench.verifyParallel:1", 1,
          "ParallelBench.verifyParallel:2", 1, Better.HIGHER, false,
          "ParallelVerifier throughput, 2 threads ÷ one thread"),
      new Ratio("coalescer.8-threads.pipelined", "CoalescerBench.pipelined8", 1,
          "CoalescerBench.direct8", 1, Better.HIGHER, false,
          "8 threads with 16 calls in flight each through the coalescer ÷ direct Kms.verify"),
      cost("verify.own-key/own", "VerifyBench.verify:own-key", "VerifyBench.verify:own", false,
          "own verifier with the key decoded once ÷ own verifier"),
      cost("verify.kms-provider/bc-raw", "VerifyBench.verify:kms-provider",
          "VerifyBench.verify:bc-raw", false, "Kms.verify routed through bc ÷ raw BC verify"),
      cost("verify.precheck/tink-raw", "VerifyBench.verify:precheck",
          "VerifyBench.verify:tink-raw", false,
          "the policy's byte-level precheck alone ÷ raw Tink verify"),
      // --native only: against native libsodium 1.0.18 through JNI (NativeCompareBench). Never
      // in the committed gate baseline: a machine without the shim cannot measure them, and
      // the gate reports a ratio the baseline lacks without gating it.
      cost("native.verify.own/libsodium", "NativeCompareBench.verifyOwn",
          "NativeCompareBench.verifyLibsodium", false,
          "own verifier (Ed25519Verifier) ÷ libsodium verify through JNI"),
      cost("native.verify.own-key/libsodium", "NativeCompareBench.verifyOwnKey",
          "NativeCompareBench.verifyLibsodium", false,
          "own verifier, key decoded once (Ed25519PublicKey) ÷ libsodium verify through JNI"),
      // verifyBatch64 is already per signature (@OperationsPerInvocation(64)).
      cost("native.batch64/libsodium", "NativeCompareBench.verifyBatch64",
          "NativeCompareBench.verifyLibsodium", false,
          "batch of 64 distinct keys (BatchVerifier), per signature ÷ libsodium single verify"),
      cost("native.engine-batch64/libsodium", "NativeCompareBench.verifyEngineBatch64",
          "NativeCompareBench.verifyLibsodium", false,
          "Kms.verifyBatch of 64 known key versions (decoded keys cached), per signature"
              + " ÷ libsodium single verify"),
      cost("native.verify.bc-raw/libsodium", "NativeCompareBench.verifyBcRaw",
          "NativeCompareBench.verifyLibsodium", false,
          "raw Bouncy Castle verify ÷ libsodium verify through JNI"),
      cost("native.sign.kms/libsodium", "NativeCompareBench.signKms",
          "NativeCompareBench.signLibsodium", false,
          "Kms.sign, whole path (store lookup, policy, BC) ÷ libsodium sign through JNI"),
      cost("native.sign.bc-raw/libsodium", "NativeCompareBench.signBcRaw",
          "NativeCompareBench.signLibsodium", false,
          "raw Bouncy Castle sign ÷ libsodium sign through JNI"));

  private static Ratio cost(String name, String num, String den, boolean headline,
      String description) {
    return new Ratio(name, num, 1, den, 1, Better.LOWER, headline, description);
  }

  /** The ratio named {@code name}, or null. */
  static Ratio named(String name) {
    for (Ratio r : ALL) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  /** Every ratio whose two scores are present, in {@link #ALL}'s order. */
  static Map<String, Value> compute(Map<String, BenchMain.Score> scores) {
    Map<String, Value> out = new LinkedHashMap<>();
    for (Ratio r : ALL) {
      BenchMain.Score n = scores.get(r.numerator());
      BenchMain.Score d = scores.get(r.denominator());
      if (n == null || d == null) {
        continue;
      }
      double value = (n.score() / r.numeratorPer()) / (d.score() / r.denominatorPer());
      double rel = Math.hypot(n.error() / n.score(), d.error() / d.score());
      out.put(r.name(), new Value(value, Math.abs(value) * rel));
    }
    return out;
  }
}
