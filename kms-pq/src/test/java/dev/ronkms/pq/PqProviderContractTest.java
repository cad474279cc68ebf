package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.pq.composite.CompositeSigner;
import dev.ronkms.pq.composite.Ed25519Signer;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.BcMlKemLane;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.SigningParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The provider contract for pq-bc and pq-jdk (the JDK one on JDK 24+ only). */
class PqProviderContractTest {
  private static final byte[] XI = new byte[32];
  private static final byte[] DZ = new byte[64];

  static {
    for (int i = 0; i < 64; i++) {
      if (i < 32) {
        XI[i] = (byte) (3 * i + 1);
      }
      DZ[i] = (byte) (5 * i + 2);
    }
  }

  static List<String> providers() {
    return PqTestSupport.providers();
  }

  /** A third provider on the same lanes, under another name and class. */
  static final class OtherProvider extends PqProvider {
    OtherProvider() {
      super("pq-other", 1, served(ML_DSA, ML_KEM), BcMlDsaLane.INSTANCE, BcMlKemLane.INSTANCE,
          new CompositeSigner(BcMlDsaLane.INSTANCE, Ed25519Signer.bouncyCastle()));
    }
  }

  /** Bouncy Castle's ML-DSA lane, counting the keys it prepares. */
  static final class CountingLane extends ForwardingMlDsaLane {
    final java.util.concurrent.atomic.AtomicInteger prepared =
        new java.util.concurrent.atomic.AtomicInteger();

    CountingLane() {
      super("counting");
    }

    @Override
    public byte[] sign(Algorithm algorithm, byte[] xi, byte[] message, byte[] context,
        byte[] rnd) throws Exception {
      throw new AssertionError("signed without a prepared key");
    }

    @Override
    public PreparedKey prepare(Algorithm algorithm, byte[] xi) throws Exception {
      prepared.incrementAndGet();
      return super.prepare(algorithm, xi);
    }
  }

  @Test
  void aCompositeKeyIsPreparedOncePerHandleAndAgainOnlyForANewHandle() {
    CountingLane lane = new CountingLane();
    PqProvider p = new PqProvider("pq-counting", 1,
        PqProvider.served(PqProvider.ML_DSA, PqProvider.ML_KEM), lane,
        BcMlKemLane.INSTANCE, new CompositeSigner(lane, Ed25519Signer.bouncyCastle())) {};
    PrivateKeyHandle composite = p.importPrivateKey(Algorithm.MLDSA65_ED25519, DZ);
    assertEquals(1, lane.prepared.get(), "prepared when the handle is bound");
    for (int i = 0; i < 4; i++) {
      byte[] message = {(byte) i};
      byte[] signature = p.sign(composite, message);
      assertTrue(p.verify(Algorithm.MLDSA65_ED25519, composite.publicKey(), message, signature));
    }
    assertEquals(1, lane.prepared.get(), "every signature reuses the handle's prepared key");
    composite.close();
    PrivateKeyHandle again = p.importPrivateKey(Algorithm.MLDSA65_ED25519, DZ);
    p.sign(again, new byte[] {9});
    assertEquals(2, lane.prepared.get());
    again.close();
  }

  /** A sealer that only frames the bytes (the provider contract, not confidentiality). */
  static final class FramingSealer implements Sealer {
    @Override
    public String algorithm() {
      return "test";
    }

