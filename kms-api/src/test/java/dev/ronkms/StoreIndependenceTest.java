package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's guarantees hold whatever the store does: private keys are zeroised by the engine
 * itself (not left to the store), a record of another key or a changed public key is noticed,
 * and a failed save leaves the stored key usable.
 */
class StoreIndependenceTest {
  private final TestProvider provider = new TestProvider("t");
  private final RogueStore store = new RogueStore();

  @Test
  void closeZeroisesEveryKeyEvenWhenTheStoreKeepsThem() {
    Kms kms = kms(store, provider);
    KeyId a = kms.create("acme", "a", Algorithm.ED25519);
    kms.rotate(a);
    kms.stageRotation(a);
    kms.create("acme", "b", Algorithm.ED25519);
    kms.close();
    assertEquals(4, provider.made().size());
    for (PrivateKeyHandle h : provider.made()) {
      assertTrue(h.isDestroyed(), "close() zeroised every key it made");
    }
  }

  @Test
  void deleteAndDestroyZeroiseWhateverTheStoreDoes() {
    try (Kms kms = kms(store, provider)) {
      KeyId a = kms.create("acme", "a", Algorithm.ED25519);
      kms.rotate(a);
      KeyId b = kms.create("acme", "b", Algorithm.ED25519);
      kms.destroy(a.withVersion(1));
      List<PrivateKeyHandle> made = provider.made();
      assertTrue(made.get(0).isDestroyed(), "destroy zeroised v1's private key");
      assertFalse(made.get(1).isDestroyed(), "the head is untouched");
      kms.destroy(a.withVersion(1)); // destroying a destroyed version is a no-op
      assertTrue(kms.delete(a));
      assertTrue(made.get(1).isDestroyed(), "delete zeroised the key's private keys");
      assertFalse(made.get(2).isDestroyed(), "another key is untouched");
      assertFalse(kms.delete(a), "a missing key is not deleted twice");
      assertEquals(List.of(b), kms.list());
      assertTrue(kms.verify(kms.sign(b, MSG), MSG));
    }
  }

  @Test
  void aDestroyTheStoreRefusesLeavesTheKeyAsItWas() {
    try (Kms kms = kms(store, provider)) {
      KeyId key = kms.create("acme", "a", Algorithm.ED25519);
      Signed old = kms.sign(key, MSG);
      kms.rotate(key);
      store.failNextSave = ErrorCode.CONFLICT;
      assertCode(ErrorCode.CONFLICT, () -> kms.destroy(key.withVersion(1)));
      assertFalse(provider.made().get(0).isDestroyed(),
          "the stored v1 still holds a live private key");
      assertTrue(kms.verify(old, MSG), "v1 still verifies");
      assertEquals(VersionState.ENABLED, kms.attest(key).versions().get(0).state());

      store.failNextSave = ErrorCode.CLOSED;
      assertCode(ErrorCode.CLOSED, () -> kms.destroy(key.withVersion(1)));
      assertTrue(provider.made().get(0).isDestroyed(),
          "the store is gone: the key being destroyed does not outlive it");
    }
  }

  @Test
  void destroyingAVerifyOnlyVersionNeedsNoPrivateKey() {
    PrivateKeyHandle theirs = provider.generate(Algorithm.ED25519);
    PrivateKeyHandle next = provider.generate(Algorithm.ED25519);
    try (Kms kms = kms(store, new TestProvider("u"))) {
      KeyId key = kms.importPublicKey("acme", "p", Algorithm.ED25519, theirs.publicKey());
      kms.rotateToPublicKey(key, next.publicKey());
      store.failNextSave = ErrorCode.CLOSED;
      assertCode(ErrorCode.CLOSED, () -> kms.destroy(key.withVersion(1)));
      kms.destroy(key.withVersion(1));
      assertEquals(VersionState.DESTROYED, kms.attest(key).versions().get(0).state());
    }
  }

  @Test
  void aRecordOfAnotherKeyIsCorrupt() {
    try (Kms kms = kms(store, provider)) {
      KeyId a = kms.create("acme", "a", Algorithm.ED25519);
      KeyId b = kms.create("acme", "b", Algorithm.ED25519);
      Signed byA = kms.sign(a, MSG);
      store.putAs(b, store.load(a).orElseThrow());
      assertCode(ErrorCode.CORRUPT_RECORD, () -> kms.sign(b, MSG));
      assertCode(ErrorCode.CORRUPT_RECORD,
          () -> kms.verify(b.withVersion(1), MSG, byA.signature()));
      assertEquals(List.of(VerifyResult.refused(ErrorCode.CORRUPT_RECORD)),
          kms.verifyBatch(List.of(new VerifyRequest(b.withVersion(1), MSG, byA.signature()))));
    }
  }

