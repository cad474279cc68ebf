package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.NOTHING;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each engine operation returns and leaves behind: the versioned id of the version it made,
 * the state it set, the keys in the store, and creation times from the configured clock.
 */
class EngineResultsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T05:00:00.123456Z");

  private Kms kms(TestProvider p) {
    return Kms.builder().classLoader(NOTHING).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .store(new RogueStore()).addProvider(p).provider(Algorithm.ED25519, p.name()).build();
  }

  @Test
  void rotationsReturnTheVersionTheyMade() {
    try (Kms kms = kms(new TestProvider("t"))) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      assertFalse(key.hasVersion());
      assertEquals(key.withVersion(2), kms.rotate(key));
      assertEquals(key.withVersion(3), kms.rotate(key.withVersion(2), 2));
      KeyId pending = kms.stageRotation(key);
      assertEquals(key.withVersion(4), pending);
      Signed s = kms.sign(key, MSG);
      assertEquals(key.withVersion(3), s.keyId(), "a staged version does not sign");
      assertEquals(pending, kms.promote(pending));
      assertEquals(key.withVersion(4), kms.sign(key, MSG).keyId());
      assertTrue(kms.verify(s, MSG), "v3 keeps verifying");
      assertCode(ErrorCode.PRECONDITION_FAILED, () -> kms.rotate(key, 3));
    }
  }

  @Test
  void stateChangesTakeEffect() {
    try (Kms kms = kms(new TestProvider("t"))) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      Signed s1 = kms.sign(key, MSG);
      kms.rotate(key);
      kms.disable(s1.keyId());
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.verify(s1, MSG));
      kms.enable(s1.keyId());
      assertTrue(kms.verify(s1, MSG));
      kms.setMinVerifyVersion(key, 2);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.verify(s1, MSG));
      assertEquals(2, kms.attest(key).minVerifyVersion());
      kms.setMinVerifyVersion(key, 1);
      assertTrue(kms.verify(s1, MSG));
      Attestation a = kms.attest(key);
      assertEquals(List.of(VersionState.ENABLED, VersionState.ENABLED),
          a.versions().stream().map(Attestation.VersionInfo::state).toList());
      assertEquals(List.of(NOW.toEpochMilli(), NOW.toEpochMilli()), a.versions().stream()
          .map(v -> v.createdAt().toEpochMilli()).toList(), "stamped by the clock, in millis");
      assertEquals(Instant.parse("2026-11-30T05:00:00.123Z"), a.versions().get(0).createdAt());
    }
  }

  @Test
  void onTheProviderRouteAVerifyOnlyKeyIsVerifiedByTheSelectedProvider() {
    TestProvider signer = new TestProvider("s");
    PrivateKeyHandle theirs = signer.generate(Algorithm.ED25519);
    byte[] sig = signer.sign(theirs, MSG);
    EngineFailureTest.Misbehaving counting = new EngineFailureTest.Misbehaving(
        new TestProvider("t"));
    try (Kms kms = Kms.builder().classLoader(NOTHING).addProvider(counting)
        .verificationRoute(VerificationRoute.PROVIDER).build()) {
      KeyId key = kms.importPublicKey("acme", "p", Algorithm.ED25519, theirs.publicKey());
      assertTrue(kms.verify(key.withVersion(1), MSG, sig));
      assertFalse(kms.verify(key.withVersion(1), "x".getBytes(), sig));
      assertEquals(List.of(VerifyResult.valid()),
          kms.verifyBatch(List.of(new VerifyRequest(key.withVersion(1), MSG, sig))));
      assertEquals(3, counting.verifies.get(), "the selected provider answered every time");
    }
  }

  @Test
  void listNamesEveryKeySortedAndPublicKeysMatchTheSigner() {
    TestProvider p = new TestProvider("t");
    try (Kms kms = kms(p)) {
      KeyId b = kms.create("beta", "k", Algorithm.ED25519);
      KeyId a = kms.create("alpha", "k", Algorithm.ED25519);
      assertEquals(List.of(a, b), kms.list());
      byte[] raw = kms.publicKey(a.withVersion(1));
      assertArrayEquals(p.made().get(1).publicKey(), raw);
      assertArrayEquals(PublicKeyEncoding.toSpki(Algorithm.ED25519, raw),
          kms.publicKeySpki(a.withVersion(1)));
      assertTrue(kms.toString().contains("POLICY_VERIFIER"), kms.toString());
      assertEquals(VerificationRoute.POLICY_VERIFIER, kms.verificationRoute());
    }
  }
}
