package dev.ronkms.bench;

import java.util.Map;

/** Turns one run's scores into the ratio table of docs/PERFORMANCE.md. */
final class Summary {
  private final Map<String, Double> s;
  private final StringBuilder out = new StringBuilder();

  private Summary(Map<String, Double> scores) {
    this.s = scores;
  }

  static Summary of(Map<String, Double> scores) {
    return new Summary(scores);
  }

  String render() {
    int cores = Runtime.getRuntime().availableProcessors();
    line("ron-kms bench summary (one JMH run; JDK %s; %d cores)",
        System.getProperty("java.version"), cores);
    line("");
    double bc = get("VerifyBench.verify:bc");
    double bcRaw = get("VerifyBench.verify:bc-raw");
    double own = get("VerifyBench.verify:own");
    line("Single verify (µs/op)                        ratio");
    row("bc   (BC + policy precheck)", bc, "÷ bc-raw", bc / bcRaw);
    row("own  (kms-ed25519 verifier)", own, "÷ bc", own / bc);
    double ownKey = get("VerifyBench.verify:own-key");
    row("own-key (key decoded once)", ownKey, "÷ bc", ownKey / bc);
    double kms = get("VerifyBench.verify:kms");
    row("kms (Kms.verify, default route)", kms, "÷ bc-raw", kms / bcRaw);
    row("", Double.NaN, "÷ bc", kms / bc);
    double kmsProvider = get("VerifyBench.verify:kms-provider");
    row("kms-provider (route: bc)", kmsProvider, "÷ bc-raw", kmsProvider / bcRaw);
    for (String lib : new String[] {"tink", "jdk"}) {
      double wrapped = get("VerifyBench.verify:" + lib);
      double raw = get("VerifyBench.verify:" + lib + "-raw");
      row(lib + " (wrapped)", wrapped, "÷ bc", wrapped / bc);
      row(lib + "-raw", raw, lib + " ÷ raw", wrapped / raw);
    }
    row("bc-raw", bcRaw, "", Double.NaN);
    double precheck = get("VerifyBench.verify:precheck");
    row("precheck alone (the wrapping)", precheck, "÷ tink-raw",
        precheck / get("VerifyBench.verify:tink-raw"));
    line("");
    line("Batch verify (µs per signature)              ratio");
    for (int n : new int[] {8, 32, 64, 256}) {
      double perSig = get("BatchBench.verifyBatch:" + n) / n;
      row("batch of " + n, perSig, "÷ bc single", perSig / bc);
      row("", Double.NaN, "÷ own single", perSig / own);
    }
    line("");
    double one = get("ParallelBench.verifyParallel:1");
    line("Parallel verify, %d signatures (ms/call)   throughput ÷ 1 thread", ParallelBench.ITEMS);
    row("1 thread", one, "", Double.NaN);
    row("2 threads", get("ParallelBench.verifyParallel:2"), "×",
        one / get("ParallelBench.verifyParallel:2"));
    row(cores + " threads (all cores)", get("ParallelBench.verifyParallel:0"), "×",
        one / get("ParallelBench.verifyParallel:0"));
    line("");
    double bcSign = get("SignBench.sign:bc");
    line("Sign (µs/op)                                 ratio");
    row("bc", bcSign, "÷ bc-raw", bcSign / get("SignBench.sign:bc-raw"));
    row("kms-bc (Kms.sign, whole path)", get("SignBench.sign:kms-bc"), "÷ bc-raw",
        get("SignBench.sign:kms-bc") / get("SignBench.sign:bc-raw"));
    row("tink", get("SignBench.sign:tink"), "÷ bc", get("SignBench.sign:tink") / bcSign);
    row("jdk", get("SignBench.sign:jdk"), "÷ bc", get("SignBench.sign:jdk") / bcSign);
    row("bc-raw", get("SignBench.sign:bc-raw"), "", Double.NaN);
    return out.toString();
  }

  private double get(String key) {
    Double v = s.get(key);
    return v == null ? Double.NaN : v;
  }

  private void row(String name, double value, String ratioName, double ratio) {
    out.append(String.format("  %-32s %10s   %-14s %s%n", name,
        Double.isNaN(value) ? "" : String.format("%.2f", value), ratioName,
        Double.isNaN(ratio) ? "" : String.format("%.3f", ratio)));
  }

  private void line(String format, Object... args) {
    out.append(String.format(format, args)).append('\n');
  }
}