  /**
   * A verify-only version's public key is all the store keeps of it, so a store can answer a
   * different key for the same version id (a bug, a restore, an attacker): verification must
   * follow the stored key, never a key decoded and cached earlier.
   */
  @Test
  void verificationFollowsTheStoredPublicKeyNotAnEarlierOne() {
    PrivateKeyHandle first = provider.generate(Algorithm.ED25519);
    PrivateKeyHandle second = provider.generate(Algorithm.ED25519);
    byte[] byFirst = provider.sign(first, MSG);
    byte[] bySecond = provider.sign(second, MSG);
    try (Kms kms = kms(store, new TestProvider("u"))) {
      KeyId key = kms.importPublicKey("acme", "p", Algorithm.ED25519, first.publicKey());
      KeyId v1 = key.withVersion(1);
      assertTrue(kms.verify(v1, MSG, byFirst));
      assertFalse(kms.verify(v1, MSG, bySecond));

      store.put(verifyOnly(key, second.publicKey()));
      assertFalse(kms.verify(v1, MSG, byFirst), "the cached key of v1 was not used");
      assertTrue(kms.verify(v1, MSG, bySecond));
      assertEquals(List.of(VerifyResult.invalid(), VerifyResult.valid()), kms.verifyBatch(List.of(
          new VerifyRequest(v1, MSG, byFirst), new VerifyRequest(v1, MSG, bySecond))));

      // A batch large enough for the batch equation, where the engine hands its cached
      // decoded keys to the batch verifier: the swapped key must be followed there too.
      List<VerifyRequest> six = new ArrayList<>();
      List<VerifyResult> expected = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        six.add(new VerifyRequest(v1, MSG, byFirst));
        six.add(new VerifyRequest(v1, MSG, bySecond));
        expected.add(VerifyResult.invalid());
        expected.add(VerifyResult.valid());
      }
      assertEquals(expected, kms.verifyBatch(six));
      assertEquals(expected, kms.verifyBatchParallel(six));

      store.put(verifyOnly(key, first.publicKey()));
      assertTrue(kms.verify(v1, MSG, byFirst), "and back again");
      assertFalse(kms.verify(v1, MSG, bySecond));
      List<VerifyResult> flipped = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        flipped.add(VerifyResult.valid());
        flipped.add(VerifyResult.invalid());
      }
      assertEquals(flipped, kms.verifyBatch(six));
    }
  }

  @Test
  void aStoredKeyThePolicyRejectsVerifiesNothing() {
    PrivateKeyHandle real = provider.generate(Algorithm.ED25519);
    byte[] sig = provider.sign(real, MSG);
    byte[] hostile = new byte[32];
    Arrays.fill(hostile, (byte) 0xff); // y >= p: not a canonical encoding
    try (Kms kms = kms(store, new TestProvider("u"))) {
      KeyId key = kms.importPublicKey("acme", "p", Algorithm.ED25519, real.publicKey());
      KeyId v1 = key.withVersion(1);
      assertTrue(kms.verify(v1, MSG, sig));
      store.put(verifyOnly(key, hostile));
      assertFalse(kms.verify(v1, MSG, sig));
      assertFalse(kms.verify(v1, MSG, new byte[64]));
      assertEquals(List.of(VerifyResult.invalid()),
          kms.verifyBatch(List.of(new VerifyRequest(v1, MSG, sig))));
    }
  }

  @Test
  void aClosedKeyManagerAsksNoProviderForANewKey() {
    store.ignoreClose = true;
    Kms kms = kms(store, provider);
    KeyId key = kms.create("acme", "a", Algorithm.ED25519);
    kms.close();
    assertCode(ErrorCode.CLOSED, () -> kms.rotate(key));
    assertCode(ErrorCode.CLOSED, () -> kms.stageRotation(key));
    assertCode(ErrorCode.CLOSED, () -> kms.create("acme", "b", Algorithm.ED25519));
    assertEquals(1, provider.made().size(), "no private key was made after close");
  }

  private static KeyRecord verifyOnly(KeyId key, byte[] publicKey) {
    KeyVersion v1 = new KeyVersion(1, VersionState.ENABLED, Instant.EPOCH, publicKey, null);
    return KeyRecord.of(key, null, 1, 1, 1, List.of(v1));
  }
}
