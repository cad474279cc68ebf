package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Where each library, called raw, disagrees with the policy: the table of docs/SECURITY.md
 * ("Which backend needs which wrapping"). The test fails if a library disagrees anywhere the
 * table does not say, or stops disagreeing where the table says the wrapping is needed, so the
 * table stays true when a library is upgraded. Rows are vector ids, or the category of a
 * generated case. Each difference is printed for the record.
 */
class RawVersusPolicyTest {

  private static final Set<String> COFACTORLESS_AND_SMALL_ORDER = Set.of(
      "generated mixed-order A", "generated mixed-order R", "generated mixed-order A and R",
      "generated small-order A", "generated small-order R",
      "speccheck case 0", "speccheck case 1", "speccheck case 2", "speccheck case 4",
      "speccheck case 5");

  /** Rows where a raw library may differ from the policy (the documented table). */
  private static final Map<String, Set<String>> DOCUMENTED = Map.of(
      "Bouncy Castle", Set.of("generated small-order R", "generated length",
          "speccheck case 2", "wycheproof tcId 33", "wycheproof tcId 34", "wycheproof tcId 37"),
      "Tink", COFACTORLESS_AND_SMALL_ORDER,
      "SunEC", union(COFACTORLESS_AND_SMALL_ORDER,
          Set.of("generated length", "wycheproof tcId 37")));

  /** Rows where the difference must show (the reason the wrapping exists). */
  private static final Map<String, Set<String>> REQUIRED = Map.of(
      "Bouncy Castle", Set.of("speccheck case 2"),
      "Tink", Set.of("speccheck case 0", "speccheck case 4", "generated mixed-order R"),
      "SunEC", Set.of("speccheck case 0", "speccheck case 4", "generated mixed-order R"));

  @Test
  void rawLibrariesDifferOnlyWhereDocumented() {
    List<Object[]> rows = new ArrayList<>();
    for (Ed25519Vector v : Ed25519Vectors.rfc8032()) {
      rows.add(new Object[] {"rfc8032", v});
    }
    for (Ed25519Vector v : Ed25519Vectors.wycheproof()) {
      rows.add(new Object[] {v.source().split(" \\(")[0], v});
    }
    for (Ed25519Vector v : Ed25519Vectors.speccheck()) {
      rows.add(new Object[] {v.source(), v});
    }
    for (AdversarialCases.Case c : AdversarialParityTest.CASES) {
      rows.add(new Object[] {"generated " + c.category(), c.vector()});
    }
    for (Map.Entry<String, RawLibraries.Raw> lib : RawLibraries.all().entrySet()) {
      String family = lib.getKey().split(" [0-9(]")[0];
      Map<String, String> differences = new TreeMap<>();
      for (Object[] row : rows) {
        Ed25519Vector v = (Ed25519Vector) row[1];
        boolean raw = RawLibraries.answer(lib.getValue(), v);
        if (raw != v.expectedValid()) {
          differences.merge((String) row[0], raw ? "accepts" : "rejects",
              (a, b) -> a.equals(b) ? a : "accepts and rejects");
        }
      }
      System.out.println(lib.getKey() + " raw vs policy: " + differences);
      Set<String> undocumented = new TreeSet<>(differences.keySet());
      undocumented.removeAll(DOCUMENTED.get(family));
      assertTrue(undocumented.isEmpty(), lib.getKey() + " differs from the policy where"
          + " docs/SECURITY.md does not say: " + undocumented);
      Set<String> missing = new TreeSet<>(REQUIRED.get(family));
      missing.removeAll(differences.keySet());
      assertTrue(missing.isEmpty(), lib.getKey() + " no longer differs on " + missing
          + "; update docs/SECURITY.md");
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }
}
