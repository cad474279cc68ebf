package dev.ronkms;

import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.keys.SignedAttestation;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.spi.TestProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code attest(key, attestationKey)} and {@code verifyAttestation}. */
class SignedAttestationTest {
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  private final TestProvider provider = new TestProvider("sig");
  private final OperationEventsTest.Recorder events = new OperationEventsTest.Recorder();

  private Kms kms() {
    return Fixtures.builder(provider, new TestAeadProvider("aead"))
        .provider(Algorithm.ED25519, "sig").clock(Clock.fixed(T0, ZoneOffset.UTC))
        .antiRollback(AntiRollback.disabled()).listener(events).build();
  }

  @Test
  void aSignedAttestationVerifiesAndTravelsAsText() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      kms.rotate(key);
      KeyId attester = kms.create("acme", "attest", Algorithm.ED25519);
      SignedAttestation signed = kms.attest(key, attester);
      assertEquals(kms.attest(key).toJson(), signed.attestation(), "the JSON exactly as toJson");
      assertEquals(attester.withVersion(1), signed.keyId());
      assertEquals(64, signed.signature().length);
      assertTrue(kms.verifyAttestation(signed));
      SignedAttestation shipped = SignedAttestation.parse(signed.toJson());
      assertEquals(signed, shipped);
      assertTrue(kms.verifyAttestation(shipped));
      assertEquals(signed.toJson(), kms.attest(key, attester).toJson(),
          "Ed25519 and a fixed key state: the same envelope each time");

