package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.spi.TestSealer;
import dev.ronkms.store.InMemoryKeystoreStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Kms#exportKey} and {@link Kms#importKey} between two key managers on two stores, the
 * bundles sealed to a third key manager's AEAD key: refused unless the key is
 * EXPORTABLE_SEALED (verify-only keys always go), the whole history arrives, signatures and
 * envelopes made on one side are accepted on the other, and a refused import changes nothing
 * and zeroises every key it unsealed.
 */
class ExportImportTest {
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

  private final TestProvider signerA = new TestProvider("t");
  private final TestProvider signerB = new TestProvider("t");
  private final TestAeadProvider aeadA = new TestAeadProvider("aead");
  private final TestAeadProvider aeadB = new TestAeadProvider("aead");
  private final InMemoryKeystoreStore storeA = new InMemoryKeystoreStore();
  private final InMemoryKeystoreStore storeB = new InMemoryKeystoreStore();
  private final Kms a = Fixtures.builder(signerA, aeadA.recording()).store(storeA).build();
  private final Kms b = Fixtures.builder(signerB, aeadB.recording()).store(storeB).build();
  private final Kms keyring = Fixtures.builder(new TestAeadProvider("ring")).build();
  private final Sealer recipient = keyring.sealer(keyring.create("ops", "transfer",
      Algorithm.AES_256_GCM));

  @AfterEach
  void close() {
    a.close();
    b.close();
    keyring.close();
  }

