package dev.ronkms.pq.seal;

import static dev.ronkms.pq.seal.KemSealEngineTest.AAD;
import static dev.ronkms.pq.seal.KemSealEngineTest.assertCode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.seal.StampKind;
import dev.ronkms.spi.Sealer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The standalone recipient sealer: a host seals to a public key, the recipient's Kms opens. */
class KemSealerTest {

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void hostSealsToKeyIdRecipientOpens(Algorithm algorithm) {
    Random random = new Random(31);
    try (Kms recipient = KemSealEngineTest.kms(32)) {
      KeyId key = recipient.create("acme", "inbox", algorithm);
      KeyId v1 = key.withVersion(1);
      Sealer host = KemSealer.toKey(v1, recipient.publicKey(v1))
          .withProvider(new KemSealBcProvider(33));
      assertEquals(algorithm.id(), host.algorithm());
      assertEquals(v1.format(), host.keyReference());
      for (int length : new int[] {0, 17, 4096}) {
        byte[] plaintext = KemSealEngineTest.secret(random, length);
        byte[] aad = ("secret-" + length).getBytes(UTF_8);
        byte[] envelope = host.seal(plaintext, aad);
        KemEnvelope parsed = KemEnvelope.parse(envelope);
        assertEquals(key.format(), parsed.keyReference());
        assertEquals(1, parsed.keyVersion());
        assertEquals(StampKind.COUNTER, parsed.stampKind());
        assertArrayEquals(plaintext, recipient.open(envelope, aad));
        assertArrayEquals(plaintext, recipient.sealer(key).open(envelope, aad));
        // the recipient moves it under its own head
        byte[] resealed = recipient.reseal(envelope, aad);
        assertArrayEquals(plaintext, recipient.open(resealed, aad));
        assertCode(ErrorCode.NO_PRIVATE_KEY, () -> host.open(envelope, aad));
        assertCode(ErrorCode.NO_PRIVATE_KEY, () -> host.reseal(envelope, aad));
      }
    }
  }

