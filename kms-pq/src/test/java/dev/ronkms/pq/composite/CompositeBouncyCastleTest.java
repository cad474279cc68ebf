package dev.ronkms.pq.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.pq.composite.CompositeFixtures.Vector;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bouncy Castle's JCA composite signatures (bcprov 1.87,
 * {@code org.bouncycastle.jcajce.provider.asymmetric.compositesignatures}) implement the same
 * draft version: with the same key, BC verifies ours and we verify BC's, with and without a
 * context; BC reads our SubjectPublicKeyInfo and writes the same bytes back.
 */
class CompositeBouncyCastleTest {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  static String bcName(Algorithm a) {
    return a == Algorithm.MLDSA44_ED25519 ? "MLDSA44-Ed25519-SHA512" : "MLDSA65-Ed25519-SHA512";
  }

  /** The draft's private key encoding: OneAsymmetricKey v0, AlgorithmIdentifier, OCTET STRING. */
  static byte[] pkcs8(Algorithm a, byte[] seed) {
    byte[] spki = PublicKeyEncoding.toSpki(a, new byte[a.publicKeyLength()]);
    // the AlgorithmIdentifier SEQUENCE is the SPKI's first element: 30 82 LL LL | 30 0a ...
    byte[] algId = Arrays.copyOfRange(spki, 4, 4 + 2 + spki[5]);
    byte[] body = new byte[3 + algId.length + 2 + seed.length];
    int at = 0;
    body[at++] = 0x02;
    body[at++] = 0x01;
    body[at++] = 0x00;
    System.arraycopy(algId, 0, body, at, algId.length);
    at += algId.length;
    body[at++] = 0x04;
    body[at++] = (byte) seed.length;
    System.arraycopy(seed, 0, body, at, seed.length);
    byte[] out = new byte[2 + body.length];
    out[0] = 0x30;
    out[1] = (byte) body.length;
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  static PublicKey bcPublic(Algorithm a, byte[] raw) throws Exception {
    return KeyFactory.getInstance(bcName(a), BC)
        .generatePublic(new X509EncodedKeySpec(PublicKeyEncoding.toSpki(a, raw)));
  }

  static PrivateKey bcPrivate(Algorithm a, byte[] seed) throws Exception {
    return KeyFactory.getInstance(bcName(a), BC).generatePrivate(
        new PKCS8EncodedKeySpec(pkcs8(a, seed)));
  }

  static byte[] bcSign(Algorithm a, byte[] seed, byte[] message, byte[] ctx) throws Exception {
    Signature s = Signature.getInstance(bcName(a), BC);
    s.initSign(bcPrivate(a, seed));
    if (ctx.length > 0) {
      s.setParameter(new ContextParameterSpec(ctx));
    }
    s.update(message);
    return s.sign();
  }

  static boolean bcVerify(Algorithm a, byte[] pk, byte[] message, byte[] sig, byte[] ctx)
      throws Exception {
    Signature s = Signature.getInstance(bcName(a), BC);
    if (ctx.length > 0) {
      s.setParameter(new ContextParameterSpec(ctx));
    }
    s.initVerify(bcPublic(a, pk));
    s.update(message);
    return s.verify(sig);
  }

  static java.util.stream.Stream<Vector> vectors() {
    return CompositeFixtures.ed25519Composites().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void ourPkcs8IsTheVectorsAndBcReadsOurSpkiBackByteForByte(Vector v) throws Exception {
    assertArrayEquals(v.skPkcs8(), pkcs8(v.algorithm(), v.sk()));
    assertArrayEquals(PublicKeyEncoding.toSpki(v.algorithm(), v.pk()),
        bcPublic(v.algorithm(), v.pk()).getEncoded());
    byte[] m = CompositeFixtures.vectors().m();
    byte[] ctx = CompositeFixtures.vectors().ctx();
    assertTrue(bcVerify(v.algorithm(), v.pk(), m, v.s(), new byte[0]));
    assertTrue(bcVerify(v.algorithm(), v.pk(), m, v.sWithContext(), ctx));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void bcVerifiesOursAndWeVerifyBcsWithTheSameKey(Algorithm a) throws Exception {
    Random r = new Random(0xBC ^ a.ordinal());
    for (int i = 0; i < 4; i++) {
      byte[] seed = new byte[64];
      r.nextBytes(seed);
      byte[] message = new byte[r.nextInt(120)];
      r.nextBytes(message);
      byte[] ctx = new byte[i == 0 ? 0 : 1 + r.nextInt(255)];
      r.nextBytes(ctx);
      for (CompositeSigner ours : CompositeFixtures.signers()) {
        byte[] pk = ours.publicKey(a, seed);
        byte[] rnd = new byte[32];
        r.nextBytes(rnd);
        byte[] oursSig = ours.sign(a, seed, message, ctx, rnd);
        assertTrue(bcVerify(a, pk, message, oursSig, ctx), "BC verifies " + ours);
        byte[] bcSig = bcSign(a, seed, message, ctx);
        assertEquals(new ComponentVerdict(true, true),
            ours.verifyComponents(a, pk, message, bcSig, ctx), ours + " verifies BC's");
        byte[] flipped = ctx.length == 0 ? new byte[] {1} : ctx.clone();
        flipped[0] ^= (byte) (ctx.length == 0 ? 0 : 1);
        assertFalse(bcVerify(a, pk, message, oursSig, flipped));
        assertFalse(ours.verify(a, pk, message, bcSig, flipped));
      }
    }
  }
}
