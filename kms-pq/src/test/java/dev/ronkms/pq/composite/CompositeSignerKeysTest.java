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
 * Composite keys and their parts: the randomiser per variant, the two Ed25519 signers giving
 * the same bytes, prepared keys (the Ed25519 public key derived once; the same signatures as
 * the seed), and the decoded Ed25519 half cached only for equal bytes. Cases and helpers come
 * from {@link CompositeSignerTest}.
 */
class CompositeSignerKeysTest {
  private static final ComponentVerdict BOTH = new ComponentVerdict(true, true);
  private static final ComponentVerdict ONLY_ML_DSA = new ComponentVerdict(true, false);

  private static byte[] bytes(java.util.Random r, int n) {
    return CompositeSignerTest.bytes(r, n);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments>
      signersAndAlgorithms() {
    return CompositeSignerTest.signersAndAlgorithms();
  }
  @Test
  void theRandomiserIsZeroForTheDeterministicVariantOnly() {
    assertArrayEquals(new byte[32],
        CompositeSigner.randomiser(SignatureVariant.DETERMINISTIC, new SecureRandom()));
    byte[] hedged = CompositeSigner.randomiser(SignatureVariant.HEDGED, new SecureRandom());
    assertEquals(32, hedged.length);
    assertFalse(Arrays.equals(new byte[32], hedged));
  }

  /**
   * Ed25519 is deterministic, so the composite's Ed25519 half is the same bytes whichever
   * library signs: Bouncy Castle's (both providers' signer; with the public key derived again
   * and with it given) and SunEC's (pq-jdk's signer before it moved to Bouncy Castle) agree on
   * every signature, so pq-jdk's composite signatures did not change.
   */
  @Test
  void bouncyCastleAndSunEcGiveIdenticalEd25519Signatures() throws Exception {
    Random r = new Random(12);
    Ed25519Signer bc = Ed25519Signer.bouncyCastle();
    for (int i = 0; i < 16; i++) {
      byte[] seed = bytes(r, 32);
      byte[] message = bytes(r, r.nextInt(200));
      byte[] expected = new byte[32];
      Ed25519.generatePublicKey(seed, 0, expected, 0);
      assertArrayEquals(expected, bc.publicKey(seed));
      byte[] sunEc = sunEcSign(seed, message);
      assertArrayEquals(sunEc, bc.sign(seed, message));
      assertArrayEquals(sunEc, bc.sign(seed, bc.publicKey(seed), message));
      assertTrue(Ed25519PublicKey.decode(expected).verify(message, sunEc));
    }
  }

  private static byte[] sunEcSign(byte[] seed, byte[] message) throws Exception {
    java.security.PrivateKey key = java.security.KeyFactory.getInstance("Ed25519", "SunEC")
        .generatePrivate(new java.security.spec.EdECPrivateKeySpec(
            java.security.spec.NamedParameterSpec.ED25519, seed));
    java.security.Signature signer = java.security.Signature.getInstance("Ed25519", "SunEC");
    signer.initSign(key);
    signer.update(message);
    return signer.sign();
  }

  /** Counts what a prepared key asks of its Ed25519 signer. */
  static final class CountingEd25519 implements Ed25519Signer {
    final Ed25519Signer bc = Ed25519Signer.bouncyCastle();
    int derivations;
    int signaturesWithKey;
    final List<byte[]> keysGiven = new ArrayList<>();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public byte[] publicKey(byte[] seed) throws Exception {
      derivations++;
      return bc.publicKey(seed);
    }

    @Override
    public byte[] sign(byte[] seed, byte[] message) throws Exception {
      throw new AssertionError("a prepared key derives the Ed25519 public key again");
    }

    @Override
    public byte[] sign(byte[] seed, byte[] publicKey, byte[] message) throws Exception {
      signaturesWithKey++;
      keysGiven.add(publicKey.clone());
      return bc.sign(seed, publicKey, message);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aPreparedKeyDerivesTheEd25519PublicKeyOnceAndGivesItToEverySignature(Algorithm a)
      throws Exception {
    CountingEd25519 ed = new CountingEd25519();
    CompositeSigner signer = new CompositeSigner(BcMlDsaLane.INSTANCE, ed);
    Random r = new Random(14 ^ a.ordinal());
    byte[] seed = bytes(r, 64);
    CompositeSigner.PreparedKey key = signer.prepare(a, seed);
    try {
      assertEquals(1, ed.derivations);
      byte[] pk = key.publicKey();
      byte[] edPk = Arrays.copyOfRange(pk, pk.length - 32, pk.length);
      for (int i = 0; i < 3; i++) {
        byte[] message = bytes(r, 40);
        assertArrayEquals(CompositeSigner.bouncyCastle().sign(a, seed, message, null,
            new byte[32]), key.sign(message, null, new byte[32]));
      }
      assertEquals(1, ed.derivations, "the public key is derived once, at prepare");
      assertEquals(3, ed.signaturesWithKey);
      for (byte[] given : ed.keysGiven) {
        assertArrayEquals(edPk, given);
      }
    } finally {
      key.destroy();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void theEd25519HalfIsDecodedOncePerKeyContentAndOnlyEqualBytesShareIt(Algorithm a)
      throws Exception {
    CompositeSigner signer = new CompositeSigner(BcMlDsaLane.INSTANCE,
        Ed25519Signer.bouncyCastle());
    Random r = new Random(15 ^ a.ordinal());
    byte[] seed = bytes(r, 64);
    byte[] message = bytes(r, 50);
    byte[] pk = signer.publicKey(a, seed);
    byte[] sig = signer.sign(a, seed, message, null, new byte[32]);
    for (int i = 0; i < 3; i++) {
      assertEquals(BOTH, signer.verifyComponents(a, pk.clone(), message, sig, null));
    }
    assertEquals(1, signer.cachedEd25519Keys(), "one entry per key content");
    // another valid Ed25519 key (same ML-DSA half): the cached key must not answer for it
    byte[] otherSeed = seed.clone();
    otherSeed[40] ^= 1;
    byte[] other = signer.publicKey(a, otherSeed);
    assertEquals(ONLY_ML_DSA, signer.verifyComponents(a, other, message, sig, null));
    assertEquals(2, signer.cachedEd25519Keys());
    assertEquals(BOTH, signer.verifyComponents(a, pk, message, sig, null));
    // one flipped bit of the Ed25519 half: refused or a different key, never the cached one
    for (int bit = 0; bit < 8; bit++) {
      byte[] flipped = pk.clone();
      flipped[pk.length - 32] ^= (byte) (1 << bit);
      assertEquals(ONLY_ML_DSA, signer.verifyComponents(a, flipped, message, sig, null));
    }
    // a refused encoding is not cached (the y coordinate p, non-canonical)
    int before = signer.cachedEd25519Keys();
    byte[] refused = pk.clone();
    Arrays.fill(refused, pk.length - 32, pk.length, (byte) 0xff);
    refused[pk.length - 1] = 0x7f;
    assertEquals(ONLY_ML_DSA, signer.verifyComponents(a, refused, message, sig, null));
    assertEquals(before, signer.cachedEd25519Keys());
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("signersAndAlgorithms")
  void aPreparedKeySignsAsTheSeedDoes(CompositeSigner signer, Algorithm a) throws Exception {
    Random r = new Random(13 ^ a.ordinal());
    byte[] seed = bytes(r, 64);
    CompositeSigner.PreparedKey key = signer.prepare(a, seed);
    try {
      assertArrayEquals(signer.publicKey(a, seed), key.publicKey());
      for (int i = 0; i < 3; i++) {
        byte[] message = bytes(r, r.nextInt(100));
        byte[] ctx = bytes(r, r.nextInt(30));
        assertArrayEquals(signer.sign(a, seed, message, ctx, new byte[32]),
            key.sign(message, ctx, new byte[32]));
        byte[] hedged = key.sign(message, ctx, bytes(r, 32));
        assertEquals(BOTH, signer.verifyComponents(a, key.publicKey(), message, hedged, ctx));
      }
      assertThrows(IllegalArgumentException.class,
          () -> key.sign(new byte[1], new byte[256], new byte[32]));
      assertThrows(IllegalArgumentException.class,
          () -> key.sign(new byte[1], null, new byte[16]));
    } finally {
      key.destroy();
    }
  }
}