    @Override
    public String keyReference() {
      return "test";
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
      return plaintext.clone();
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
      return sealed.clone();
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void servesEveryPqAlgorithmAndNamesTheOtherLane(String name) {
    PqProvider p = PqTestSupport.provider(name);
    assertEquals(Set.copyOf(PqTestSupport.PQ), p.algorithms());
    assertEquals(Set.of(name.equals(PqTestSupport.BC) ? PqTestSupport.JDK : PqTestSupport.BC),
        p.holdsKeysOf());
  }

  @Test
  void discoverySkipsTheJdkProviderCleanlyWhereTheJdkLacksPq() {
    Set<String> sig = Providers.discover(SignatureProvider.class,
        getClass().getClassLoader()).stream().map(SignatureProvider::name)
        .collect(Collectors.toSet());
    Set<String> kem = Providers.discover(KemProvider.class, getClass().getClassLoader())
        .stream().map(KemProvider::name).collect(Collectors.toSet());
    assertTrue(sig.contains(PqTestSupport.BC), sig.toString());
    assertTrue(kem.contains(PqTestSupport.BC), kem.toString());
    assertEquals(JdkPqProvider.available(), sig.contains(PqTestSupport.JDK), sig.toString());
    assertEquals(JdkPqProvider.available(), kem.contains(PqTestSupport.JDK), kem.toString());
    if (!JdkPqProvider.available()) {
      assertThrows(IllegalStateException.class, JdkPqProvider::new);
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aForeignHandleIsProviderMismatch(String name) {
    PqProvider p = PqTestSupport.provider(name);
    try (PrivateKeyHandle dsa = new OtherProvider().importPrivateKey(Algorithm.ML_DSA_65, XI);
        PrivateKeyHandle kem = new OtherProvider().importPrivateKey(Algorithm.ML_KEM_768, DZ)) {
      PqTestSupport.refused(ErrorCode.PROVIDER_MISMATCH, () -> p.sign(dsa, new byte[1]),
          "sign with a foreign handle");
      PqTestSupport.refused(ErrorCode.PROVIDER_MISMATCH,
          () -> p.decapsulate(kem, new byte[Algorithm.ML_KEM_768.outputLength()]),
          "decapsulate with a foreign handle");
      PqTestSupport.refused(ErrorCode.PROVIDER_MISMATCH,
          () -> p.sealPrivateKey(dsa, new FramingSealer(), new byte[0]), "seal a foreign handle");
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void aClosedHandleIsDestroyedAndItsPreparedKeyDropped(String name) {
    PqProvider p = PqTestSupport.provider(name);
    PrivateKeyHandle dsa = p.importPrivateKey(Algorithm.ML_DSA_44, XI);
    PrivateKeyHandle kem = p.importPrivateKey(Algorithm.ML_KEM_512, DZ);
    PrivateKeyHandle composite = p.importPrivateKey(Algorithm.MLDSA44_ED25519, DZ);
    assertEquals(3, p.preparedKeys());
    p.sign(dsa, new byte[] {1});
    p.sign(dsa, new byte[] {2});
    byte[] cs = p.sign(composite, new byte[] {3});
    assertTrue(p.verify(Algorithm.MLDSA44_ED25519, composite.publicKey(), new byte[] {3}, cs));
    assertEquals(3, p.preparedKeys(), "one prepared key per handle, reused");
    dsa.close();
    kem.close();
    composite.close();
    assertEquals(0, p.preparedKeys(), "closing drops the prepared keys");
    assertTrue(dsa.isDestroyed());
    PqTestSupport.refused(ErrorCode.VERSION_DESTROYED, () -> p.sign(dsa, new byte[1]),
        "sign after close");
    PqTestSupport.refused(ErrorCode.VERSION_DESTROYED,
        () -> p.decapsulate(kem, new byte[Algorithm.ML_KEM_512.outputLength()]),
        "decapsulate after close");
  }

  @Test
  void thePreparedKeyCacheIsBounded() throws Exception {
    PreparedKeys<String> keys = new PreparedKeys<>(s -> { });
    for (int i = 0; i < PreparedKeys.CAPACITY + 100; i++) {
      keys.get(new byte[1], s -> "k");
    }
    assertEquals(PreparedKeys.CAPACITY, keys.size());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void signingHonoursContextAndVariant(String name) {
    PqProvider p = PqTestSupport.provider(name);
    byte[] msg = "message".getBytes();
    byte[] ctx = "context".getBytes();
    try (PrivateKeyHandle key = p.importPrivateKey(Algorithm.ML_DSA_65, XI)) {
      byte[] pk = key.publicKey();
      SigningParameters det = SigningParameters.of(Algorithm.ML_DSA_65, ctx,
          SignatureVariant.DETERMINISTIC);
      SigningParameters hedged = SigningParameters.of(Algorithm.ML_DSA_65, ctx,
          SignatureVariant.HEDGED);
      byte[] d1 = p.sign(key, msg, det);
      assertArrayEquals(d1, p.sign(key, msg, det), "deterministic");
      byte[] h1 = p.sign(key, msg, hedged);
      byte[] h2 = p.sign(key, msg, hedged);
      assertFalse(Arrays.equals(h1, h2), "hedged signatures differ");
      for (byte[] s : List.of(d1, h1, h2)) {
        assertTrue(p.verify(Algorithm.ML_DSA_65, pk, msg, s, ctx));
        assertFalse(p.verify(Algorithm.ML_DSA_65, pk, msg, s, new byte[0]), "other context");
        assertFalse(p.verify(Algorithm.ML_DSA_65, pk, msg, s), "no context");
      }
      byte[] noCtx = p.sign(key, msg);
      assertArrayEquals(BcMlDsaLane.INSTANCE.sign(Algorithm.ML_DSA_65, XI, msg, new byte[0],
          new byte[32]), noCtx, "sign(handle, msg) is deterministic with the empty context");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void verifyIsAPredicate(String name) {
    PqProvider p = PqTestSupport.provider(name);
    Algorithm a = Algorithm.ML_DSA_44;
    byte[] pk;
    byte[] sig;
    try (PrivateKeyHandle key = p.importPrivateKey(a, XI)) {
      pk = key.publicKey();
      sig = p.sign(key, new byte[] {7});
    }
    byte[] m = {7};
    assertTrue(p.verify(a, pk, m, sig));
    assertFalse(p.verify(null, pk, m, sig));
    assertFalse(p.verify(a, null, m, sig));
    assertFalse(p.verify(a, pk, null, sig));
    assertFalse(p.verify(a, pk, m, null));
    assertFalse(p.verify(a, Arrays.copyOf(pk, pk.length - 1), m, sig));
    assertFalse(p.verify(a, Arrays.copyOf(pk, pk.length + 1), m, sig));
    assertFalse(p.verify(a, pk, m, Arrays.copyOf(sig, sig.length + 1)));
    assertFalse(p.verify(a, pk, m, Arrays.copyOf(sig, sig.length - 1)));
    assertFalse(p.verify(a, pk, m, sig, new byte[256]));
    assertFalse(p.verify(Algorithm.ML_DSA_65, pk, m, sig), "another parameter set");
    assertFalse(p.verify(Algorithm.ML_KEM_512, pk, m, sig), "not a signature algorithm");
    assertFalse(p.verify(Algorithm.ED25519, new byte[32], m, new byte[64]), "not served");
    byte[] bad = sig.clone();
    bad[bad.length - 1] = (byte) 0xff; // the hint section's padding
    assertFalse(p.verify(a, pk, m, bad));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void kemChecksLengthsAndTheModulus(String name) {
    PqProvider p = PqTestSupport.provider(name);
    Algorithm a = Algorithm.ML_KEM_768;
    try (PrivateKeyHandle key = p.importPrivateKey(a, DZ)) {
      byte[] ek = key.publicKey();
      try (Encapsulation e = p.encapsulate(a, ek)) {
        assertArrayEquals(e.sharedSecret(), p.decapsulate(key, e.ciphertext()));
        byte[] ct = e.ciphertext();
        ct[0] ^= 1;
        byte[] rejected = p.decapsulate(key, ct);
        assertEquals(32, rejected.length);
        assertNotEquals(Arrays.toString(e.sharedSecret()), Arrays.toString(rejected),
            "implicit rejection");
        PqTestSupport.refused(ErrorCode.MALFORMED_CIPHERTEXT,
            () -> p.decapsulate(key, Arrays.copyOf(ct, ct.length + 1)), "long ciphertext");
        PqTestSupport.refused(ErrorCode.MALFORMED_CIPHERTEXT,
            () -> p.decapsulate(key, Arrays.copyOf(ct, ct.length - 1)), "short ciphertext");
        PqTestSupport.refused(ErrorCode.MALFORMED_CIPHERTEXT, () -> p.decapsulate(key, null),
            "null ciphertext");
      }
      PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
          () -> p.encapsulate(a, Arrays.copyOf(ek, ek.length - 1)), "short ek");
      byte[] overQ = ek.clone();
      overQ[0] = (byte) 0xff;
      overQ[1] = (byte) 0x0f; // first coefficient 0xfff >= q
      KmsException e = PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
          () -> p.encapsulate(a, overQ), "ek over the modulus");
      assertTrue(e.getMessage().contains("modulus"), e.getMessage());
      PqTestSupport.refused(ErrorCode.UNSUPPORTED_ALGORITHM,
          () -> p.encapsulate(Algorithm.ML_DSA_44, new byte[1312]), "not a KEM");
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void expandedPrivateKeysAreValidatedThenRefused(String name) {
    PqProvider p = PqTestSupport.provider(name);
    // ML-KEM: a valid expanded dk
    byte[] dk = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, DZ)
        .getParametersWithFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY).getEncoded();
    assertEquals(MlKemExpanded.expandedLength(Algorithm.ML_KEM_768), dk.length);
    KmsException valid = PqTestSupport.refused(ErrorCode.UNSUPPORTED_OPERATION,
        () -> p.importPrivateKey(Algorithm.ML_KEM_768, dk), "valid expanded dk");
    assertTrue(valid.getMessage().contains("kms keeps seeds only; import the 64-byte seed d||z"),
        valid.getMessage());
    byte[] badHash = dk.clone();
    badHash[dk.length - 33] ^= 1;
    KmsException hash = PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
        () -> p.importPrivateKey(Algorithm.ML_KEM_768, badHash), "corrupted H(ek)");
    assertTrue(hash.getMessage().contains("hash check"), hash.getMessage());
    byte[] badEk = dk.clone();
    badEk[384 * 3] = (byte) 0xff;
    badEk[384 * 3 + 1] |= 0x0f;
    KmsException modulus = PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
        () -> p.importPrivateKey(Algorithm.ML_KEM_768, badEk), "embedded ek over q");
    assertTrue(modulus.getMessage().contains("modulus"), modulus.getMessage());
    // ML-DSA: a valid expanded sk, then one with a corrupted tr
    byte[] sk = new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, XI)
        .getParametersWithFormat(MLDSAPrivateKeyParameters.EXPANDED_KEY).getEncoded();
    assertEquals(4032, sk.length);
    KmsException dsa = PqTestSupport.refused(ErrorCode.UNSUPPORTED_OPERATION,
        () -> p.importPrivateKey(Algorithm.ML_DSA_65, sk), "valid expanded sk");
    assertTrue(dsa.getMessage().contains("seeds only"), dsa.getMessage());
    byte[] badTr = sk.clone();
    badTr[64] ^= 1;
    PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
        () -> p.importPrivateKey(Algorithm.ML_DSA_65, badTr), "expanded sk with a wrong tr");
    // other lengths stay plain MALFORMED_KEY
    PqTestSupport.refused(ErrorCode.MALFORMED_KEY,
        () -> p.importPrivateKey(Algorithm.ML_DSA_65, new byte[33]), "33-byte seed");
    // no key byte in any message
    for (KmsException e : List.of(valid, hash, modulus, dsa)) {
      String msg = e.getMessage().toLowerCase(Locale.ROOT);
      assertFalse(msg.contains(PqTestSupport.hex(Arrays.copyOf(dk, 8))), msg);
      assertFalse(msg.contains(PqTestSupport.hex(Arrays.copyOf(sk, 8))), msg);
    }
  }

  @ParameterizedTest
  @MethodSource("providers")
  void noSecretInToString(String name) {
    PqProvider p = PqTestSupport.provider(name);
    try (PrivateKeyHandle key = p.importPrivateKey(Algorithm.ML_KEM_512, DZ)) {
      String s = key + " " + p;
      assertFalse(s.contains(PqTestSupport.hex(DZ).substring(0, 8)), s);
      assertFalse(s.contains(Arrays.toString(DZ).substring(0, 10)), s);
    }
  }

  @Test
  void aKeySealedByOneLaneOpensOnTheOther() {
    PqTestSupport.requireProvider(PqTestSupport.JDK);
    PqProvider bc = new BcPqProvider();
    PqProvider jdk = new JdkPqProvider();
    for (Algorithm a : PqTestSupport.PQ) {
      byte[] seed = Arrays.copyOf(DZ, a.seedLength());
      try (PrivateKeyHandle fromJdk = jdk.importPrivateKey(a, seed)) {
        byte[] sealed = jdk.sealPrivateKey(fromJdk, new FramingSealer(), new byte[0]);
        try (PrivateKeyHandle onBc = bc.openPrivateKey(a, sealed, new FramingSealer(),
            new byte[0])) {
          assertArrayEquals(fromJdk.publicKey(), onBc.publicKey(), a.id());
        }
      }
    }
  }
}
