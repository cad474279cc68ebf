package dev.ronkms.pq.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.pq.composite.CompositeFixtures.Vector;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ed25519-composite entries of the draft's own test vectors
 * (testdata/vectors/composite-sigs/testvectors.json), on every available signer: the seed
 * regenerates the public key, {@code s} verifies over {@code m} with an empty context and
 * {@code sWithContext} with {@code ctx}; and M' is built byte for byte as the draft says.
 */
class CompositeVectorsTest {

  static Stream<Arguments> vectorsBySigner() {
    List<Arguments> out = new ArrayList<>();
    for (Vector v : CompositeFixtures.ed25519Composites()) {
      for (CompositeSigner s : CompositeFixtures.signers()) {
        out.add(Arguments.of(v, s));
      }
    }
    return out.stream();
  }

  static Stream<Vector> vectors() {
    return CompositeFixtures.ed25519Composites().stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("vectorsBySigner")
  void theSeedRegeneratesThePublicKey(Vector v, CompositeSigner signer) throws Exception {
    assertEquals(v.algorithm().seedLength(), v.sk().length);
    assertEquals(v.algorithm().publicKeyLength(), v.pk().length);
    assertArrayEquals(v.pk(), signer.publicKey(v.algorithm(), v.sk()));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("vectorsBySigner")
  void sVerifiesWithTheEmptyContext(Vector v, CompositeSigner signer) {
    byte[] m = CompositeFixtures.vectors().m();
    assertEquals(v.algorithm().outputLength(), v.s().length);
    assertEquals(new ComponentVerdict(true, true),
        signer.verifyComponents(v.algorithm(), v.pk(), m, v.s(), new byte[0]));
    assertTrue(signer.verify(v.algorithm(), v.pk(), m, v.s(), null), "null context is empty");
    assertFalse(signer.verify(v.algorithm(), v.pk(), m, v.s(), CompositeFixtures.vectors().ctx()));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("vectorsBySigner")
  void sWithContextVerifiesWithCtx(Vector v, CompositeSigner signer) {
    byte[] m = CompositeFixtures.vectors().m();
    byte[] ctx = CompositeFixtures.vectors().ctx();
    assertEquals(new ComponentVerdict(true, true),
        signer.verifyComponents(v.algorithm(), v.pk(), m, v.sWithContext(), ctx));
    assertEquals(ComponentVerdict.NEITHER,
        signer.verifyComponents(v.algorithm(), v.pk(), m, v.sWithContext(), new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void aSignatureOfOursVerifiesAndSignsTheSameMessageRepresentative(Vector v) throws Exception {
    byte[] m = CompositeFixtures.vectors().m();
    byte[] ctx = CompositeFixtures.vectors().ctx();
    CompositeSigner bc = CompositeFixtures.bc();
    byte[] ours = bc.sign(v.algorithm(), v.sk(), m, ctx, new byte[32]);
    assertTrue(bc.verify(v.algorithm(), v.pk(), m, ours, ctx));
    // Ed25519 is deterministic: our Ed25519 half equals the vector's, byte for byte, which pins
    // M' exactly (the ML-DSA half is hedged in the vectors, so only verification pins it).
    int ml = CompositeParameters.of(v.algorithm()).mlDsaSignatureLength();
    assertArrayEquals(Arrays.copyOfRange(v.sWithContext(), ml, v.sWithContext().length),
        Arrays.copyOfRange(ours, ml, ours.length));
    byte[] plain = bc.sign(v.algorithm(), v.sk(), m, null, new byte[32]);
    assertArrayEquals(Arrays.copyOfRange(v.s(), ml, v.s().length),
        Arrays.copyOfRange(plain, ml, plain.length));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theSpkiOfTheVectorCertificateIsOurs(Vector v) throws Exception {
    // The certificate carries the SubjectPublicKeyInfo exactly as PublicKeyEncoding writes it:
    // AlgorithmIdentifier with the OID and no parameters, BIT STRING of mldsaPk || edPk.
    // (The JDK's X509Key.getEncoded() re-encodes an unknown algorithm with NULL parameters, so
    // the bytes are taken from the certificate's DER, not from getPublicKey().)
    CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(v.x5c())); // it parses
    byte[] spki = PublicKeyEncoding.toSpki(v.algorithm(), v.pk());
    assertTrue(indexOf(v.x5c(), spki) > 0, "the certificate holds our SPKI byte for byte");
    assertArrayEquals(v.pk(), PublicKeyEncoding.toRaw(v.algorithm(), spki));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @ParameterizedTest
  @ValueSource(strings = {"id-ML-DSA-44", "id-ML-DSA-65"})
  void thePureMlDsaSeedsRegenerateTheirKeys(String tcId) throws Exception {
    JsonNode t = CompositeFixtures.test(tcId);
    Algorithm a = tcId.endsWith("44") ? Algorithm.ML_DSA_44 : Algorithm.ML_DSA_65;
    byte[] pk = CompositeFixtures.b64(t.get("pk"));
    assertArrayEquals(pk, BcMlDsaLane.INSTANCE.publicKey(a, CompositeFixtures.b64(t.get("sk"))));
    if (CompositeFixtures.jdkLane() != null) {
      assertArrayEquals(pk, CompositeFixtures.jdkLane().publicKey(a,
          CompositeFixtures.b64(t.get("sk"))));
    }
    byte[] m = CompositeFixtures.vectors().m();
    byte[] ctx = CompositeFixtures.vectors().ctx();
    assertTrue(BcMlDsaLane.INSTANCE.verify(a, pk, m, new byte[0],
        CompositeFixtures.b64(t.get("s"))));
    assertTrue(BcMlDsaLane.INSTANCE.verify(a, pk, m, ctx,
        CompositeFixtures.b64(t.get("sWithContext"))));
  }

  @Test
  void theMessageRepresentativeIsPrefixLabelLengthContextAndSha512() throws Exception {
    assertEquals("436f6d706f73697465416c676f726974686d5369676e61747572657332303235",
        HexFormat.of().formatHex(CompositeMessage.prefix()));
    assertEquals("COMPSIG-MLDSA44-Ed25519-SHA512",
        new String(CompositeParameters.MLDSA44_ED25519.label(), StandardCharsets.US_ASCII));
    assertEquals("434f4d505349472d4d4c44534136352d456432353531392d534841353132",
        HexFormat.of().formatHex(CompositeParameters.MLDSA65_ED25519.label()));
    byte[] m = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] ctx = {7, 8, 9};
    byte[] mp = CompositeMessage.representative(Algorithm.MLDSA65_ED25519, m, ctx);
    byte[] h = MessageDigest.getInstance("SHA-512").digest(m);
    assertEquals(32 + 30 + 1 + 3 + 64, mp.length);
    assertEquals("CompositeAlgorithmSignatures2025COMPSIG-MLDSA65-Ed25519-SHA512",
        new String(mp, 0, 62, StandardCharsets.US_ASCII));
    assertEquals(3, mp[62]);
    assertArrayEquals(ctx, Arrays.copyOfRange(mp, 63, 66));
    assertArrayEquals(h, Arrays.copyOfRange(mp, 66, mp.length));
    assertArrayEquals(CompositeMessage.representative(Algorithm.MLDSA65_ED25519, m, null),
        CompositeMessage.representative(Algorithm.MLDSA65_ED25519, m, new byte[0]));
  }
}
