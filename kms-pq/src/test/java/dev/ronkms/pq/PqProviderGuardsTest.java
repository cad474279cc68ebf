package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.composite.CompositeSigner;
import dev.ronkms.pq.composite.Ed25519Signer;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.BcMlKemLane;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.PrivateKeyHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The guards of {@link PqProvider} that the lane-parity tests do not reach: null arguments give
 * their documented code (not a {@code NullPointerException}), a provider refuses algorithms it
 * does not serve even when the bytes are valid, a composite signature with either half broken
 * does not verify, a library that throws is "not verified", and the per-handle prepared keys stay
 * bounded and right when evicted. Bouncy Castle lanes only (the JDK lane is covered by
 * {@code LaneParityTest}).
 */
class PqProviderGuardsTest {
  private static final Random SEEDS = new Random(20261130);

  static byte[] seed(int n) {
    byte[] b = new byte[n];
    synchronized (SEEDS) {
      SEEDS.nextBytes(b);
    }
    return b;
  }

  /** A provider serving only {@code served} on the Bouncy Castle lanes. */
  static PqProvider restricted(Set<Algorithm> served, MlDsaLane dsa) {
    return new PqProvider("pq-restricted", 1, served, dsa, BcMlKemLane.INSTANCE,
        new CompositeSigner(dsa, Ed25519Signer.bouncyCastle())) { };
  }