  @Test
  void aKeyIsNotExportableByDefault() {
    TestSealer counting = new TestSealer("never");
    KeyId signing = a.create("acme", "sig", Algorithm.ED25519);
    KeyId sealing = a.create("acme", "vault", Algorithm.AES_256_GCM);
    KeyId explicit = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.NOT_EXPORTABLE);
    for (KeyId key : List.of(signing, sealing, explicit, signing.withVersion(1))) {
      Attestation before = a.attest(key);
      KmsException e = assertCode(ErrorCode.EXPORT_NOT_ALLOWED, () -> a.exportKey(key,
          counting));
      assertTrue(e.getMessage().contains("NOT_EXPORTABLE"), e.getMessage());
      assertEquals(before, a.attest(key));
    }
    assertEquals(0, counting.seals.get(), "the recipient never saw anything");
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> a.exportKey(signing, null));
    assertCode(ErrorCode.INVALID_KEY_ID, () -> a.exportKey(null, counting));
  }

  @Test
  void aSigningKeyMovesWithItsWholeHistory() {
    KeyId key = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
    Signed s1 = a.sign(key, MSG);
    a.rotate(key);
    Signed s2 = a.sign(key, MSG);
    a.rotate(key);
    Signed s3 = a.sign(key, MSG);
    a.rotate(key);
    Signed s4 = a.sign(key, MSG);
    KeyId pending = a.stageRotation(key);
    a.disable(key.withVersion(2));
    a.destroy(key.withVersion(3));
    a.setMinVerifyVersion(key, 1);
    byte[] bundle = a.exportKey(key, recipient);

    assertEquals(key, b.importKey(bundle, recipient));
    Attestation source = a.attest(key);
    Attestation copy = b.attest(key);
    assertEquals(1, copy.revision(), "the revision starts again in the new store");
    assertEquals(new Attestation(source.keyId(), source.algorithm(), source.provider(),
        source.verifyOnly(), source.exportPolicy(), 1, source.headVersion(),
        source.minVerifyVersion(), source.versions()), copy, "everything else is the same");
    assertTrue(b.verify(s1, MSG));
    assertTrue(b.verify(s4, MSG));
    assertCode(ErrorCode.VERSION_DISABLED, () -> b.verify(s2, MSG));
    assertCode(ErrorCode.VERSION_DESTROYED, () -> b.verify(s3, MSG));
    Signed byB = b.sign(key, MSG);
    assertEquals(key.withVersion(4), byB.keyId());
    assertArrayEquals(s4.signature(), byB.signature(), "the same private key (deterministic)");
    b.promote(pending);
    Signed byPending = b.sign(key, "after import".getBytes());
    assertTrue(a.verify(byPending, "after import".getBytes()), "a pending version verifies");
    assertEquals(4, signerB.made().size(), "v1, v2, v4, v5 unsealed; v3 is a tombstone");
  }

  @Test
  void aSealingKeyMovesAndItsEnvelopesOpenOnBothSides() {
    KeyId key = a.create("acme", "vault", Algorithm.CHACHA20_POLY1305,
        ExportPolicy.EXPORTABLE_SEALED);
    byte[] byV1 = a.seal(key, MSG, AAD);
    a.rotate(key);
    b.importKey(a.exportKey(key, recipient), recipient);
    assertArrayEquals(MSG, b.open(byV1, AAD));
    byte[] byB = b.seal(key, "from b".getBytes(), AAD);
    assertArrayEquals("from b".getBytes(), a.open(byB, AAD));
    assertEquals(ExportPolicy.EXPORTABLE_SEALED, b.attest(key).exportPolicy());
  }

  @Test
  void aVerifyOnlyKeyIsAlwaysExported() {
    PrivateKeyHandle partner = signerA.generate(Algorithm.ED25519);
    KeyId key = a.importPublicKey("acme", "partner", Algorithm.ED25519, partner.publicKey());
    assertEquals(ExportPolicy.NOT_EXPORTABLE, a.attest(key).exportPolicy());
    b.importKey(a.exportKey(key, recipient), recipient);
    assertTrue(b.attest(key).verifyOnly());
    assertTrue(b.verify(key.withVersion(1), MSG, signerA.sign(partner, MSG)));
  }

  @Test
  void anExistingIdIsKeyExistsAndChangesNothing() {
    KeyId key = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
    a.rotate(key);
    byte[] bundle = a.exportKey(key, recipient);
    b.importKey(bundle, recipient);
    b.rotate(key);
    Attestation before = b.attest(key);
    int made = signerB.made().size();
    assertCode(ErrorCode.KEY_EXISTS, () -> b.importKey(bundle, recipient));
    assertEquals(before, b.attest(key));
    List<PrivateKeyHandle> unsealed = signerB.made().subList(made, signerB.made().size());
    assertEquals(2, unsealed.size());
    assertTrue(unsealed.stream().allMatch(PrivateKeyHandle::isDestroyed), "zeroised");
    assertTrue(storeB.load(key).orElseThrow().versions().stream()
        .allMatch(v -> !v.handle().orElseThrow().isDestroyed()), "the stored keys live on");
    Attestation inA = a.attest(key);
    assertCode(ErrorCode.KEY_EXISTS, () -> a.importKey(bundle, recipient));
    assertEquals(inA, a.attest(key));
  }

  @Test
  void theImportedKeysGoToAProviderThatCanHoldThem() {
    KeyId key = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
    Signed s = a.sign(key, MSG);
    byte[] bundle = a.exportKey(key, recipient);
    TestProvider other = new TestProvider("other");
    try (Kms elsewhere = Fixtures.builder(other).build()) {
      elsewhere.importKey(bundle, recipient);
      assertEquals("other", elsewhere.attest(key).provider(), "the selected seed importer");
      assertTrue(elsewhere.verify(s, MSG));
      assertArrayEquals(s.signature(), elsewhere.sign(key, MSG).signature());
    }
    DelegatingProvider noImport = new DelegatingProvider(new TestProvider("noimport"));
    try (Kms token = Fixtures.builder(noImport).build()) {
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> token.importKey(bundle, recipient));
      assertEquals(List.of(), token.list());
    }
    try (Kms none = Fixtures.builder().build()) {
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> none.importKey(bundle, recipient));
    }
  }

  @Test
  void aBundleOpensOnlyWithItsRecipientAndOnlyAsABundle() {
    KeyId key = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
    byte[] bundle = a.exportKey(key, recipient);
    Sealer stranger = keyring.sealer(keyring.create("ops", "transfer", Algorithm.AES_256_GCM));
    assertCode(ErrorCode.TAMPERED, () -> b.importKey(bundle, stranger));
    assertCode(ErrorCode.TAMPERED, () -> b.importKey("garbage".getBytes(), recipient));
    byte[] notABundle = recipient.seal(MSG, AAD);
    assertCode(ErrorCode.TAMPERED, () -> b.importKey(notABundle, recipient));
    byte[] sealedRecordElsewhere = recipient.seal(MSG, Kms.EXPORT_LABEL.getBytes());
    assertCode(ErrorCode.CORRUPT_RECORD, () -> b.importKey(sealedRecordElsewhere, recipient));
    byte[] flipped = bundle.clone();
    flipped[flipped.length - 1] ^= 1;
    assertCode(ErrorCode.TAMPERED, () -> b.importKey(flipped, recipient));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> b.importKey(null, recipient));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> b.importKey(bundle, null));
    assertEquals(List.of(), b.list());
    assertEquals(0, signerB.made().size(), "nothing was unsealed");
  }

  @Test
  void anOlderBundleThanOneAlreadyOpenedIsRollback() {
    KeyId key = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
    byte[] older = a.exportKey(key, recipient);
    byte[] newer = a.exportKey(key, recipient);
    b.importKey(newer, recipient);
    assertCode(ErrorCode.ROLLBACK, () -> b.importKey(older, recipient),
        "the recipient's counter policy counts bundles too");
  }

  @Test
  void closeZeroisesImportedKeysAndAClosedManagerImportsNothing() {
    KeyId key = a.create("acme", "sig", Algorithm.ED25519, ExportPolicy.EXPORTABLE_SEALED);
    a.rotate(key);
    byte[] bundle = a.exportKey(key, recipient);
    TestProvider signer = new TestProvider("t");
    RogueStore keepsHandles = new RogueStore(); // never closes a handle itself
    Kms kms = Fixtures.builder(signer).store(keepsHandles).build();
    keepsHandles.failNextSave = ErrorCode.CONFLICT;
    assertCode(ErrorCode.CONFLICT, () -> kms.importKey(bundle, recipient));
    assertEquals(2, signer.made().size());
    assertTrue(signer.made().stream().allMatch(PrivateKeyHandle::isDestroyed),
        "a failed save zeroises what the import unsealed");
    kms.importKey(bundle, recipient);
    List<PrivateKeyHandle> imported = signer.made().subList(2, 4);
    assertFalse(imported.stream().anyMatch(PrivateKeyHandle::isDestroyed));
    kms.close();
    assertTrue(imported.stream().allMatch(PrivateKeyHandle::isDestroyed),
        "close() zeroises imported keys whatever the store does");
    assertCode(ErrorCode.CLOSED, () -> kms.importKey(bundle, recipient));
    assertEquals(4, signer.made().size(), "nothing unsealed after close");
  }

  @Test
  void aNonExtractableProviderRefusesAnExportableKeyBeforeMakingIt() {
    TestAeadProvider token = new TestAeadProvider("hsm",
        Set.of(Capability.NON_EXTRACTABLE_KEYS));
    try (Kms kms = Fixtures.builder(token).build()) {
      KmsException e = assertCode(ErrorCode.EXPORT_NOT_ALLOWED, () -> kms.create("acme", "vault",
          Algorithm.AES_256_GCM, ExportPolicy.EXPORTABLE_SEALED));
      assertTrue(e.getMessage().contains("hsm"), e.getMessage());
      assertTrue(kms.list().isEmpty(), "nothing stored");
      kms.create("acme", "vault", Algorithm.AES_256_GCM);
    }
  }

  @Test
  void keysOfANonExtractableProviderNeverLeave() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    KeyId key;
    Kms before = Fixtures.builder(new TestAeadProvider("hsm")).store(store).build();
    key = before.create("acme", "vault", Algorithm.AES_256_GCM, ExportPolicy.EXPORTABLE_SEALED);
    TestAeadProvider token = new TestAeadProvider("hsm",
        Set.of(Capability.NON_EXTRACTABLE_KEYS));
    try (Kms kms = Fixtures.builder(token).store(store).build()) {
      KmsException e = assertCode(ErrorCode.EXPORT_NOT_ALLOWED, () -> kms.exportKey(key,
          recipient));
      assertTrue(e.getMessage().contains("never leave"), e.getMessage());
    }
  }

  @Test
  void noKeyByteIsInTheBundleOrTheRecordInside() {
    byte[] keyBytes = new byte[32];
    Arrays.fill(keyBytes, (byte) 0x3c);
    try (Kms fixed = Fixtures.builder(aeadA.generating(keyBytes)).build()) {
      KeyId key = fixed.create("acme", "vault", Algorithm.AES_256_GCM,
          ExportPolicy.EXPORTABLE_SEALED);
      byte[] bundle = fixed.exportKey(key, recipient);
      byte[] record = new TestOpen(recipient).open(bundle);
      for (byte[] bytes : List.of(bundle, record)) {
        for (int i = 0; i + 8 <= bytes.length; i++) {
          assertFalse(Arrays.equals(bytes, i, i + 8, keyBytes, 0, 8), "key bytes at " + i);
        }
      }
      assertTrue(new String(record, StandardCharsets.ISO_8859_1).contains(key.format()),
          "the record names the key in the clear, inside the sealed bundle");
    }
  }

  /** Opens a bundle as importKey does. */
  private record TestOpen(Sealer recipient) {
    byte[] open(byte[] bundle) {
      return recipient.open(bundle, Kms.EXPORT_LABEL.getBytes(StandardCharsets.US_ASCII));
    }
  }
}
