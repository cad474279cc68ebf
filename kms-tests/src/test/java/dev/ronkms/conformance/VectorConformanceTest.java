package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every verification path (each backend, own, batch, parallel) against every independent
 * vector: RFC 8032, Wycheproof, ed25519-speccheck.
 */
class VectorConformanceTest {

  static Stream<Arguments> rfc8032() {
    return Verifiers.crossedWith(Ed25519Vectors.rfc8032());
  }

  static Stream<Arguments> rfc8032Signers() {
    return Backends.crossedWith(Ed25519Vectors.rfc8032());
  }

  static Stream<Arguments> wycheproof() {
    return Verifiers.crossedWith(Ed25519Vectors.wycheproof());
  }

  static Stream<Arguments> speccheck() {
    List<Ed25519Vector> cases = Ed25519Vectors.speccheck();
    return Verifiers.crossedWith(IntStream.range(0, cases.size()).boxed().toList())
        .map(a -> Arguments.of(a.get()[0], cases.get((Integer) a.get()[1]), a.get()[1]));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rfc8032")
  void rfc8032SignaturesVerify(PolicyVerifier verifier, Ed25519Vector v) {
    assertEquals(true, verifier.verify(v.publicKey(), v.message(), v.signature()));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rfc8032Signers")
  void rfc8032SeedsReproduceKeyAndSignature(SignatureProvider backend, Ed25519Vector v) {
    assumeTrue(backend.capabilities().contains(Capability.SEED_IMPORT),
        backend.name() + " cannot import seeds");
    PrivateKeyHandle key = backend.importPrivateKey(Algorithm.ED25519, v.seed());
    try {
      assertArrayEquals(v.publicKey(), key.publicKey());
      assertArrayEquals(v.signature(), backend.sign(key, v.message()));
    } finally {
      key.close();
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wycheproof")
  void wycheproofCaseGivesThePolicyAnswer(PolicyVerifier verifier, Ed25519Vector v) {
    assertEquals(v.expectedValid(), verifier.verify(v.publicKey(), v.message(), v.signature()),
        v.source());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("speccheck")
  void speccheckCaseGivesThePolicyAnswer(PolicyVerifier verifier, Ed25519Vector v, int index) {
    assertEquals(v.expectedValid(), verifier.verify(v.publicKey(), v.message(), v.signature()),
        v.source());
    assertEquals(Ed25519Vectors.speccheckReason(index),
        Ed25519Policy.precheck(v.publicKey(), v.signature()), "the rule that decides " + v);
  }

  /** The independent BigInteger model agrees with every vector file, so it can judge new cases. */
  @Test
  void modelPolicyAgreesWithEveryVector() {
    for (List<Ed25519Vector> file : List.of(Ed25519Vectors.rfc8032(), Ed25519Vectors.wycheproof(),
        Ed25519Vectors.speccheck())) {
      for (Ed25519Vector v : file) {
        assertEquals(v.expectedValid(), ModelPolicy.verify(v.publicKey(), v.message(),
            v.signature()), v.source());
      }
    }
  }
}
