package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.CompositeMode;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.spi.SigningParameters;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.spi.ToyPqProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine does around post-quantum providers, with a toy provider of the real lengths:
 * context strings, signature variants, composite modes and their counting, KEM operations and
 * their version rules, and the checks made before a provider sees anything.
 */
class PqEngineTest {
  private static final byte[] CTX = {'c', 't', 'x'};
  private final ToyPqProvider toy = new ToyPqProvider("toy");

  private Kms kms() {
    return Fixtures.builder(new TestProvider("t"), toy).build();
  }

  @Test
  void theKeysVariantAndTheCallersContextReachTheProvider() {
    try (Kms kms = kms()) {
      KeyId hedged = kms.create("acme", "pq", Algorithm.ML_DSA_65);
      Signed s = kms.sign(hedged, MSG, CTX);
      assertEquals(SignatureVariant.HEDGED, toy.lastParameters.get().variant());
      assertArrayEquals(CTX, toy.lastParameters.get().context());
      assertTrue(kms.verify(s.keyId(), MSG, s.signature(), CTX));
      assertFalse(kms.verify(s.keyId(), MSG, s.signature()), "the context is bound");
      assertFalse(kms.verify(s.keyId(), MSG, s.signature(), new byte[] {'c', 't', 'y'}));
      KeyId det = kms.create("acme", "pq", Algorithm.ML_DSA_65,
          KeyOptions.defaults().with(SignatureVariant.DETERMINISTIC));
      kms.sign(det, MSG);
      assertEquals(SignatureVariant.DETERMINISTIC, toy.lastParameters.get().variant());
      assertEquals(0, toy.lastParameters.get().contextLength());
      assertEquals(SignatureVariant.DETERMINISTIC, kms.attest(det).signatureVariant());
      assertTrue(kms.attest(hedged).toJson().contains("\"signatureVariant\":\"HEDGED\""));
    }
  }

