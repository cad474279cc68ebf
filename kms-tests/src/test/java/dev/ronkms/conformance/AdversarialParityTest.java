package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated edge cases of {@link AdversarialCases} over every verification path. The
 * expected answers come from the BigInteger {@link ModelPolicy}, which shares no code with the
 * paths under test.
 */
class AdversarialParityTest {
  static final List<AdversarialCases.Case> CASES = AdversarialCases.generate(0x5EED, 3);

  static Stream<Arguments> cases() {
    return Verifiers.crossedWith(CASES);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void everyPathGivesThePolicyAnswer(PolicyVerifier verifier, AdversarialCases.Case c) {
    Ed25519Vector v = c.vector();
    assertEquals(v.expectedValid(), verifier.verify(v.publicKey(), v.message(), v.signature()),
        v.source());
  }

  /** The generator is meaningful: each category has the answer the policy's reasoning gives. */
  @Test
  void categoriesHaveTheAnswersThePolicyImplies() {
    Map<String, Set<Boolean>> answers = new TreeMap<>();
    for (AdversarialCases.Case c : CASES) {
      answers.computeIfAbsent(c.category(), k -> new TreeSet<>()).add(c.vector().expectedValid());
    }
    Set<Boolean> accept = Set.of(true);
    Set<Boolean> reject = Set.of(false);
    assertEquals(accept, answers.get("valid"));
    assertEquals(accept, answers.get("mixed-order A"), "cofactored: torsion in A cancels");
    assertEquals(accept, answers.get("mixed-order R"));
    assertEquals(accept, answers.get("mixed-order A and R"));
    for (String rejected : List.of("tampered", "small-order A", "small-order R",
        "S out of range", "S zero", "x = -0", "off curve", "length", "y >= p")) {
      assertEquals(reject, answers.get(rejected), rejected);
    }
    assertTrue(CASES.size() > 150, "cases: " + CASES.size());
  }
}
