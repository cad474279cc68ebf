package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.conformance.Backends.Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key lifecycle through the engine, for every signature algorithm on every backend. */
class LifecycleTest {
  private static final byte[] MSG = "pay 10 EUR to alice".getBytes(StandardCharsets.UTF_8);

  static Kms kmsOn(Signer signer) {
    return Kms.builder().addProvider(signer.provider())
        .provider(signer.algorithm(), signer.provider().name()).build();
  }

  static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void everyOldSignatureVerifiesAfterManyRotations(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "payments", signer.algorithm());
      List<Signed> signatures = new ArrayList<>();
      for (int i = 1; i <= 12; i++) {
        Signed s = kms.sign(key, MSG);
        assertEquals(i, s.version(), "head signs");
        signatures.add(s);
        assertEquals(key.withVersion(i + 1), kms.rotate(key));
      }
      for (Signed s : signatures) {
        assertTrue(kms.verify(s, MSG), s.toString());
        assertFalse(kms.verify(s.keyId(), "other".getBytes(StandardCharsets.UTF_8),
            s.signature()));
      }
      // a signature checked against the wrong version's key does not verify
      Signed first = signatures.get(0);
      assertFalse(kms.verify(key.withVersion(2), MSG, first.signature()));
      assertEquals(13, kms.attest(key).headVersion());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void onlyTheHeadSigns(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "tokens", signer.algorithm());
      kms.rotate(key);
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.sign(key.withVersion(1), MSG));
      assertEquals(2, kms.sign(key.withVersion(2), MSG).version());
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.sign(key.withVersion(3), MSG));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void disabledAndDestroyedVersionsAreRefused(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "tokens", signer.algorithm());
      Signed v1 = kms.sign(key, MSG);
      kms.rotate(key);
      Signed v2 = kms.sign(key, MSG);
      kms.rotate(key);

      kms.disable(v1.keyId());
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.verify(v1, MSG));
      kms.enable(v1.keyId());
      assertTrue(kms.verify(v1, MSG));

      kms.destroy(v2.keyId());
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.verify(v2, MSG));
      assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> kms.enable(v2.keyId()));
      assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> kms.disable(key.withVersion(3)));
      assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> kms.destroy(key.withVersion(3)));
      assertEquals(VersionState.DESTROYED, kms.attest(key).versions().get(1).state());
      assertTrue(kms.verify(v1, MSG), "other versions are unaffected");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void minimumVerifyVersionIsHonoured(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "tokens", signer.algorithm());
      Signed v1 = kms.sign(key, MSG);
      kms.rotate(key);
      Signed v2 = kms.sign(key, MSG);
      kms.rotate(key);
      kms.setMinVerifyVersion(key, 2);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.verify(v1, MSG));
      assertTrue(kms.verify(v2, MSG));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.setMinVerifyVersion(key, 4));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.setMinVerifyVersion(key, 0));
      kms.setMinVerifyVersion(key, 1);
      assertTrue(kms.verify(v1, MSG), "lowering the minimum lets old versions verify again");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void stagedRotationVerifiesBeforeItSigns(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "jwt", signer.algorithm());
      KeyId pending = kms.stageRotation(key);
      assertEquals(key.withVersion(2), pending);
      assertEquals(1, kms.attest(key).headVersion(), "staging does not move the head");
      assertEquals(VersionState.PENDING, kms.attest(key).versions().get(1).state());
      assertEquals(signer.algorithm().publicKeyLength(), kms.publicKey(pending).length, "its public key can be rolled out");
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.sign(pending, MSG));
      assertCode(ErrorCode.PENDING_VERSION_EXISTS, () -> kms.rotate(key));
      assertCode(ErrorCode.PENDING_VERSION_EXISTS, () -> kms.stageRotation(key));
      assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> kms.disable(pending));
      assertEquals(1, kms.sign(key, MSG).version());

      kms.promote(pending);
      assertEquals(2, kms.attest(key).headVersion());
      Signed s = kms.sign(key, MSG);
      assertEquals(2, s.version());
      assertTrue(kms.verify(s, MSG));
      assertCode(ErrorCode.NO_PENDING_VERSION, () -> kms.promote(pending));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void aDiscardedPendingVersionIsNeverReused(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "jwt", signer.algorithm());
      KeyId pending = kms.stageRotation(key);
      kms.destroy(pending);
      assertCode(ErrorCode.NO_PENDING_VERSION, () -> kms.promote(pending));
      assertEquals(key.withVersion(3), kms.rotate(key), "versions only grow");
      assertEquals(3, kms.sign(key, MSG).version());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void badInputGetsTypedErrorsAndChangesNothing(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "tokens", signer.algorithm());
      Signed s = kms.sign(key, MSG);
      String before = kms.attest(key).toJson();

      assertCode(ErrorCode.VERSION_REQUIRED, () -> kms.verify(key, MSG, s.signature()));
      int length = signer.algorithm().outputLength();
      assertCode(ErrorCode.MALFORMED_SIGNATURE, () -> kms.verify(s.keyId(), MSG,
          new byte[length - 1]));
      assertCode(ErrorCode.MALFORMED_SIGNATURE, () -> kms.verify(s.keyId(), MSG,
          new byte[length + 1]));
      assertCode(ErrorCode.MALFORMED_SIGNATURE, () -> kms.verify(s.keyId(), MSG, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sign(key, null));
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.verify(key.withVersion(9), MSG,
          s.signature()));
      KeyId unknown = KeyId.parse("acme/tokens/" + signer.algorithm().id()
          + "/00000000-0000-4000-8000-000000000000");
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.sign(unknown, MSG));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.rotate(unknown));
      assertCode(ErrorCode.INVALID_KEY_ID, () -> kms.create("Acme", "tokens",
          signer.algorithm()));
      assertCode(ErrorCode.PRECONDITION_FAILED, () -> kms.rotate(key, 7));
      assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> kms.destroy(key.withVersion(1)));

      assertEquals(before, kms.attest(key).toJson(), "failed calls left the key unchanged");
      assertEquals(List.of(key), kms.list());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void twoConcurrentRotationsFromOneHeadHaveExactlyOneWinner(Signer signer)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Kms kms = kmsOn(signer)) {
      for (int round = 0; round < 50; round++) {
        KeyId key = kms.create("acme", "race", signer.algorithm());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<KeyId>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          results.add(pool.submit(() -> {
            start.await();
            return kms.rotate(key, 1);
          }));
        }
        start.countDown();
        int wins = 0;
        int conflicts = 0;
        for (Future<KeyId> f : results) {
          try {
            assertEquals(key.withVersion(2), f.get(10, TimeUnit.SECONDS));
            wins++;
          } catch (java.util.concurrent.ExecutionException e) {
            KmsException k = (KmsException) e.getCause();
            assertTrue(k.code() == ErrorCode.CONFLICT || k.code() == ErrorCode.PRECONDITION_FAILED,
                k.getMessage());
            assertEquals(k.code() == ErrorCode.CONFLICT, k.retryable());
            conflicts++;
          }
        }
        assertEquals(1, wins);
        assertEquals(1, conflicts);
        Attestation a = kms.attest(key);
        assertEquals(2, a.headVersion());
        assertEquals(2, a.versions().size(), "the loser left no version behind");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void attestationIsDeterministicAndComplete(Signer signer) {
    try (Kms kms = kmsOn(signer)) {
      KeyId key = kms.create("acme", "audit", signer.algorithm());
      kms.rotate(key);
      kms.stageRotation(key);
      Attestation a = kms.attest(key);
      assertEquals(a.toJson(), kms.attest(key).toJson());
      assertEquals(key, a.keyId());
      assertEquals(signer.provider().name(), a.provider());
      assertFalse(a.verifyOnly());
      assertEquals(2, a.headVersion());
      assertEquals(List.of(VersionState.ENABLED, VersionState.ENABLED, VersionState.PENDING),
          a.versions().stream().map(Attestation.VersionInfo::state).toList());
      assertNotEquals(a.versions().get(0).fingerprint(), a.versions().get(1).fingerprint());
      assertTrue(a.toJson().startsWith("{\"keyId\":\"" + key + "\",\"algorithm\":\"" + signer.algorithm().id() + "\""),
          a.toJson());
      byte[] v1 = kms.publicKey(key.withVersion(1));
      assertEquals(signer.algorithm().publicKeyLength(), v1.length);
      assertFalse(java.util.Arrays.equals(v1, kms.publicKey(key.withVersion(2))));
      assertEquals(a.versions().get(0).fingerprint(), dev.ronkms.keys.Fingerprint.sha256(v1));
      Signed s = kms.sign(key, MSG);
      assertTrue(signer.provider().verify(signer.algorithm(), kms.publicKey(s.keyId()), MSG,
          s.signature()), "the head's public key is the one that verifies its signatures");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void closingRefusesEverything(Signer signer) {
    Kms kms = kmsOn(signer);
    KeyId key = kms.create("acme", "tokens", signer.algorithm());
    kms.close();
    assertCode(ErrorCode.CLOSED, () -> kms.sign(key, MSG));
    assertCode(ErrorCode.CLOSED, () -> kms.attest(key));
    kms.close(); // idempotent
  }
}