  /** Bouncy Castle's ML-DSA lane whose verification throws {@code failure}. */
  static MlDsaLane throwingVerify(Throwable failure) {
    return new ForwardingMlDsaLane("throwing") {
      @Override
      public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
          byte[] context, byte[] signature) throws Exception {
        if (failure instanceof Exception e) {
          throw e;
        }
        throw (Error) failure;
      }
    };
  }

  @Test
  void servedAddsEachCompositeOnlyWithItsMlDsaSet() {
    assertEquals(EnumSet.of(Algorithm.ML_DSA_44, Algorithm.MLDSA44_ED25519),
        PqProvider.served(Set.of(Algorithm.ML_DSA_44), Set.of()));
    assertEquals(EnumSet.of(Algorithm.ML_DSA_65, Algorithm.ML_KEM_768, Algorithm.MLDSA65_ED25519),
        PqProvider.served(Set.of(Algorithm.ML_DSA_65), Set.of(Algorithm.ML_KEM_768)));
    assertEquals(EnumSet.of(Algorithm.ML_DSA_87, Algorithm.ML_KEM_512),
        PqProvider.served(Set.of(Algorithm.ML_DSA_87), Set.of(Algorithm.ML_KEM_512)));
    assertEquals(EnumSet.of(Algorithm.ML_KEM_1024),
        PqProvider.served(Set.of(), Set.of(Algorithm.ML_KEM_1024)));
    assertTrue(PqProvider.served(Set.of(), Set.of()).isEmpty());
  }

  @Test
  void theProviderRunsOnTheLanesItWasGiven() {
    PqProvider p = new BcPqProvider();
    assertSame(BcMlDsaLane.INSTANCE, p.mlDsaLane());
    assertSame(BcMlKemLane.INSTANCE, p.mlKemLane());
  }

  @Test
  void nullArgumentsGiveTheirCodeNotANullPointerException() {
    PqProvider p = new BcPqProvider();
    KmsException alg = PqTestSupport.refused(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> p.encapsulate(null, new byte[800]), "encapsulate to a null algorithm");
    assertTrue(alg.getMessage().endsWith("does not encapsulate null"), alg.getMessage());
    KmsException key = PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
        () -> p.encapsulate(Algorithm.ML_KEM_512, null), "encapsulate to a null key");
    assertTrue(key.getMessage().endsWith("800 bytes, got null"), key.getMessage());
    assertEquals(ComponentVerdict.NEITHER, p.verifyComponents(null, new byte[1], new byte[1],
        new byte[1], null));
    assertFalse(p.verify(null, new byte[1], new byte[1], new byte[1], null));
  }

  @Test
  void aNullContextIsTheEmptyContext() {
    PqProvider p = new BcPqProvider();
    byte[] m = {1, 2, 3};
    for (Algorithm a : List.of(Algorithm.ML_DSA_44, Algorithm.MLDSA44_ED25519)) {
      try (PrivateKeyHandle k = p.importPrivateKey(a, seed(a.seedLength()))) {
        byte[] sig = p.sign(k, m);
        assertTrue(p.verify(a, k.publicKey(), m, sig, null), a.id());
        assertTrue(p.verify(a, k.publicKey(), m, sig, new byte[0]), a.id());
        assertFalse(p.verify(a, k.publicKey(), m, sig, new byte[] {0}), a.id());
      }
    }
  }

  @Test
  void aContextOfExactly255BytesSignsAndVerifies() {
    PqProvider p = new BcPqProvider();
    byte[] ctx = seed(255);
    byte[] m = {9};
    try (PrivateKeyHandle k = p.importPrivateKey(Algorithm.ML_DSA_44, seed(32))) {
      byte[] sig = p.sign(k, m, dev.ronkms.spi.SigningParameters.of(Algorithm.ML_DSA_44, ctx,
          dev.ronkms.keys.SignatureVariant.DETERMINISTIC));
      assertTrue(p.verify(Algorithm.ML_DSA_44, k.publicKey(), m, sig, ctx));
      assertFalse(p.verify(Algorithm.ML_DSA_44, k.publicKey(), m, sig, Arrays.copyOf(ctx, 256)));
    }
  }

  /** REQUIRE at the provider: {@code verify} is true only when both halves verify. */
  @Test
  void aCompositeSignatureWithEitherHalfBrokenDoesNotVerify() {
    PqProvider p = new BcPqProvider();
    Random r = new Random(5);
    for (Algorithm a : List.of(Algorithm.MLDSA44_ED25519, Algorithm.MLDSA65_ED25519)) {
      int mlSig = a == Algorithm.MLDSA44_ED25519 ? 2420 : 3309;
      try (PrivateKeyHandle k = p.importPrivateKey(a, seed(64))) {
        byte[] pk = k.publicKey();
        byte[] m = seed(40);
        byte[] sig = p.sign(k, m);
        assertTrue(p.verify(a, pk, m, sig));
        assertEquals(new ComponentVerdict(true, true),
            p.verifyComponents(a, pk, m, sig, null));
        for (int t = 0; t < 6; t++) {
          byte[] badMl = sig.clone();
          badMl[r.nextInt(mlSig)] ^= (byte) (1 << r.nextInt(8));
          assertFalse(p.verify(a, pk, m, badMl), "ML-DSA half broken");
          byte[] badEd = sig.clone();
          badEd[mlSig + r.nextInt(64)] ^= (byte) (1 << r.nextInt(8));
          assertFalse(p.verify(a, pk, m, badEd), "Ed25519 half broken");
        }
        assertFalse(p.verify(a, pk, new byte[] {1}, sig), "another message");
        assertFalse(p.verify(a, pk, m, sig, new byte[] {1}), "another context");
        assertFalse(p.verify(a, pk, m, Arrays.copyOf(sig, sig.length - 1)), "short");
      }
    }
  }

  @Test
  void aProviderRefusesValidInputForAnAlgorithmItDoesNotServe() {
    PqProvider full = new BcPqProvider();
    PqProvider only65 = restricted(PqProvider.served(Set.of(Algorithm.ML_DSA_65),
        Set.of(Algorithm.ML_KEM_768)), BcMlDsaLane.INSTANCE);
    byte[] m = {4, 5};
    for (Algorithm a : List.of(Algorithm.ML_DSA_44, Algorithm.MLDSA44_ED25519)) {
      try (PrivateKeyHandle k = full.importPrivateKey(a, seed(a.seedLength()))) {
        byte[] sig = full.sign(k, m);
        assertTrue(full.verify(a, k.publicKey(), m, sig), a.id());
        assertFalse(only65.verify(a, k.publicKey(), m, sig), a.id() + " is not served");
        assertEquals(ComponentVerdict.NEITHER,
            only65.verifyComponents(a, k.publicKey(), m, sig, null), a.id());
      }
    }
    try (PrivateKeyHandle k = full.importPrivateKey(Algorithm.ML_KEM_512, seed(64))) {
      PqTestSupport.refused(ErrorCode.UNSUPPORTED_ALGORITHM,
          () -> only65.encapsulate(Algorithm.ML_KEM_512, k.publicKey()), "ML-KEM-512");
    }
    try (PrivateKeyHandle k = only65.importPrivateKey(Algorithm.MLDSA65_ED25519, seed(64))) {
      byte[] sig = only65.sign(k, m);
      assertTrue(only65.verify(Algorithm.MLDSA65_ED25519, k.publicKey(), m, sig), "served");
    }
  }

  @Test
  void aKemKeyDoesNotSignAndASignatureKeyDoesNotDecapsulate() {
    PqProvider p = new BcPqProvider();
    try (PrivateKeyHandle kem = p.importPrivateKey(Algorithm.ML_KEM_768, seed(64));
        PrivateKeyHandle dsa = p.importPrivateKey(Algorithm.ML_DSA_65, seed(32));
        PrivateKeyHandle comp = p.importPrivateKey(Algorithm.MLDSA65_ED25519, seed(64))) {
      KmsException e = PqTestSupport.refused(ErrorCode.UNSUPPORTED_OPERATION,
          () -> p.sign(kem, new byte[1]), "sign with ML-KEM");
      assertTrue(e.getMessage().contains("ml-kem-768 key does not sign"), e.getMessage());
      for (PrivateKeyHandle h : List.of(dsa, comp)) {
        PqTestSupport.refused(ErrorCode.UNSUPPORTED_OPERATION,
            () -> p.decapsulate(h, new byte[h.algorithm().outputLength()]),
            "decapsulate with " + h.algorithm().id());
        PqTestSupport.refused(ErrorCode.UNSUPPORTED_OPERATION,
            () -> p.decapsulate(h, new byte[1088]), "decapsulate with " + h.algorithm().id());
      }
    }
  }

  @Test
  void theFourArgumentSignIsDeterministicWithoutContext() throws Exception {
    PqProvider p = new BcPqProvider();
    byte[] xi = seed(32);
    byte[] m = {7, 7};
    try (PrivateKeyHandle k = p.importPrivateKey(Algorithm.ML_DSA_65, xi)) {
      byte[] expected = BcMlDsaLane.INSTANCE.sign(Algorithm.ML_DSA_65, xi, m, new byte[0],
          new byte[32]);
      assertArrayEquals(expected, p.signWithSeed(Algorithm.ML_DSA_65, xi, k.publicKey(), m));
      assertArrayEquals(expected, p.sign(k, m));
    }
  }

  /** "Anything the library throws gives false": an exception, and a linkage error too. */
  @Test
  void aLibraryThatThrowsHasNotVerified() {
    PqProvider good = new BcPqProvider();
    byte[] m = {3};
    for (Throwable failure : List.of(new IllegalStateException("library bug"),
        new NoClassDefFoundError("org/bouncycastle/Missing"))) {
      PqProvider p = restricted(good.algorithms(), throwingVerify(failure));
      for (Algorithm a : List.of(Algorithm.ML_DSA_44, Algorithm.MLDSA44_ED25519)) {
        try (PrivateKeyHandle k = good.importPrivateKey(a, seed(a.seedLength()))) {
          byte[] sig = good.sign(k, m);
          assertFalse(p.verify(a, k.publicKey(), m, sig), a.id() + ", " + failure);
        }
      }
      try (PrivateKeyHandle k = good.importPrivateKey(Algorithm.MLDSA65_ED25519, seed(64))) {
        byte[] sig = good.sign(k, m);
        ComponentVerdict v = p.verifyComponents(Algorithm.MLDSA65_ED25519, k.publicKey(), m,
            sig, null);
        // an exception fails the ML-DSA half only; an error escapes the signer: neither
        assertEquals(failure instanceof Exception ? new ComponentVerdict(false, true)
            : ComponentVerdict.NEITHER, v, failure.toString());
      }
    }
  }

  /**
   * More handles than the cache holds: the cache stays at its bound for each kind of key, an
   * evicted handle's key is prepared again and still gives the right answers, and closing every
   * handle empties the cache.
   */
  @Test
  void evictedPreparedKeysArePreparedAgainAndTheCacheStaysBounded() throws Exception {
    PqProvider p = new BcPqProvider();
    List<PrivateKeyHandle> handles = new ArrayList<>();
    try {
      byte[] xi = seed(32);
      byte[] dz = seed(64);
      byte[] cs = seed(64);
      PrivateKeyHandle dsa = p.importPrivateKey(Algorithm.ML_DSA_44, xi);
      PrivateKeyHandle kem = p.importPrivateKey(Algorithm.ML_KEM_512, dz);
      PrivateKeyHandle comp = p.importPrivateKey(Algorithm.MLDSA44_ED25519, cs);
      handles.addAll(List.of(dsa, kem, comp));
      for (int i = 0; i < PreparedKeys.CAPACITY; i++) {
        handles.add(p.importPrivateKey(Algorithm.ML_DSA_44, seed(32)));
        handles.add(p.importPrivateKey(Algorithm.ML_KEM_512, seed(64)));
        handles.add(p.importPrivateKey(Algorithm.MLDSA44_ED25519, seed(64)));
      }
      assertEquals(3 * PreparedKeys.CAPACITY, p.preparedKeys(), "each cache at its bound");
      byte[] m = {1, 2};
      assertArrayEquals(BcMlDsaLane.INSTANCE.sign(Algorithm.ML_DSA_44, xi, m, new byte[0],
          new byte[32]), p.sign(dsa, m), "an evicted ML-DSA key signs as its seed");
      assertArrayEquals(CompositeSigner.bouncyCastle().sign(Algorithm.MLDSA44_ED25519, cs, m,
          null, new byte[32]), p.sign(comp, m), "an evicted composite key signs as its seed");
      try (Encapsulation e = p.encapsulate(Algorithm.ML_KEM_512, kem.publicKey())) {
        assertArrayEquals(e.sharedSecret(), p.decapsulate(kem, e.ciphertext()),
            "an evicted ML-KEM key decapsulates");
      }
      assertEquals(3 * PreparedKeys.CAPACITY, p.preparedKeys(), "still bounded");
    } finally {
      handles.forEach(PrivateKeyHandle::close);
    }
    assertEquals(0, p.preparedKeys(), "closing every handle empties the cache");
  }

  /**
   * "Nothing reaches a library unchecked": a public key, signature or context of the wrong
   * length is answered false before the ML-DSA lane is asked (a lane may assume well-formed
   * input), for plain ML-DSA and for both halves of a composite.
   */
  @Test
  void malformedVerificationInputNeverReachesTheLane() {
    int[] calls = {0};
    MlDsaLane counting = new ForwardingMlDsaLane("counting") {
      @Override
      public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
          byte[] context, byte[] signature) throws Exception {
        calls[0]++;
        return BcMlDsaLane.INSTANCE.verify(algorithm, publicKey, message, context, signature);
      }
    };
    PqProvider p = restricted(new BcPqProvider().algorithms(), counting);
    byte[] m = {8};
    for (Algorithm a : List.of(Algorithm.ML_DSA_44, Algorithm.MLDSA44_ED25519)) {
      try (PrivateKeyHandle k = p.importPrivateKey(a, seed(a.seedLength()))) {
        byte[] pk = k.publicKey();
        byte[] sig = p.sign(k, m);
        calls[0] = 0;
        assertFalse(p.verify(a, pk, m, sig, new byte[256]), "context of 256");
        assertFalse(p.verify(a, Arrays.copyOf(pk, pk.length + 1), m, sig), "long key");
        assertFalse(p.verify(a, Arrays.copyOf(pk, pk.length - 1), m, sig), "short key");
        assertFalse(p.verify(a, pk, m, Arrays.copyOf(sig, sig.length + 1)), "long signature");
        assertFalse(p.verify(a, pk, m, Arrays.copyOf(sig, sig.length - 1)), "short signature");
        assertFalse(p.verify(a, pk, null, sig), "null message");
        assertEquals(0, calls[0], a.id() + ": the lane saw malformed input");
        assertTrue(p.verify(a, pk, m, sig, new byte[0]));
        assertEquals(1, calls[0], a.id() + ": well-formed input reaches the lane once");
      }
    }
  }

  @Test
  void anEncapsulationKeyOfTheWrongLengthIsRefusedForItsLength() {
    PqProvider p = new BcPqProvider();
    for (Algorithm a : List.of(Algorithm.ML_KEM_512, Algorithm.ML_KEM_768,
        Algorithm.ML_KEM_1024)) {
      int n = a.publicKeyLength();
      for (int len : new int[] {0, n - 1, n + 1}) {
        KmsException e = PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
            () -> p.encapsulate(a, new byte[len]), a.id() + " key of " + len);
        assertTrue(e.getMessage().endsWith(n + " bytes, got " + len + " bytes"),
            e.getMessage());
      }
    }
  }
}
