package dev.ronkms.pq.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.CompositeMode;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.keys.Signed;
import dev.ronkms.pq.BcPqProvider;
import dev.ronkms.pq.JdkPqProvider;
import dev.ronkms.pq.composite.CompositeFixtures.Vector;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Composite keys through the engine ({@link Kms}) on the pq-bc and pq-jdk providers. */
class CompositeEngineTest {
  private static final byte[] MESSAGE = "pay 10 to bob".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTEXT = "invoice-v1".getBytes(StandardCharsets.US_ASCII);

  static Stream<Arguments> providersAndAlgorithms() {
    List<Arguments> out = new ArrayList<>();
    for (String p : List.of(BcPqProvider.NAME, JdkPqProvider.NAME)) {
      for (Algorithm a : CompositeFixtures.COMPOSITES) {
        out.add(Arguments.of(p, a));
      }
    }
    return out.stream();
  }

  static Kms kms(String provider) {
    if (JdkPqProvider.NAME.equals(provider)) {
      Assumptions.assumeTrue(JdkPqProvider.available(),
          "the JDK lane needs JDK 24+; this is JDK " + System.getProperty("java.version"));
    }
    return Kms.builder()
        .provider(Algorithm.MLDSA44_ED25519, provider)
        .provider(Algorithm.MLDSA65_ED25519, provider)
        .build();
  }

  static byte[] corruptMlDsaHalf(byte[] sig) {
    byte[] bad = sig.clone();
    bad[10] ^= 0x40;
    return bad;
  }