  @Test
  void hostSealsToBarePublicKeyRecipientViewOpens() {
    try (Kms recipient = KemSealEngineTest.kms(34)) {
      KeyId key = recipient.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] ek1 = recipient.publicKey(key.withVersion(1));
      KemSealer host = KemSealer.toPublicKey(Algorithm.ML_KEM_768, ek1)
          .withProvider(new KemSealBcProvider(35));
      assertEquals(KemEnvelope.fingerprint(ek1), host.keyReference());
      assertTrue(host.keyReference().matches("sha256:[0-9a-f]{64}"));
      byte[] envelope = host.seal("hello".getBytes(UTF_8), AAD);
      assertEquals(0, KemEnvelope.parse(envelope).keyVersion());
      // Kms.open cannot tell which key: refused; the key's own view opens
      assertCode(ErrorCode.TAMPERED, () -> recipient.open(envelope, AAD));
      assertArrayEquals("hello".getBytes(UTF_8), recipient.sealer(key).open(envelope, AAD));
      // after a rotation the fingerprint still finds version 1; reseal names the key id
      recipient.rotate(key);
      byte[] resealed = recipient.sealer(key).reseal(envelope, AAD);
      assertEquals(2, KemEnvelope.parse(resealed).keyVersion());
      assertArrayEquals("hello".getBytes(UTF_8), recipient.open(resealed, AAD));
      recipient.disable(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> recipient.sealer(key).open(envelope, AAD));
      // another key holds no version with that fingerprint
      KeyId other = recipient.create("acme", "other", Algorithm.ML_KEM_768);
      assertCode(ErrorCode.TAMPERED, () -> recipient.sealer(other).open(envelope, AAD));
    }
  }

  @Test
  void hostCountersAreCheckedByTheRecipient() {
    try (Kms recipient = KemSealEngineTest.kms(36)) {
      KeyId key = recipient.create("acme", "inbox", Algorithm.ML_KEM_512);
      KeyId v1 = key.withVersion(1);
      KemSealer host = KemSealer.toKey(v1, recipient.publicKey(v1))
          .withProvider(new KemSealBcProvider(37));
      byte[] older = host.seal("old".getBytes(UTF_8), AAD);
      byte[] newer = host.seal("new".getBytes(UTF_8), AAD);
      assertArrayEquals("new".getBytes(UTF_8), recipient.open(newer, AAD));
      assertCode(ErrorCode.ROLLBACK, () -> recipient.open(older, AAD));
      // an unstamped envelope is refused by a counter policy
      byte[] unstamped = host.withAntiRollback(AntiRollback.disabled()).seal(new byte[1], AAD);
      assertEquals(StampKind.NONE, KemEnvelope.parse(unstamped).stampKind());
      assertCode(ErrorCode.ROLLBACK, () -> recipient.open(unstamped, AAD));
    }
  }

  @Test
  void exportSealedToARecipientsPublicKey() {
    try (Kms source = KemSealEngineTest.kms(42); Kms recipient = KemSealEngineTest.kms(43)) {
      KeyId inbox = recipient.create("acme", "inbox", Algorithm.ML_KEM_768);
      KeyId v1 = inbox.withVersion(1);
      KeyId moved = source.create("acme", "moved", Algorithm.ML_KEM_512,
          dev.ronkms.keys.ExportPolicy.EXPORTABLE_SEALED);
      source.rotate(moved);
      byte[] bundle = source.exportKey(moved, KemSealer.toKey(v1, recipient.publicKey(v1))
          .withProvider(new KemSealBcProvider(44)));
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> source.importKey(bundle,
          KemSealer.toKey(v1, recipient.publicKey(v1))));
      assertEquals(moved, recipient.importKey(bundle, recipient.sealer(inbox)));
      // the imported key decapsulates what the source encapsulates
      try (var e = source.encapsulate(moved)) {
        assertArrayEquals(e.sharedSecret(), recipient.decapsulate(e.keyId(), e.ciphertext()));
      }
    }
  }

  @Test
  void argumentsAreChecked() {
    try (Kms recipient = KemSealEngineTest.kms(38)) {
      KeyId key = recipient.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] ek = recipient.publicKey(key.withVersion(1));
      assertCode(ErrorCode.MALFORMED_KEY, () -> KemSealer.toPublicKey(Algorithm.ML_KEM_768,
          new byte[10]));
      assertCode(ErrorCode.MALFORMED_KEY, () -> KemSealer.toPublicKey(Algorithm.ML_KEM_512,
          ek));
      assertCode(ErrorCode.MALFORMED_KEY, () -> KemSealer.toPublicKey(Algorithm.ML_KEM_768,
          null));
      byte[] badModulus = ek.clone();
      badModulus[0] = (byte) 0xff;
      badModulus[1] = (byte) 0x0f; // first coefficient 4095 >= q
      assertCode(ErrorCode.MALFORMED_KEY, () -> KemSealer.toPublicKey(Algorithm.ML_KEM_768,
          badModulus));
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> KemSealer.toPublicKey(Algorithm.ED25519,
          new byte[32]));
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> KemSealer.toPublicKey(null, ek));
      assertCode(ErrorCode.VERSION_REQUIRED, () -> KemSealer.toKey(key, ek));
      assertCode(ErrorCode.INVALID_KEY_ID, () -> KemSealer.toKey(null, ek));
      assertCode(ErrorCode.MALFORMED_KEY, () -> KemSealer.toKey(key.withVersion(1), badModulus));
      KemSealer host = KemSealer.toKey(key.withVersion(1), ek)
          .withProvider(new KemSealBcProvider(39));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> host.seal(null, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> host.seal(new byte[1], null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> host.withAntiRollback(null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> host.withProvider(null));
      // the key is copied in and out
      ek[5] ^= 1;
      assertFalse(java.util.Arrays.equals(ek, host.encapsulationKey()));
      String text = host.toString() + assertCodeMessage(host);
      assertFalse(text.contains("PLAIN"), text);
    }
  }

  private static String assertCodeMessage(KemSealer host) {
    try {
      host.open("PLAIN".getBytes(UTF_8), AAD);
      return "";
    } catch (dev.ronkms.KmsException e) {
      assertEquals(ErrorCode.NO_PRIVATE_KEY, e.code());
      return e.getMessage();
    }
  }
}
