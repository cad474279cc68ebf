package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sealing keys are ordinary engine keys: made by the AEAD provider the registry selects, with
 * the same lifecycle as signing keys; what an algorithm cannot do is
 * {@code UNSUPPORTED_OPERATION} (a refused item in a batch), and changes nothing.
 */
class SealingKeysTest {
  private static final byte[] AAD = {1, 2, 3};

  private final TestAeadProvider aead = new TestAeadProvider("aead");
  private final TestProvider signer = new TestProvider("sig");
  private final InMemoryKeystoreStore store = new InMemoryKeystoreStore();

  private Kms kms() {
    return Fixtures.builder(signer, aead.recording()).store(store).build();
  }

  @Test
  void theRegistrySelectsTheAeadProviderForEachAeadAlgorithm() {
    try (Kms kms = kms()) {
      for (Algorithm a : List.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305)) {
        assertEquals("aead", kms.provider(a));
        KeyId key = kms.create("acme", "vault", a);
        Attestation att = kms.attest(key);
        assertEquals("aead", att.provider());
        assertEquals(a, att.algorithm());
        assertEquals(ExportPolicy.NOT_EXPORTABLE, att.exportPolicy());
        PrivateKeyHandle h = store.load(key).orElseThrow().headVersion().handle().orElseThrow();
        assertEquals(a, h.algorithm());
        assertEquals("aead", h.provider());
      }
      assertEquals("sig", kms.provider(Algorithm.ED25519));
    }
    try (Kms none = Fixtures.builder(signer).build()) {
      KmsException e = assertCode(ErrorCode.NO_PROVIDER,
          () -> none.create("acme", "vault", Algorithm.AES_256_GCM));
      assertTrue(e.getMessage().contains("kms-softseal"), e.getMessage());
    }
  }

  @Test
  void everyLifecycleOperationWorksOnAnAeadKey() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM,
          ExportPolicy.EXPORTABLE_SEALED);
      KeyId v2 = kms.rotate(key);
      KeyId v3 = kms.rotate(key, 2);
      KeyId v4 = kms.stageRotation(key);
      assertEquals(List.of(2, 3, 4), List.of(v2.version(), v3.version(), v4.version()));
      kms.disable(key.withVersion(1));
      kms.enable(key.withVersion(1));
      kms.disable(key.withVersion(1));
      kms.destroy(key.withVersion(2));
      kms.promote(v4);
      kms.setMinVerifyVersion(key, 3);
      Attestation att = kms.attest(key);
      assertEquals(4, att.headVersion());
      assertEquals(3, att.minVerifyVersion());
      assertEquals(ExportPolicy.EXPORTABLE_SEALED, att.exportPolicy(),
          "the export policy survives every change");
      assertEquals(List.of(VersionState.DISABLED, VersionState.DESTROYED, VersionState.ENABLED,
          VersionState.ENABLED), att.versions().stream().map(Attestation.VersionInfo::state)
          .toList());
      assertTrue(att.toJson().contains("\"exportPolicy\":\"EXPORTABLE_SEALED\""));
      assertEquals(4, aead.made().size());
      assertTrue(aead.made().get(1).isDestroyed(), "destroy zeroised v2");
      assertEquals(List.of(key), kms.list());
      assertTrue(kms.delete(key));
      assertTrue(aead.made().stream().allMatch(PrivateKeyHandle::isDestroyed));
      assertEquals(List.of(), kms.list());
    }
  }

  @Test
  void anAeadKeyNeitherSignsNorVerifiesNorHasAPublicKey() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "vault", Algorithm.CHACHA20_POLY1305);
      KeyId v1 = key.withVersion(1);
      Attestation before = kms.attest(key);
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sign(key, MSG));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sign(v1, MSG));
      for (byte[] sig : new byte[][] {new byte[16], new byte[64], null}) {
        assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.verify(v1, MSG, sig));
      }
      assertCode(ErrorCode.UNSUPPORTED_OPERATION,
          () -> kms.verify(new Signed(v1, new byte[64]), MSG));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.publicKey(v1));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.publicKeySpki(v1));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.rotateToPublicKey(key,
          new byte[32]));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.importPublicKey("acme", "vault",
          Algorithm.AES_256_GCM, new byte[32]));
      List<VerifyResult> results = kms.verifyBatch(List.of(
          VerifyRequest.of(new Signed(v1, new byte[64]), MSG),
          VerifyRequest.of(new Signed(v1, new byte[16]), MSG)));
      assertEquals(List.of(VerifyResult.refused(ErrorCode.UNSUPPORTED_OPERATION),
          VerifyResult.refused(ErrorCode.UNSUPPORTED_OPERATION)), results);
      assertEquals(results, kms.verifyBatchParallel(List.of(
          VerifyRequest.of(new Signed(v1, new byte[64]), MSG),
          VerifyRequest.of(new Signed(v1, new byte[16]), MSG))));
      assertEquals(before, kms.attest(key), "nothing changed");
      assertEquals(List.of(key), kms.list());
    }
  }

  @Test
  void theKindIsDecidedFromTheKeyIdBeforeTheStoreIsRead() {
    try (Kms kms = kms()) {
      KeyId absent = KeyId.of("acme", "vault", Algorithm.AES_256_GCM, new UUID(1, 1));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sign(absent, MSG));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.publicKey(absent.withVersion(1)));
      KeyId absentSigner = KeyId.of("acme", "sig", Algorithm.ED25519, new UUID(1, 1));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.seal(absentSigner, MSG, AAD));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sealer(absentSigner));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.seal(absent, MSG, AAD));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.sealer(absent));
      assertCode(ErrorCode.INVALID_KEY_ID, () -> kms.seal(null, MSG, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sign(null, null));
      assertCode(ErrorCode.INVALID_KEY_ID, () -> kms.sign(null, MSG));
    }
  }

  @Test
  void aSignatureKeyDoesNotSeal() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "sig", Algorithm.ED25519);
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.seal(key, MSG, AAD));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.seal(key.withVersion(1), MSG, AAD));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sealer(key));
      assertTrue(kms.verify(kms.sign(key, MSG), MSG), "it still signs");
      assertArrayEquals(kms.publicKey(key.withVersion(1)),
          store.load(key).orElseThrow().version(1).publicKey());
    }
  }

  @Test
  void anExportPolicyIsRequired() {
    try (Kms kms = kms()) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.create("acme", "vault",
          Algorithm.AES_256_GCM, (ExportPolicy) null));
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> kms.create("acme", "vault", null,
          ExportPolicy.EXPORTABLE_SEALED));
      assertEquals(List.of(), kms.list());
      KeyId key = kms.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
      assertEquals(ExportPolicy.EXPORTABLE_SEALED, kms.attest(key).exportPolicy());
      kms.rotate(key);
      kms.stageRotation(key);
      kms.destroy(key.withVersion(3));
      kms.setMinVerifyVersion(key, 2);
      assertEquals(ExportPolicy.EXPORTABLE_SEALED, store.load(key).orElseThrow().exportPolicy());
    }
  }
}
