package dev.ronkms.pq.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@link CompositeSigner} does with the component libraries, seen through recording ones
 * (Bouncy Castle underneath): the copies of the two seed halves it hands them are zeroised when
 * the call returns (the caller's seed is left alone), a prepared key keeps its Ed25519 seed until
 * {@code destroy} and then zeroises it and destroys the ML-DSA key, a failed preparation leaves
 * nothing behind, a component of the wrong length is refused, a throwing ML-DSA verification
 * fails that half only, and seeds of the wrong length never reach a library.
 */
class CompositeSignerHygieneTest {

  /** Bouncy Castle's ML-DSA lane, recording every seed array it is handed. */
  static final class RecordingLane implements MlDsaLane {
    final List<byte[]> seeds = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    int trimPublicKey;
    int trimSignature;
    boolean throwOnVerify;

    @Override
    public String name() {
      return "rec";
    }

    @Override
    public byte[] publicKey(Algorithm algorithm, byte[] xi) throws Exception {
      seeds.add(xi);
      byte[] pk = BcMlDsaLane.INSTANCE.publicKey(algorithm, xi);
      return Arrays.copyOf(pk, pk.length - trimPublicKey);
    }

    @Override
    public byte[] sign(Algorithm algorithm, byte[] xi, byte[] message, byte[] context,
        byte[] rnd) throws Exception {
      seeds.add(xi);
      byte[] sig = BcMlDsaLane.INSTANCE.sign(algorithm, xi, message, context, rnd);
      return Arrays.copyOf(sig, sig.length - trimSignature);
    }

    @Override
    public PreparedKey prepare(Algorithm algorithm, byte[] xi) throws Exception {
      seeds.add(xi);
      PreparedKey inner = BcMlDsaLane.INSTANCE.prepare(algorithm, xi);
      return new PreparedKey() {
        @Override
        public byte[] publicKey() {
          return inner.publicKey();
        }

        @Override
        public byte[] sign(byte[] message, byte[] context, byte[] rnd) throws Exception {
          byte[] sig = inner.sign(message, context, rnd);
          return Arrays.copyOf(sig, sig.length - trimSignature);
        }

        @Override
        public void destroy() {
          events.add("ml-dsa destroyed");
          inner.destroy();
        }
      };
    }

    @Override
    public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
        byte[] context, byte[] signature) throws Exception {
      if (throwOnVerify) {
        throw new IllegalStateException("library bug");
      }
      return BcMlDsaLane.INSTANCE.verify(algorithm, publicKey, message, context, signature);
    }
  }

  /** Bouncy Castle's Ed25519, recording every seed array it is handed. */
  static final class RecordingEd25519 implements Ed25519Signer {
    final List<byte[]> seeds = new ArrayList<>();
    int trimPublicKey;
    int trimSignature;
    boolean throwOnPublicKey;

    @Override
    public String name() {
      return "rec";
    }

    @Override
    public byte[] publicKey(byte[] seed) throws Exception {
      seeds.add(seed);
      if (throwOnPublicKey) {
        throw new java.security.GeneralSecurityException("no Ed25519 here");
      }
      byte[] pk = Ed25519Signer.bouncyCastle().publicKey(seed);
      return Arrays.copyOf(pk, pk.length - trimPublicKey);
    }

    @Override
    public byte[] sign(byte[] seed, byte[] message) throws Exception {
      seeds.add(seed);
      byte[] sig = Ed25519Signer.bouncyCastle().sign(seed, message);
      return Arrays.copyOf(sig, sig.length - trimSignature);
    }
  }

  private final RecordingLane lane = new RecordingLane();
  private final RecordingEd25519 ed = new RecordingEd25519();
  private final CompositeSigner signer = new CompositeSigner(lane, ed);

  static byte[] seed(Algorithm a) {
    byte[] s = new byte[64];
    new Random(a.ordinal() * 31L + 1).nextBytes(s);
    return s;
  }

  static void assertZeroised(List<byte[]> arrays, byte[] callerSeed, String what) {
    assertFalse(arrays.isEmpty(), what + ": the library was called");
    for (byte[] a : arrays) {
      assertEquals(32, a.length, what);
      assertArrayEquals(new byte[32], a, what + ": a seed copy is left in memory");
      assertFalse(a == callerSeed, what + ": the caller's own array was handed out");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void publicKeyAndSignZeroiseTheirSeedCopiesAndLeaveTheCallersSeed(Algorithm a)
      throws Exception {
    byte[] seed = seed(a);
    byte[] original = seed.clone();
    CompositeSigner bc = CompositeSigner.bouncyCastle();
    assertArrayEquals(bc.publicKey(a, seed), signer.publicKey(a, seed));
    assertZeroised(lane.seeds, seed, "ML-DSA seed after publicKey");
    assertZeroised(ed.seeds, seed, "Ed25519 seed after publicKey");
    lane.seeds.clear();
    ed.seeds.clear();
    byte[] m = {1, 2, 3};
    assertArrayEquals(bc.sign(a, seed, m, null, new byte[32]),
        signer.sign(a, seed, m, null, new byte[32]));
    assertZeroised(lane.seeds, seed, "ML-DSA seed after sign");
    assertZeroised(ed.seeds, seed, "Ed25519 seed after sign");
    assertArrayEquals(original, seed, "the caller's seed is not touched");
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aPreparedKeyKeepsItsEd25519SeedUntilDestroyed(Algorithm a) throws Exception {
    byte[] seed = seed(a);
    CompositeSigner.PreparedKey key = signer.prepare(a, seed);
    assertZeroised(lane.seeds, seed, "ML-DSA seed after prepare (the lane keeps its own)");
    assertEquals(1, ed.seeds.size());
    byte[] kept = ed.seeds.get(0);
    assertArrayEquals(Arrays.copyOfRange(seed, 32, 64), kept, "the Ed25519 seed is kept");
    byte[] m = {4};
    byte[] sig = key.sign(m, null, new byte[32]);
    assertArrayEquals(CompositeSigner.bouncyCastle().sign(a, seed, m, null, new byte[32]), sig);
    assertSame(kept, ed.seeds.get(1), "signing uses the kept copy");
    assertTrue(lane.events.isEmpty());
    key.destroy();
    assertEquals(List.of("ml-dsa destroyed"), lane.events);
    assertArrayEquals(new byte[32], kept, "destroy zeroises the Ed25519 seed");
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aFailedPreparationDestroysWhatItPrepared(Algorithm a) {
    ed.throwOnPublicKey = true;
    byte[] seed = seed(a);
    assertThrows(java.security.GeneralSecurityException.class, () -> signer.prepare(a, seed));
    assertEquals(List.of("ml-dsa destroyed"), lane.events, "the ML-DSA key is destroyed");
    assertZeroised(lane.seeds, seed, "ML-DSA seed");
    assertZeroised(ed.seeds, seed, "Ed25519 seed");
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aComponentOfTheWrongLengthIsRefused(Algorithm a) throws Exception {
    byte[] seed = seed(a);
    byte[] m = {5};
    lane.trimPublicKey = 1;
    assertThrows(IllegalStateException.class, () -> signer.publicKey(a, seed), "ML-DSA pk");
    lane.trimPublicKey = 0;
    ed.trimPublicKey = 1;
    assertThrows(IllegalStateException.class, () -> signer.publicKey(a, seed), "Ed25519 pk");
    ed.trimPublicKey = 0;
    CompositeSigner.PreparedKey key = signer.prepare(a, seed);
    lane.trimSignature = 1;
    assertThrows(IllegalStateException.class, () -> signer.sign(a, seed, m, null,
        new byte[32]), "ML-DSA signature");
    assertThrows(IllegalStateException.class, () -> key.sign(m, null, new byte[32]),
        "ML-DSA signature, prepared");
    lane.trimSignature = 0;
    ed.trimSignature = 1;
    assertThrows(IllegalStateException.class, () -> signer.sign(a, seed, m, null,
        new byte[32]), "Ed25519 signature");
    assertThrows(IllegalStateException.class, () -> key.sign(m, null, new byte[32]),
        "Ed25519 signature, prepared");
    ed.trimSignature = 0;
    assertEquals(new ComponentVerdict(true, true), signer.verifyComponents(a,
        signer.publicKey(a, seed), m, key.sign(m, null, new byte[32]), null));
    key.destroy();
  }

  /** Both halves are always checked: a throwing ML-DSA library fails its half only. */
  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aThrowingMlDsaVerificationFailsThatHalfAndTheEd25519HalfIsStillChecked(Algorithm a)
      throws Exception {
    byte[] seed = seed(a);
    byte[] m = {6};
    byte[] pk = signer.publicKey(a, seed);
    byte[] sig = signer.sign(a, seed, m, null, new byte[32]);
    lane.throwOnVerify = true;
    assertEquals(new ComponentVerdict(false, true), signer.verifyComponents(a, pk, m, sig, null));
    byte[] badEd = sig.clone();
    badEd[sig.length - 40] ^= 1;
    assertEquals(ComponentVerdict.NEITHER, signer.verifyComponents(a, pk, m, badEd, null));
    assertFalse(signer.verify(a, pk, m, sig, null));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"MLDSA44_ED25519", "MLDSA65_ED25519"})
  void aSeedOfTheWrongLengthNeverReachesALibrary(Algorithm a) {
    for (int n : new int[] {0, 32, 63, 65, 96}) {
      byte[] s = new byte[n];
      assertThrows(IllegalArgumentException.class, () -> signer.prepare(a, s), "prepare " + n);
      assertThrows(IllegalArgumentException.class, () -> signer.publicKey(a, s), "pk " + n);
      assertThrows(IllegalArgumentException.class,
          () -> signer.sign(a, s, new byte[1], null, new byte[32]), "sign " + n);
    }
    assertThrows(IllegalArgumentException.class, () -> signer.prepare(a, null));
    assertTrue(lane.seeds.isEmpty(), "no ML-DSA call");
    assertTrue(ed.seeds.isEmpty(), "no Ed25519 call");
  }
}
