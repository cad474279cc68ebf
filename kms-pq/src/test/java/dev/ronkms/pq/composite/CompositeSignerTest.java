package dev.ronkms.pq.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of {@link CompositeSigner}: round trips on every available signer, and that neither
 * half can be stripped, swapped, re-labelled or detached from its context.
 */
class CompositeSignerTest {
  private static final ComponentVerdict BOTH = new ComponentVerdict(true, true);
  private static final ComponentVerdict ONLY_ED25519 = new ComponentVerdict(false, true);
  private static final ComponentVerdict ONLY_ML_DSA = new ComponentVerdict(true, false);

  /** A key, a message, a context and a valid signature, all from a seeded Random. */
  record Case(Algorithm algorithm, byte[] seed, byte[] publicKey, byte[] message,
      byte[] context, byte[] signature) {
    CompositeParameters parameters() {
      return CompositeParameters.of(algorithm);
    }

    int mlSigLength() {
      return parameters().mlDsaSignatureLength();
    }

    byte[] mlPk() {
      return Arrays.copyOfRange(publicKey, 0, parameters().mlDsaPublicKeyLength());
    }

    byte[] edPk() {
      return Arrays.copyOfRange(publicKey, parameters().mlDsaPublicKeyLength(),
          publicKey.length);
    }

    byte[] mlSig() {
      return Arrays.copyOfRange(signature, 0, mlSigLength());
    }

    byte[] edSig() {
      return Arrays.copyOfRange(signature, mlSigLength(), signature.length);
    }

    byte[] xi() {
      return Arrays.copyOfRange(seed, 0, 32);
    }

    byte[] edSeed() {
      return Arrays.copyOfRange(seed, 32, 64);
    }

    ComponentVerdict verdict(byte[] sig) {
      return CompositeFixtures.bc().verifyComponents(algorithm, publicKey, message, sig,
          context);
    }
  }

  static Case newCase(Algorithm algorithm, long seed) throws Exception {
    Random r = new Random(seed);
    byte[] keySeed = bytes(r, 64);
    byte[] message = bytes(r, r.nextInt(200));
    byte[] context = bytes(r, 1 + r.nextInt(40));
    CompositeSigner bc = CompositeFixtures.bc();
    byte[] pk = bc.publicKey(algorithm, keySeed);
    byte[] sig = bc.sign(algorithm, keySeed, message, context, bytes(r, 32));
    return new Case(algorithm, keySeed, pk, message, context, sig);
  }