      KeyId v2 = kms.rotate(attester);
      SignedAttestation byHead = kms.attest(key, attester);
      assertEquals(v2, byHead.keyId(), "the head signs");
      assertTrue(kms.verifyAttestation(byHead));
      assertTrue(kms.verifyAttestation(signed), "older versions still verify");
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.attest(key, attester.withVersion(1)));
      assertEquals(signed.toJson().length(), shipped.toJson().length());
      assertTrue(kms.verifyAttestation(kms.attest(attester, attester)), "self-attestation");
    }
  }

  @Test
  void theSignedBytesArePrefixAndJsonAsAnyEd25519VerifierSeesThem() throws Exception {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      KeyId attester = kms.create("acme", "attest", Algorithm.ED25519);
      SignedAttestation signed = kms.attest(key, attester);
      byte[] expected = ("ron-kms attestation v1\n" + kms.attest(key).toJson())
          .getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(expected, signed.signedBytes());
      assertArrayEquals(expected, SignedAttestation.signedBytes(signed.attestation()));
      byte[] publicKey = kms.publicKey(signed.keyId());
      assertTrue(provider.verify(Algorithm.ED25519, publicKey, expected, signed.signature()));
      assertFalse(provider.verify(Algorithm.ED25519, publicKey,
          signed.attestation().getBytes(StandardCharsets.UTF_8), signed.signature()),
          "the prefix is signed too");

      PublicKey jdk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
          PublicKeyEncoding.toSpki(Algorithm.ED25519, publicKey)));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(jdk);
      verifier.update(expected);
      assertTrue(verifier.verify(signed.signature()), "the JDK's Ed25519 agrees");
    }
  }

  @Test
  void anyChangeToTheAttestationIsRefused() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      KeyId attester = kms.create("acme", "attest", Algorithm.ED25519);
      SignedAttestation signed = kms.attest(key, attester);
      String json = signed.attestation();
      int refused = 0;
      for (int i = 0; i < json.length(); i++) {
        char[] chars = json.toCharArray();
        chars[i] ^= 1;
        String tampered = new String(chars);
        SignedAttestation forged;
        try {
          forged = new SignedAttestation(tampered, signed.keyId(), signed.signature());
        } catch (KmsException e) {
          assertEquals(ErrorCode.MALFORMED_ATTESTATION, e.code(), e.getMessage());
          refused++;
          continue;
        }
        assertFalse(kms.verifyAttestation(forged), tampered);
        refused++;
      }
      assertEquals(json.length(), refused);
      assertFalse(kms.verifyAttestation(new SignedAttestation(json + " ", signed.keyId(),
          signed.signature())), "even insignificant whitespace changes the signed bytes");
      byte[] sig = signed.signature();
      sig[10] ^= 0x40;
      assertFalse(kms.verifyAttestation(new SignedAttestation(json, signed.keyId(), sig)));
    }
  }

  @Test
  void anotherKeyOrVersionDoesNotVerify() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      KeyId attester = kms.create("acme", "attest", Algorithm.ED25519);
      KeyId other = kms.create("acme", "other", Algorithm.ED25519);
      SignedAttestation signed = kms.attest(key, attester);
      assertFalse(kms.verifyAttestation(new SignedAttestation(signed.attestation(),
          other.withVersion(1), signed.signature())), "another key");
      KeyId v2 = kms.rotate(attester);
      assertFalse(kms.verifyAttestation(new SignedAttestation(signed.attestation(), v2,
          signed.signature())), "another version of the same key");
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.verifyAttestation(
          new SignedAttestation(signed.attestation(), attester.withVersion(9),
              signed.signature())));
      assertCode(ErrorCode.MALFORMED_SIGNATURE, () -> kms.verifyAttestation(
          new SignedAttestation(signed.attestation(), signed.keyId(), new byte[63])));
    }
  }

  @Test
  void theAttestationKeysVerificationRulesApply() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      KeyId attester = kms.create("acme", "attest", Algorithm.ED25519);
      SignedAttestation byV1 = kms.attest(key, attester);
      kms.rotate(attester);
      SignedAttestation byV2 = kms.attest(key, attester);
      kms.rotate(attester);
      kms.disable(byV1.keyId());
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.verifyAttestation(byV1));
      kms.enable(byV1.keyId());
      assertTrue(kms.verifyAttestation(byV1));
      kms.setMinVerifyVersion(attester, 2);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.verifyAttestation(byV1));
      kms.disable(byV2.keyId());
      kms.destroy(byV2.keyId());
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.verifyAttestation(byV2));
      kms.delete(attester);
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.verifyAttestation(byV1));
    }
  }

  @Test
  void onlyAKeyThatSignsCanAttest() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      KeyId partner = kms.importPublicKey("acme", "partner", Algorithm.ED25519,
          kms.publicKey(key.withVersion(1)));
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.attest(key, partner));
      KeyId box = kms.create("acme", "box", Algorithm.AES_256_GCM);
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.attest(key, box));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.attest(key, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verifyAttestation(null));
      KeyId missing = KeyId.parse("acme/gone/ed25519/00000000-0000-4000-8000-000000000000");
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.attest(missing, key));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.attest(key, missing));
      assertTrue(kms.verifyAttestation(kms.attest(partner, key)), "a verify-only key is attested");
    }
  }

  @Test
  void attestingReportsTheSignatureAndTheAttestation() {
    try (Kms kms = kms()) {
      KeyId key = kms.create("acme", "payments", Algorithm.ED25519);
      KeyId attester = kms.create("acme", "attest", Algorithm.ED25519);
      events.drain();
      SignedAttestation signed = kms.attest(key, attester);
      List<OperationEvent> seen = events.drain();
      assertEquals(List.of(Operation.SIGN, Operation.ATTEST),
          seen.stream().map(OperationEvent::operation).toList());
      assertEquals(attester.withVersion(1), seen.get(0).keyId());
      assertEquals(key, seen.get(1).keyId());
      assertEquals(Outcome.SUCCESS, seen.get(1).outcome());
      kms.verifyAttestation(signed);
      OperationEvent verify = events.only();
      assertEquals(Operation.VERIFY, verify.operation());
      assertEquals(signed.keyId(), verify.keyId());
      assertFalse(kms.verifyAttestation(new SignedAttestation(signed.attestation(),
          key.withVersion(1), signed.signature())));
      assertEquals(Outcome.NEGATIVE, events.only().outcome());

      KeyId partner = kms.importPublicKey("acme", "partner", Algorithm.ED25519,
          kms.publicKey(key.withVersion(1)));
      events.drain();
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.attest(key, partner));
      seen = events.drain();
      assertEquals(List.of(Operation.SIGN, Operation.ATTEST),
          seen.stream().map(OperationEvent::operation).toList());
      assertEquals(ErrorCode.NO_PRIVATE_KEY, seen.get(0).error());
      assertEquals(ErrorCode.NO_PRIVATE_KEY, seen.get(1).error());
    }
  }
}