  static byte[] corruptEd25519Half(byte[] sig) {
    byte[] bad = sig.clone();
    bad[bad.length - 40] ^= 0x01;
    return bad;
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("providersAndAlgorithms")
  void signAndVerifyWithContext(String provider, Algorithm a) {
    try (Kms kms = kms(provider)) {
      assertEquals(provider, kms.provider(a));
      KeyId key = kms.create("t", "p", a, KeyOptions.defaults());
      Signed signed = kms.sign(key, MESSAGE, CONTEXT);
      assertEquals(a.outputLength(), signed.signature().length);
      KeyId v = signed.keyId();
      assertTrue(kms.verify(v, MESSAGE, signed.signature(), CONTEXT));
      assertFalse(kms.verify(v, MESSAGE, signed.signature()));
      assertFalse(kms.verify(v, MESSAGE, signed.signature(), "other".getBytes()));
      assertFalse(kms.verify(v, "pay 99 to bob".getBytes(), signed.signature(), CONTEXT));
      Signed plain = kms.sign(key, MESSAGE);
      assertTrue(kms.verify(plain, MESSAGE));
      // what the engine signed is a standard composite signature: our signer verifies it
      byte[] pk = kms.publicKey(v);
      assertTrue(CompositeFixtures.bc().verify(a, pk, MESSAGE, signed.signature(), CONTEXT));
      assertEquals(a.publicKeyLength(), pk.length);
      assertEquals(PublicKeyEncoding.toSpki(a, pk).length, kms.publicKeySpki(v).length);
      // either half corrupted: REQUIRE (the default) says no
      assertFalse(kms.verify(v, MESSAGE, corruptMlDsaHalf(signed.signature()), CONTEXT));
      assertFalse(kms.verify(v, MESSAGE, corruptEd25519Half(signed.signature()), CONTEXT));
      assertEquals(0, kms.mirrorStats().postQuantumFailures());
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("providersAndAlgorithms")
  void mirrorModeLetsTheEd25519HalfDecideAndCountsMlDsaFailures(String provider, Algorithm a) {
    try (Kms kms = kms(provider)) {
      KeyId mirror = kms.create("t", "mirror", a,
          KeyOptions.defaults().with(CompositeMode.MIRROR));
      KeyId require = kms.create("t", "require", a,
          KeyOptions.defaults().with(CompositeMode.REQUIRE));
      Signed ms = kms.sign(mirror, MESSAGE, CONTEXT);
      Signed rs = kms.sign(require, MESSAGE, CONTEXT);
      long before = kms.mirrorStats().postQuantumFailures();
      assertTrue(kms.verify(ms.keyId(), MESSAGE, ms.signature(), CONTEXT));
      assertEquals(before, kms.mirrorStats().postQuantumFailures());
      // ML-DSA half corrupted: MIRROR accepts and counts, REQUIRE refuses
      assertTrue(kms.verify(ms.keyId(), MESSAGE, corruptMlDsaHalf(ms.signature()), CONTEXT));
      assertEquals(before + 1, kms.mirrorStats().postQuantumFailures());
      assertFalse(kms.verify(rs.keyId(), MESSAGE, corruptMlDsaHalf(rs.signature()), CONTEXT));
      assertEquals(before + 1, kms.mirrorStats().postQuantumFailures());
      // Ed25519 half corrupted: both modes refuse
      assertFalse(kms.verify(ms.keyId(), MESSAGE, corruptEd25519Half(ms.signature()), CONTEXT));
      assertFalse(kms.verify(rs.keyId(), MESSAGE, corruptEd25519Half(rs.signature()), CONTEXT));
      // the verdict itself, as the provider reports it
      assertEquals(new ComponentVerdict(false, true), CompositeFixtures.bc().verifyComponents(a,
          kms.publicKey(ms.keyId()), MESSAGE, corruptMlDsaHalf(ms.signature()), CONTEXT));
    }
  }

  static Stream<Arguments> providersAndVectors() {
    List<Arguments> out = new ArrayList<>();
    for (String p : List.of(BcPqProvider.NAME, JdkPqProvider.NAME)) {
      for (Vector v : CompositeFixtures.ed25519Composites()) {
        out.add(Arguments.of(p, v));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("providersAndVectors")
  void anImportedVectorKeyVerifiesTheVectorSignatures(String provider, Vector v) {
    byte[] m = CompositeFixtures.vectors().m();
    byte[] ctx = CompositeFixtures.vectors().ctx();
    try (Kms kms = kms(provider)) {
      for (byte[] encoded : List.of(v.pk(), PublicKeyEncoding.toSpki(v.algorithm(), v.pk()))) {
        KeyId key = kms.importPublicKey("t", "vectors", v.algorithm(), encoded);
        KeyId version = key.hasVersion() ? key : key.withVersion(1);
        assertTrue(kms.verify(version, m, v.s()));
        assertTrue(kms.verify(version, m, v.s(), new byte[0]));
        assertTrue(kms.verify(version, m, v.sWithContext(), ctx));
        assertFalse(kms.verify(version, m, v.s(), ctx));
        assertFalse(kms.verify(version, m, v.sWithContext()));
        assertFalse(kms.verify(version, m, corruptMlDsaHalf(v.s())));
      }
      // and the vector's private seed imports as a signing key with the vector's public key
      KeyId imported = kms.importPrivateKey("t", "vectors-sk", v.algorithm(), v.sk(),
          KeyOptions.defaults());
      Signed s = kms.sign(imported, m, ctx);
      assertTrue(Arrays.equals(v.pk(), kms.publicKey(s.keyId())));
      assertTrue(CompositeFixtures.bc().verify(v.algorithm(), v.pk(), m, s.signature(), ctx));
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("providersAndAlgorithms")
  void malformedSignaturesAndContextsAreRefusedByTheEngine(String provider, Algorithm a) {
    try (Kms kms = kms(provider)) {
      KeyId key = kms.create("t", "p", a, KeyOptions.defaults());
      Signed s = kms.sign(key, MESSAGE);
      KmsException e = assertThrows(KmsException.class, () -> kms.verify(s.keyId(), MESSAGE,
          Arrays.copyOf(s.signature(), s.signature().length - 1)));
      assertEquals(ErrorCode.MALFORMED_SIGNATURE, e.code());
      assertThrows(KmsException.class, () -> kms.sign(key, MESSAGE, new byte[256]));
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("providersAndVectors")
  void aCompositeKeyWhoseEd25519HalfThePolicyRefusesIsNotImported(String provider, Vector v) {
    try (Kms kms = kms(provider)) {
      int ml = CompositeParameters.of(v.algorithm()).mlDsaPublicKeyLength();
      for (String edHex : List.of(
          "0100000000000000000000000000000000000000000000000000000000000000", // small order
          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")) { // y = p
        byte[] pk = v.pk().clone();
        System.arraycopy(java.util.HexFormat.of().parseHex(edHex), 0, pk, ml, 32);
        KmsException e = assertThrows(KmsException.class,
            () -> kms.importPublicKey("t", "bad", v.algorithm(), pk));
        assertEquals(ErrorCode.MALFORMED_KEY, e.code());
      }
    }
  }
}