  static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static Stream<Arguments> signersAndAlgorithms() {
    List<Arguments> out = new ArrayList<>();
    for (CompositeSigner s : CompositeFixtures.signers()) {
      for (Algorithm a : CompositeFixtures.COMPOSITES) {
        out.add(Arguments.of(s, a));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("signersAndAlgorithms")
  void randomMessagesAndContextsRoundTripAndAgreeAcrossSigners(CompositeSigner signer,
      Algorithm a) throws Exception {
    Random r = new Random(0xC0FFEE ^ a.ordinal());
    List<CompositeSigner> all = CompositeFixtures.signers();
    for (int i = 0; i < 6; i++) {
      byte[] seed = bytes(r, 64);
      byte[] message = bytes(r, r.nextInt(300));
      byte[] context = i == 0 ? new byte[0] : bytes(r, r.nextInt(256));
      byte[] pk = signer.publicKey(a, seed);
      assertArrayEquals(CompositeFixtures.bc().publicKey(a, seed), pk);
      byte[] hedged = signer.sign(a, seed, message, context, bytes(r, 32));
      byte[] deterministic = signer.sign(a, seed, message, context, new byte[32]);
      for (CompositeSigner verifier : all) {
        assertEquals(BOTH, verifier.verifyComponents(a, pk, message, hedged, context));
        assertEquals(BOTH, verifier.verifyComponents(a, pk, message, deterministic, context));
      }
      // the deterministic variant gives the same bytes on every library
      assertArrayEquals(CompositeFixtures.bc().sign(a, seed, message, context, new byte[32]),
          deterministic);
      byte[] other = message.clone();
      if (other.length == 0) {
        other = new byte[] {0};
      } else {
        other[r.nextInt(other.length)] ^= 1;
      }
      assertEquals(ComponentVerdict.NEITHER, signer.verifyComponents(a, pk, other, hedged,
          context));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void flippingAnyByteOfTheMlDsaHalfFailsThatHalfOnly(Algorithm a) throws Exception {
    Case c = newCase(a, 1);
    assertEquals(BOTH, c.verdict(c.signature()));
    for (int i = 0; i < c.mlSigLength(); i++) {
      byte[] bad = c.signature().clone();
      bad[i] ^= (byte) (1 << (i % 8));
      assertEquals(ONLY_ED25519, c.verdict(bad), "byte " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void flippingAnyByteOfTheEd25519HalfFailsThatHalfOnly(Algorithm a) throws Exception {
    Case c = newCase(a, 2);
    for (int i = c.mlSigLength(); i < c.signature().length; i++) {
      for (int bit = 0; bit < 8; bit += 7) {
        byte[] bad = c.signature().clone();
        bad[i] ^= (byte) (1 << bit);
        assertEquals(ONLY_ML_DSA, c.verdict(bad), "byte " + i + " bit " + bit);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void flippingAnyByteOfThePublicKeyFails(Algorithm a) throws Exception {
    Case c = newCase(a, 3);
    Random r = new Random(3);
    int mlPk = c.parameters().mlDsaPublicKeyLength();
    for (int k = 0; k < 64; k++) {
      int i = k < 32 ? r.nextInt(mlPk) : mlPk + (k - 32);
      byte[] badPk = c.publicKey().clone();
      badPk[i] ^= 1;
      ComponentVerdict v = CompositeFixtures.bc().verifyComponents(a, badPk, c.message(),
          c.signature(), c.context());
      assertEquals(i < mlPk ? ONLY_ED25519 : ONLY_ML_DSA, v, "byte " + i);
    }
  }

  @Test
  void anMlDsa65SignatureOfTheMessageRepresentativeUnderThe44LabelFails() throws Exception {
    Case c = newCase(Algorithm.MLDSA65_ED25519, 4);
    CompositeParameters p44 = CompositeParameters.MLDSA44_ED25519;
    byte[] m44 = CompositeMessage.representative(Algorithm.MLDSA44_ED25519, c.message(),
        c.context());
    byte[] mlSig = BcMlDsaLane.INSTANCE.sign(Algorithm.ML_DSA_65, c.xi(), m44, p44.label(),
        new byte[32]);
    byte[] edSig = Ed25519Signer.bouncyCastle().sign(c.edSeed(), m44);
    assertEquals(ComponentVerdict.NEITHER, c.verdict(concat(mlSig, edSig)));
    // the right (65) M' with the 44 label as the ML-DSA context fails too
    byte[] mlSig2 = BcMlDsaLane.INSTANCE.sign(Algorithm.ML_DSA_65, c.xi(),
        CompositeMessage.representative(Algorithm.MLDSA65_ED25519, c.message(), c.context()),
        p44.label(), new byte[32]);
    assertEquals(ONLY_ED25519, c.verdict(concat(mlSig2, c.edSig())));
  }

  @Test
  void aSignatureReLabelledAsTheOtherCompositeFails() throws Exception {
    // One 64-byte seed used for both composites: the same Ed25519 key in both.
    Random r = new Random(5);
    byte[] seed = bytes(r, 64);
    byte[] message = bytes(r, 50);
    byte[] ctx = bytes(r, 10);
    CompositeSigner bc = CompositeFixtures.bc();
    byte[] pk44 = bc.publicKey(Algorithm.MLDSA44_ED25519, seed);
    byte[] pk65 = bc.publicKey(Algorithm.MLDSA65_ED25519, seed);
    assertArrayEquals(Arrays.copyOfRange(pk44, 1312, 1344), Arrays.copyOfRange(pk65, 1952, 1984));
    byte[] sig44 = bc.sign(Algorithm.MLDSA44_ED25519, seed, message, ctx, new byte[32]);
    byte[] sig65 = bc.sign(Algorithm.MLDSA65_ED25519, seed, message, ctx, new byte[32]);
    // presented under the other algorithm as is: wrong lengths, refused outright
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(Algorithm.MLDSA65_ED25519, pk65, message, sig44, ctx));
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(Algorithm.MLDSA44_ED25519, pk44, message, sig65, ctx));
    // the Ed25519 half moved across (same Ed25519 key): it signed the other label's M'
    byte[] spliced65 = concat(Arrays.copyOf(sig65, 3309), Arrays.copyOfRange(sig44, 2420, 2484));
    assertEquals(ONLY_ML_DSA,
        bc.verifyComponents(Algorithm.MLDSA65_ED25519, pk65, message, spliced65, ctx));
    byte[] spliced44 = concat(Arrays.copyOf(sig44, 2420), Arrays.copyOfRange(sig65, 3309, 3373));
    assertEquals(ONLY_ML_DSA,
        bc.verifyComponents(Algorithm.MLDSA44_ED25519, pk44, message, spliced44, ctx));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void theBareMlDsaHalfIsNotAPlainMlDsaSignature(Algorithm a) throws Exception {
    Case c = newCase(a, 6);
    Algorithm ml = c.parameters().mlDsa();
    byte[] mPrime = CompositeMessage.representative(a, c.message(), c.context());
    BcMlDsaLane lane = BcMlDsaLane.INSTANCE;
    assertTrue(lane.verify(ml, c.mlPk(), mPrime, c.parameters().label(), c.mlSig()),
        "sanity: it is ML-DSA over M' with the label as context");
    assertFalse(lane.verify(ml, c.mlPk(), c.message(), c.context(), c.mlSig()));
    assertFalse(lane.verify(ml, c.mlPk(), c.message(), new byte[0], c.mlSig()));
    assertFalse(lane.verify(ml, c.mlPk(), mPrime, new byte[0], c.mlSig()));
    assertFalse(lane.verify(ml, c.mlPk(), mPrime, c.context(), c.mlSig()));
    // and a plain ML-DSA signature over M is no composite ML-DSA half
    byte[] plain = lane.sign(ml, c.xi(), c.message(), c.context(), new byte[32]);
    assertEquals(ONLY_ED25519, c.verdict(concat(plain, c.edSig())));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void theBareEd25519HalfOverTheMessageIsNotTheEd25519Half(Algorithm a) throws Exception {
    Case c = newCase(a, 7);
    byte[] plain = Ed25519Signer.bouncyCastle().sign(c.edSeed(), c.message());
    assertEquals(ONLY_ML_DSA, c.verdict(concat(c.mlSig(), plain)));
    // nor does the composite's Ed25519 half verify as a plain Ed25519 signature over M
    Ed25519PublicKey edPk = Ed25519PublicKey.decode(c.edPk());
    assertFalse(edPk.verify(c.message(), c.edSig()));
    assertTrue(edPk.verify(CompositeMessage.representative(a, c.message(), c.context()),
        c.edSig()), "sanity: it is Ed25519 over M'");
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aSignatureWithContextNeedsThatContext(Algorithm a) throws Exception {
    Case c = newCase(a, 8);
    CompositeSigner bc = CompositeFixtures.bc();
    byte[] pk = c.publicKey();
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(a, pk, c.message(), c.signature(), new byte[0]));
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(a, pk, c.message(), c.signature(), null));
    byte[] other = c.context().clone();
    other[0] ^= 1;
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(a, pk, c.message(), c.signature(), other));
    byte[] longer = Arrays.copyOf(c.context(), c.context().length + 1);
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(a, pk, c.message(), c.signature(), longer));
    byte[] none = bc.sign(a, c.seed(), c.message(), null, new byte[32]);
    assertEquals(BOTH, bc.verifyComponents(a, pk, c.message(), none, new byte[0]));
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(a, pk, c.message(), none, c.context()));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void contextsUpTo255BytesSignAndLongerOnesAreRefused(Algorithm a) throws Exception {
    Case c = newCase(a, 9);
    CompositeSigner bc = CompositeFixtures.bc();
    byte[] ctx255 = new byte[255];
    Arrays.fill(ctx255, (byte) 0xA5);
    byte[] sig = bc.sign(a, c.seed(), c.message(), ctx255, new byte[32]);
    assertEquals(BOTH, bc.verifyComponents(a, c.publicKey(), c.message(), sig, ctx255));
    byte[] ctx256 = new byte[256];
    assertThrows(IllegalArgumentException.class,
        () -> bc.sign(a, c.seed(), c.message(), ctx256, new byte[32]));
    assertEquals(ComponentVerdict.NEITHER,
        bc.verifyComponents(a, c.publicKey(), c.message(), sig, ctx256));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void malformedInputIsNeitherAndNeverAnException(Algorithm a) throws Exception {
    Case c = newCase(a, 10);
    CompositeSigner bc = CompositeFixtures.bc();
    byte[] pk = c.publicKey();
    byte[] sig = c.signature();
    byte[] m = c.message();
    byte[] ctx = c.context();
    List<ComponentVerdict> verdicts = List.of(
        bc.verifyComponents(null, pk, m, sig, ctx),
        bc.verifyComponents(Algorithm.ML_DSA_65, pk, m, sig, ctx),
        bc.verifyComponents(Algorithm.ED25519, pk, m, sig, ctx),
        bc.verifyComponents(a, null, m, sig, ctx),
        bc.verifyComponents(a, pk, null, sig, ctx),
        bc.verifyComponents(a, pk, m, null, ctx),
        bc.verifyComponents(a, Arrays.copyOf(pk, pk.length - 1), m, sig, ctx),
        bc.verifyComponents(a, Arrays.copyOf(pk, pk.length + 1), m, sig, ctx),
        bc.verifyComponents(a, pk, m, Arrays.copyOf(sig, sig.length - 1), ctx),
        bc.verifyComponents(a, pk, m, Arrays.copyOf(sig, sig.length + 1), ctx),
        bc.verifyComponents(a, new byte[0], m, new byte[0], ctx),
        bc.verifyComponents(a, pk, m, new byte[sig.length], ctx),
        bc.verifyComponents(a, new byte[pk.length], m, sig, ctx));
    for (int i = 0; i < verdicts.size(); i++) {
      assertEquals(ComponentVerdict.NEITHER, verdicts.get(i), "case " + i);
    }
    assertThrows(IllegalArgumentException.class,
        () -> bc.sign(a, Arrays.copyOf(c.seed(), 63), m, ctx, new byte[32]));
    assertThrows(IllegalArgumentException.class,
        () -> bc.sign(a, c.seed(), m, ctx, new byte[31]));
    assertThrows(IllegalArgumentException.class,
        () -> bc.sign(Algorithm.ML_DSA_65, c.seed(), m, ctx, new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> bc.publicKey(a, new byte[32]));
  }

  /**
   * Ed25519 public keys the project policy refuses (small order, non-canonical): the Ed25519
   * half is false whatever the signature, even a "signature" that a cofactorless verifier
   * without the small-order check accepts for every message (A = R = identity, S = 0); the
   * ML-DSA half still answers for itself.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "0100000000000000000000000000000000000000000000000000000000000000", // identity (order 1)
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
      "0000000000000000000000000000000000000000000000000000000000000080", // order 4
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p, not canonical
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"  // y = p + 1, not canonical
  })
  void theEd25519HalfUnderAKeyThePolicyRefusesIsFalse(String edPkHex) throws Exception {
    Algorithm a = Algorithm.MLDSA65_ED25519;
    Case c = newCase(a, 11);
    byte[] edPk = HexFormat.of().parseHex(edPkHex);
    assertTrue(Ed25519PublicKey.tryDecode(edPk).isEmpty(), "the policy refuses this key");
    byte[] pk = concat(c.mlPk(), edPk);
    byte[] lax = new byte[64];
    lax[0] = 1; // R = identity, S = 0: [S]B = R + [k]A holds for A of small order
    byte[] sig = concat(c.mlSig(), lax);
    ComponentVerdict v = CompositeFixtures.bc().verifyComponents(a, pk, c.message(), sig,
        c.context());
    assertEquals(ONLY_ML_DSA, v);
  }
}
