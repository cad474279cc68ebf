package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.conformance.Backends.Kem;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.Encapsulation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key lifecycle of KEM keys through the engine, for every KEM algorithm on every provider:
 * the head encapsulates, every version that may verify decapsulates, rotation, states, minimum
 * version, verify-only import, attestation and export policy behave as for signature keys.
 */
class KemLifecycleTest {

  static Kms kmsOn(Kem kem) {
    return Kms.builder().addProvider(kem.provider())
        .provider(kem.algorithm(), kem.provider().name()).build();
  }

  static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachKem")
  void everyOldEncapsulationOpensAfterRotations(Kem kem) {
    try (Kms kms = kmsOn(kem)) {
      KeyId key = kms.create("acme", "inbox", kem.algorithm());
      List<Encapsulated> sent = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        Encapsulated e = kms.encapsulate(key);
        assertEquals(key.withVersion(i), e.keyId(), "the head encapsulates");
        assertEquals(kem.algorithm().outputLength(), e.ciphertext().length);
        assertEquals(32, e.sharedSecret().length);
        sent.add(e);
        kms.rotate(key);
      }
      for (Encapsulated e : sent) {
        assertArrayEquals(e.sharedSecret(), kms.decapsulate(e.keyId(), e.ciphertext()));
      }
      Encapsulated first = sent.get(0);
      byte[] wrongKey = kms.decapsulate(key.withVersion(2), first.ciphertext());
      assertFalse(Arrays.equals(first.sharedSecret(), wrongKey),
          "another version's key gives the implicit-rejection secret, not the shared one");
      byte[] flipped = first.ciphertext();
      flipped[flipped.length / 2] ^= 1;
      byte[] rejected = kms.decapsulate(first.keyId(), flipped);
      assertFalse(Arrays.equals(first.sharedSecret(), rejected));
      assertArrayEquals(rejected, kms.decapsulate(first.keyId(), flipped),
          "implicit rejection is deterministic");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachKem")
  void statesAndTheMinimumGovernDecapsulation(Kem kem) {
    try (Kms kms = kmsOn(kem)) {
      KeyId key = kms.create("acme", "inbox", kem.algorithm());
      Encapsulated v1 = kms.encapsulate(key);
      kms.rotate(key);
      Encapsulated v2 = kms.encapsulate(key);
      kms.rotate(key);
      kms.disable(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.decapsulate(v1.keyId(),
          v1.ciphertext()));
      kms.enable(key.withVersion(1));
      assertArrayEquals(v1.sharedSecret(), kms.decapsulate(v1.keyId(), v1.ciphertext()));
      kms.setMinVerifyVersion(key, 2);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.decapsulate(v1.keyId(),
          v1.ciphertext()));
      kms.destroy(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.decapsulate(v1.keyId(),
          v1.ciphertext()));
      KeyId pending = kms.stageRotation(key);
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.encapsulate(pending));
      assertEquals(key.withVersion(3), kms.encapsulate(key).keyId(), "pending does not encapsulate");
      kms.promote(pending);
      assertEquals(pending, kms.encapsulate(key).keyId());
      assertArrayEquals(v2.sharedSecret(), kms.decapsulate(v2.keyId(), v2.ciphertext()));
      Attestation a = kms.attest(key);
      assertEquals(List.of(VersionState.DESTROYED, VersionState.ENABLED, VersionState.ENABLED,
          VersionState.ENABLED), a.versions().stream().map(Attestation.VersionInfo::state)
          .toList());
      assertNull(a.signatureVariant());
      assertTrue(a.toJson().contains("\"algorithm\":\"" + kem.algorithm().id() + "\""));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachKem")
  void badInputGetsTypedErrorsAndChangesNothing(Kem kem) {
    try (Kms kms = kmsOn(kem)) {
      KeyId key = kms.create("acme", "inbox", kem.algorithm());
      Encapsulated e = kms.encapsulate(key);
      String before = kms.attest(key).toJson();
      int length = kem.algorithm().outputLength();
      assertCode(ErrorCode.MALFORMED_CIPHERTEXT, () -> kms.decapsulate(e.keyId(),
          new byte[length - 1]));
      assertCode(ErrorCode.MALFORMED_CIPHERTEXT, () -> kms.decapsulate(e.keyId(),
          new byte[length + 1]));
      assertCode(ErrorCode.VERSION_REQUIRED, () -> kms.decapsulate(key, e.ciphertext()));
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.decapsulate(key.withVersion(5),
          e.ciphertext()));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sign(key, new byte[1]));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.verify(e.keyId(), new byte[1],
          new byte[length]));
      byte[] ek = kms.publicKey(e.keyId());
      assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme", "peer",
          kem.algorithm(), Arrays.copyOf(ek, ek.length - 1)));
      assertCode(ErrorCode.MALFORMED_KEY, () -> kem.provider().encapsulate(kem.algorithm(),
          Arrays.copyOf(ek, ek.length + 1)));
      byte[] overQ = ek.clone();
      overQ[0] = (byte) 0xff;
      overQ[1] = (byte) 0xff;
      assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme", "peer",
          kem.algorithm(), overQ));
      assertCode(ErrorCode.MALFORMED_KEY, () -> kem.provider().encapsulate(kem.algorithm(),
          overQ));
      assertEquals(before, kms.attest(key).toJson());
      assertEquals(List.of(key), kms.list());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachKem")
  void aVerifyOnlyKeyEncapsulatesToItsHolder(Kem kem) {
    try (Kms holder = kmsOn(kem); Kms sender = kmsOn(kem)) {
      KeyId key = holder.create("acme", "inbox", kem.algorithm(),
          KeyOptions.defaults().with(ExportPolicy.EXPORTABLE_SEALED));
      KeyId peer = sender.importPublicKey("acme", "inbox", kem.algorithm(),
          holder.publicKeySpki(key.withVersion(1)));
      assertTrue(sender.attest(peer).verifyOnly());
      try (Encapsulated e = sender.encapsulate(peer)) {
        assertArrayEquals(e.sharedSecret(), holder.decapsulate(key.withVersion(1),
            e.ciphertext()));
        assertCode(ErrorCode.NO_PRIVATE_KEY, () -> sender.decapsulate(e.keyId(),
            e.ciphertext()));
      }
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> sender.rotate(peer));
      try (Encapsulation raw = kem.provider().encapsulate(kem.algorithm(),
          holder.publicKey(key.withVersion(1)))) {
        assertArrayEquals(raw.sharedSecret(), holder.decapsulate(key.withVersion(1),
            raw.ciphertext()), "the provider and the engine agree");
      }
      assertEquals(ExportPolicy.EXPORTABLE_SEALED, holder.attest(key).exportPolicy());
    }
  }
}
