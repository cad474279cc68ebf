package dev.ronkms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native libsodium comparison: the plan and ratios always; the JNI shim against the project
 * on the bench fixture when the shim is built (kms-bench/native/build-libsodium-shim.sh; the
 * default build never builds it, so these tests skip, saying why). A shim that is built but
 * does not load, or that disagrees with the project, fails.
 */
class LibsodiumTest {

  /** Skips when no shim was built; fails when one was built but does not load. */
  /**
   * Skips without a built shim, except where RON_KMS_NATIVE_REQUIRED=true (CI builds the shim
   * first, so there a missing shim is a failure).
   */
  private static void assumeShim() {
    boolean built = Libsodium.candidates().stream().anyMatch(Files::isRegularFile);
    if ("true".equals(System.getenv("RON_KMS_NATIVE_REQUIRED"))) {
      assertTrue(built, () -> "RON_KMS_NATIVE_REQUIRED, but " + Libsodium.problem());
    }
    assumeTrue(built, () -> "skipped: " + Libsodium.problem());
    assertTrue(Libsodium.available(), () -> "the shim is built but unusable: "
        + Libsodium.problem());
  }

  @Test
  void libsodiumAndTheProjectAgreeOnTheFixtureAndOnTamperedSignatures() {
    assumeShim();
    assertNotNull(Libsodium.libsodiumVersion());
    System.out.println("libsodium " + Libsodium.libsodiumVersion() + " via " + Libsodium.path());
    NativeCompareBench.checkAgreement(new Fixture(NativeCompareBench.KEYS,
        NativeCompareBench.SEED));
  }

  @Test
  void theShimChecksLengths() {
    assumeShim();
    Fixture f = new Fixture(1, NativeCompareBench.SEED);
    byte[] pk = f.publicKeys[0];
    byte[] msg = f.messages[0];
    byte[] sig = f.signatures[0];
    assertThrows(IllegalArgumentException.class, () -> Libsodium.verify(new byte[31], msg, sig));
    assertThrows(IllegalArgumentException.class, () -> Libsodium.verify(pk, msg, new byte[63]));
    assertThrows(NullPointerException.class, () -> Libsodium.verify(pk, null, sig));
    assertThrows(IllegalArgumentException.class, () -> Libsodium.sign(new byte[33], pk, msg));
    assertFalse(Libsodium.verify(pk, new byte[0], sig));
    assertEquals(64, Libsodium.sign(f.seeds[0], pk, new byte[0]).length);
  }

  @Test
  void everyNativeBenchmarkRunsOnce() {
    assumeShim();
    NativeCompareBench b = new NativeCompareBench();
    b.setUp();
    try {
      assertTrue(b.verifyLibsodium());
      assertTrue(b.verifyOwn());
      assertTrue(b.verifyOwnKey());
      assertTrue(b.verifyBcRaw());
      assertEquals(NativeCompareBench.KEYS, b.verifyBatch64().length);
      assertEquals(NativeCompareBench.KEYS, b.verifyEngineBatch64().size());
      assertEquals(64, b.signLibsodium().length);
      assertEquals(64, b.signBcRaw().length);
      assertEquals(64, b.signKms().length);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void theNativePlanRunsEveryMethodAndEveryNativeRatioHasItsScores() {
    List<String> only = Plan.of("default").withNative(true).expectedKeys();
    assertEquals(NativeCompareBench.METHODS.stream().map(m -> "NativeCompareBench." + m)
        .toList(), only);
    List<String> both = Plan.of("default").withNative(false).expectedKeys();
    assertEquals(Plan.of("default").expectedKeys().size() + only.size(), both.size());
    assertTrue(both.containsAll(only));
    assertFalse(Plan.of("default").expectedKeys().stream()
        .anyMatch(k -> k.startsWith("NativeCompareBench.")), "never in a plan by default");
    int nativeRatios = 0;
    for (Ratios.Ratio r : Ratios.ALL) {
      if (r.name().startsWith("native.")) {
        nativeRatios++;
        assertFalse(r.headline(), r.name() + " must not be a headline ratio");
        assertTrue(only.contains(r.numerator()), r.numerator());
        assertTrue(only.contains(r.denominator()), r.denominator());
      } else {
        assertFalse(r.numerator().startsWith("NativeCompareBench."), r.name());
      }
    }
    assertEquals(7, nativeRatios);
  }

  @Test
  void theCommittedBaselineHasNoNativeRatioAndANativeRunPassesItsGate() throws Exception {
    Path file = Path.of(System.getProperty("kms.repo.root", "."), "kms-bench", "baseline",
        "ratios.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> ratios = (Map<String, Object>) Gate.read(file).get("ratios");
    assertTrue(ratios.keySet().stream().noneMatch(k -> k.startsWith("native.")),
        "a machine without the shim could never pass the gate");
    // A --native result has extra ratios: reported, not gated.
    Map<String, Object> result = new LinkedHashMap<>(ratios);
    result.put("native.verify.own/libsodium", 1.5);
    Gate.Outcome o = Gate.compare(ratios, result, 0.10);
    assertTrue(o.passed());
    assertTrue(o.findings().stream().anyMatch(f -> f.ratio().equals("native.verify.own/libsodium")
        && f.status() == Gate.Status.NOT_IN_BASELINE));
  }
}