  @Test
  void contextsAreCheckedBeforeAnyProviderIsAsked() {
    try (Kms kms = kms()) {
      KeyId pq = kms.create("acme", "pq", Algorithm.ML_DSA_65);
      Signed max = kms.sign(pq, MSG, new byte[255]);
      assertTrue(kms.verify(max.keyId(), MSG, max.signature(), new byte[255]));
      toy.lastParameters.set(null);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sign(pq, MSG, new byte[256]));
      assertNull(toy.lastParameters.get(), "refused before the provider");
      assertCode(ErrorCode.INVALID_ARGUMENT,
          () -> kms.verify(max.keyId(), MSG, max.signature(), new byte[256]));
      KeyId ed = kms.create("acme", "ed", Algorithm.ED25519);
      Signed e = kms.sign(ed, MSG, null);
      assertTrue(kms.verify(e.keyId(), MSG, e.signature(), new byte[0]));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sign(ed, MSG, CTX));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verify(e.keyId(), MSG, e.signature(),
          CTX));
      List<VerifyResult> batch = kms.verifyBatch(List.of(
          new VerifyRequest(max.keyId(), MSG, max.signature(), new byte[255]),
          new VerifyRequest(max.keyId(), MSG, max.signature()),
          new VerifyRequest(e.keyId(), MSG, e.signature(), CTX),
          new VerifyRequest(e.keyId(), MSG, e.signature(), new byte[0])));
      assertEquals(List.of(true, false, false, true),
          batch.stream().map(VerifyResult::isValid).toList());
      assertEquals(ErrorCode.INVALID_ARGUMENT, batch.get(2).error().orElseThrow());
    }
  }

  @Test
  void optionsAnAlgorithmDoesNotHaveAreRefused() {
    try (Kms kms = kms()) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.create("acme", "ed", Algorithm.ED25519,
          KeyOptions.defaults().with(SignatureVariant.HEDGED)));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.create("acme", "pq", Algorithm.ML_DSA_65,
          KeyOptions.defaults().with(CompositeMode.MIRROR)));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.create("acme", "kem",
          Algorithm.ML_KEM_768, KeyOptions.defaults().with(SignatureVariant.HEDGED)));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.create("acme", "kem",
          Algorithm.ML_KEM_768, (KeyOptions) null));
      assertEquals(List.of(), kms.list(), "nothing stored");
      KeyId ed = kms.create("acme", "ed", Algorithm.ED25519,
          KeyOptions.defaults().with(SignatureVariant.DETERMINISTIC)
              .with(ExportPolicy.EXPORTABLE_SEALED));
      assertEquals(ExportPolicy.EXPORTABLE_SEALED, kms.attest(ed).exportPolicy());
      KeyId kem = kms.create("acme", "kem", Algorithm.ML_KEM_768);
      assertNull(kms.attest(kem).signatureVariant());
      assertNull(kms.attest(kem).compositeMode());
      assertFalse(kms.attest(kem).toJson().contains("signatureVariant"));
    }
  }

  @Test
  void aRequireKeyNeedsBothHalvesAndAMirrorKeyCountsPostQuantumFailures() {
    try (Kms kms = kms()) {
      KeyId require = kms.create("acme", "hybrid", Algorithm.MLDSA65_ED25519);
      KeyId mirror = kms.create("acme", "hybrid", Algorithm.MLDSA65_ED25519,
          KeyOptions.defaults().with(CompositeMode.MIRROR));
      assertEquals(CompositeMode.REQUIRE, kms.attest(require).compositeMode());
      assertTrue(kms.attest(mirror).toJson().contains("\"compositeMode\":\"MIRROR\""));
      for (KeyId key : List.of(require, mirror)) {
        Signed s = kms.sign(key, MSG, CTX);
        assertTrue(kms.verify(s.keyId(), MSG, s.signature(), CTX));
        byte[] pqBroken = s.signature();
        pqBroken[7] ^= 1;
        byte[] edBroken = s.signature();
        edBroken[edBroken.length - 1] ^= 1;
        boolean isMirror = key.equals(mirror);
        assertEquals(isMirror, kms.verify(s.keyId(), MSG, pqBroken, CTX),
            "the Ed25519 half decides only in mirror mode");
        assertFalse(kms.verify(s.keyId(), MSG, edBroken, CTX));
        assertEquals(List.of(isMirror), kms.verifyBatch(List.of(new VerifyRequest(s.keyId(),
            MSG, pqBroken, CTX))).stream().map(VerifyResult::isValid).toList());
      }
      assertEquals(new MirrorStats(4, 2), kms.mirrorStats(),
          "mirror: good, ML-DSA broken, Ed25519 broken (ML-DSA fine), batch ML-DSA broken");
    }
  }

  @Test
  void aCompositePublicKeyIsImportedOnlyWithAPolicyAcceptedEd25519Half() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "hybrid", Algorithm.MLDSA65_ED25519);
      byte[] pk = kms.publicKey(key.withVersion(1));
      KeyId imported = kms.importPublicKey("acme", "peer", Algorithm.MLDSA65_ED25519, pk,
          KeyOptions.defaults().with(CompositeMode.MIRROR));
      Signed s = kms.sign(key, MSG);
      assertTrue(kms.verify(imported.withVersion(1), MSG, s.signature()));
      assertEquals(CompositeMode.MIRROR, kms.attest(imported).compositeMode());
      byte[] smallOrder = pk.clone();
      java.util.Arrays.fill(smallOrder, pk.length - 32, pk.length, (byte) 0);
      smallOrder[pk.length - 32] = 1; // the identity point
      assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme", "peer",
          Algorithm.MLDSA65_ED25519, smallOrder));
      assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme", "peer",
          Algorithm.MLDSA65_ED25519, java.util.Arrays.copyOf(pk, pk.length - 1)));
    }
  }

  @Test
  void encapsulationUsesTheHeadAndDecapsulationAnyVersionThatMayVerify() {
    try (Kms kms = kms()) {
      KeyId kem = kms.create("acme", "kem", Algorithm.ML_KEM_768);
      Encapsulated v1;
      try (Encapsulated e = kms.encapsulate(kem)) {
        v1 = e;
        assertEquals(kem.withVersion(1), e.keyId());
        assertEquals(1088, e.ciphertext().length);
        assertArrayEquals(e.sharedSecret(), kms.decapsulate(e.keyId(), e.ciphertext()));
        assertFalse(e.toString().contains(hex(e.sharedSecret())));
      }
      assertArrayEquals(new byte[32], v1.sharedSecret(), "closed: zeroised");
      KeyId v2 = kms.rotate(kem);
      Encapsulated e2 = kms.encapsulate(kem);
      assertEquals(v2, e2.keyId());
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.encapsulate(kem.withVersion(1)));
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.encapsulate(kem.withVersion(9)));
      assertArrayEquals(e2.sharedSecret(), kms.decapsulate(v2, e2.ciphertext()));
      kms.disable(kem.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.decapsulate(kem.withVersion(1),
          v1.ciphertext()));
      assertCode(ErrorCode.MALFORMED_CIPHERTEXT, () -> kms.decapsulate(v2, new byte[1087]));
      assertCode(ErrorCode.MALFORMED_CIPHERTEXT, () -> kms.decapsulate(v2, null));
      assertCode(ErrorCode.VERSION_REQUIRED, () -> kms.decapsulate(kem, e2.ciphertext()));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sign(kem, MSG));
      KeyId ed = kms.create("acme", "ed", Algorithm.ED25519);
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.encapsulate(ed));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.decapsulate(ed.withVersion(1),
          new byte[64]));
    }
  }

  @Test
  void aVerifyOnlyKemKeyEncapsulatesButCannotDecapsulate() {
    try (Kms kms = kms()) {
      KeyId kem = kms.create("acme", "kem", Algorithm.ML_KEM_768);
      byte[] ek = kms.publicKey(kem.withVersion(1));
      KeyId peer = kms.importPublicKey("acme", "peer", Algorithm.ML_KEM_768, ek);
      Encapsulated e = kms.encapsulate(peer);
      assertArrayEquals(e.sharedSecret(), kms.decapsulate(kem.withVersion(1), e.ciphertext()),
          "the holder of the private key gets the same secret");
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.decapsulate(e.keyId(), e.ciphertext()));
      byte[] outOfRange = ek.clone();
      outOfRange[0] = (byte) 0xff;
      outOfRange[1] = (byte) 0x0f; // first coefficient 4095 >= q
      assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme", "peer",
          Algorithm.ML_KEM_768, outOfRange));
    }
  }

  @Test
  void signingParametersCopyAndCheck() {
    byte[] ctx = {1, 2};
    SigningParameters p = SigningParameters.of(Algorithm.ML_DSA_44, ctx,
        SignatureVariant.HEDGED);
    ctx[0] = 9;
    assertArrayEquals(new byte[] {1, 2}, p.context());
    p.context()[0] = 9;
    assertArrayEquals(new byte[] {1, 2}, p.context());
    assertEquals("SigningParameters[context 2 bytes, HEDGED]", p.toString());
    assertEquals(0, SigningParameters.of(Algorithm.ED25519, null,
        SignatureVariant.DETERMINISTIC).contextLength());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SigningParameters.of(Algorithm.ML_DSA_44,
        null, null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SigningParameters.checkedContext(
        Algorithm.ML_KEM_768, new byte[1]));
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
