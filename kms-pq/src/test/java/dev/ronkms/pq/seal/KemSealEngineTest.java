package dev.ronkms.pq.seal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.seal.StampKind;
import dev.ronkms.spi.Sealer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Kms.seal / open / reseal / sealer with ML-KEM keys (the KEM envelope format). */
class KemSealEngineTest {
  static final byte[] AAD = "db-password".getBytes(UTF_8);

  static Kms kms(long seed) {
    return kms(seed, AntiRollback.counter());
  }

  static Kms kms(long seed, AntiRollback policy) {
    var b = Kms.builder().addProvider(new KemSealBcProvider(seed)).antiRollback(policy);
    for (Algorithm a : new Algorithm[] {Algorithm.ML_KEM_512, Algorithm.ML_KEM_768,
        Algorithm.ML_KEM_1024}) {
      b.provider(a, KemSealBcProvider.NAME);
    }
    return b.build();
  }

  static byte[] secret(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void roundTripThroughKms(Algorithm algorithm) {
    Random random = new Random(1);
    try (Kms kms = kms(2)) {
      KeyId key = kms.create("acme", "inbox", algorithm);
      for (int length : new int[] {0, 1, 31, 1000}) {
        byte[] plaintext = secret(random, length);
        byte[] envelope = kms.seal(key, plaintext, AAD);
        assertEquals(50 + key.format().length() + algorithm.outputLength() + length,
            envelope.length);
        KemEnvelope parsed = KemEnvelope.parse(envelope);
        assertEquals(algorithm, parsed.algorithm());
        assertEquals(key.format(), parsed.keyReference());
        assertEquals(1, parsed.keyVersion());
        assertEquals(StampKind.COUNTER, parsed.stampKind());
        assertArrayEquals(plaintext, kms.open(envelope, AAD));
        Sealer sealer = kms.sealer(key);
        assertEquals(algorithm.id(), sealer.algorithm());
        assertEquals(key.withVersion(1).format(), sealer.keyReference());
        byte[] viaSealer = sealer.seal(plaintext, AAD);
        assertArrayEquals(plaintext, sealer.open(viaSealer, AAD));
        assertArrayEquals(plaintext, kms.open(viaSealer, AAD));
      }
    }
  }

  @Test
  void twoSealsDiffer() {
    try (Kms kms = kms(3, AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] a = kms.seal(key, new byte[8], AAD);
      byte[] b = kms.seal(key, new byte[8], AAD);
      assertFalse(java.util.Arrays.equals(a, b));
      assertEquals(0, KemEnvelope.parse(a).stamp());
      assertEquals(StampKind.NONE, KemEnvelope.parse(a).stampKind());
    }
  }

  @Test
  void otherAssociatedDataIsTampered() {
    try (Kms kms = kms(4)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_512);
      byte[] envelope = kms.seal(key, "s3cret".getBytes(UTF_8), AAD);
      assertCode(ErrorCode.TAMPERED, () -> kms.open(envelope, "other".getBytes(UTF_8)));
      assertCode(ErrorCode.TAMPERED, () -> kms.open(envelope, new byte[0]));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.open(envelope, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(key, null, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(key, new byte[1], null));
    }
  }

  @Test
  void wrongRecipientIsTampered() {
    try (Kms kms = kms(5)) {
      KeyId alice = kms.create("acme", "alice", Algorithm.ML_KEM_768);
      KeyId bob = kms.create("acme", "bobby", Algorithm.ML_KEM_768);
      byte[] toAlice = kms.seal(alice, new byte[] {1, 2, 3}, AAD);
      // Bob's view refuses Alice's envelope
      assertCode(ErrorCode.TAMPERED, () -> kms.sealer(bob).open(toAlice, AAD));
      // an envelope relabelled to name Bob: Bob's key decapsulates another secret
      byte[] relabelled = relabel(toAlice, alice, bob);
      assertCode(ErrorCode.TAMPERED, () -> kms.open(relabelled, AAD));
      // a host sealing to Alice's public key under Bob's key id
      byte[] misaddressed = KemSealer.toKey(bob.withVersion(1),
          kms.publicKey(alice.withVersion(1))).withProvider(new KemSealBcProvider(6))
          .seal(new byte[] {4}, AAD);
      assertCode(ErrorCode.TAMPERED, () -> kms.open(misaddressed, AAD));
      // an AEAD sealer view or another algorithm's KEM key: not this key's envelope
      KeyId other = kms.create("acme", "alice", Algorithm.ML_KEM_1024);
      assertCode(ErrorCode.TAMPERED, () -> kms.sealer(other).open(toAlice, AAD));
    }
  }

  /** The same envelope with the reference of {@code to} (same length) in place of {@code from}. */
  static byte[] relabel(byte[] envelope, KeyId from, KeyId to) {
    byte[] out = envelope.clone();
    byte[] a = from.format().getBytes(UTF_8);
    byte[] b = to.format().getBytes(UTF_8);
    assertEquals(a.length, b.length);
    System.arraycopy(b, 0, out, 22, b.length);
    return out;
  }

  @Test
  void truncatedAndGarbageAreTampered() {
    Random random = new Random(7);
    try (Kms kms = kms(8)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_512);
      byte[] envelope = kms.seal(key, secret(random, 40), AAD);
      for (int n = 0; n < envelope.length; n++) {
        byte[] cut = java.util.Arrays.copyOf(envelope, n);
        assertCode(ErrorCode.TAMPERED, () -> kms.open(cut, AAD));
      }
      byte[] longer = java.util.Arrays.copyOf(envelope, envelope.length + 1);
      assertCode(ErrorCode.TAMPERED, () -> kms.open(longer, AAD));
      for (int i = 0; i < 200; i++) {
        byte[] garbage = secret(random, random.nextInt(2000));
        if (i % 2 == 0 && garbage.length >= 4) {
          System.arraycopy("RKSK".getBytes(UTF_8), 0, garbage, 0, 4);
        }
        assertCode(ErrorCode.TAMPERED, () -> kms.open(garbage, AAD));
      }
    }
  }

  @Test
  void disabledAndDestroyedVersions() {
    try (Kms kms = kms(9)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] v1 = kms.seal(key, "one".getBytes(UTF_8), AAD);
      kms.rotate(key);
      byte[] v2 = kms.seal(key, "two".getBytes(UTF_8), "b".getBytes(UTF_8));
      kms.disable(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.open(v1, AAD));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.reseal(v1, AAD));
      kms.enable(key.withVersion(1));
      assertArrayEquals("one".getBytes(UTF_8), kms.open(v1, AAD));
      kms.disable(key.withVersion(1));
      kms.destroy(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.open(v1, AAD));
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.sealer(key).open(v1, AAD));
      assertArrayEquals("two".getBytes(UTF_8), kms.open(v2, "b".getBytes(UTF_8)));
    }
  }

  @Test
  void rotationOpensOldEnvelopesAndResealsToTheHead() {
    try (Kms kms = kms(10)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_1024);
      byte[] old = kms.seal(key, "secret".getBytes(UTF_8), AAD);
      Sealer view = kms.sealer(key);
      kms.rotate(key);
      assertEquals(key.withVersion(2).format(), view.keyReference());
      assertArrayEquals("secret".getBytes(UTF_8), kms.open(old, AAD));
      byte[] fresh = kms.reseal(old, AAD);
      assertEquals(2, KemEnvelope.parse(fresh).keyVersion());
      assertArrayEquals("secret".getBytes(UTF_8), kms.open(fresh, AAD));
      byte[] viaView = view.reseal(fresh, AAD);
      assertEquals(2, KemEnvelope.parse(viaView).keyVersion());
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.seal(key.withVersion(1), new byte[1],
          AAD));
      assertEquals(2, KemEnvelope.parse(kms.seal(key.withVersion(2), new byte[1], AAD))
          .keyVersion());
      // the old envelope is now older than the newest of its context
      assertCode(ErrorCode.ROLLBACK, () -> kms.open(old, AAD));
      kms.setMinVerifyVersion(key, 2);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.open(old, AAD));
    }
  }

  @Test
  void verifyOnlyKeySealsToItsHolderWhoAloneOpens() {
    try (Kms recipient = kms(11); Kms host = kms(12)) {
      KeyId key = recipient.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] ek = recipient.publicKey(key.withVersion(1));
      KeyId imported = host.importPublicKey("acme", "inbox-pub", Algorithm.ML_KEM_768, ek);
      byte[] envelope = host.seal(imported, "to the recipient".getBytes(UTF_8), AAD);
      KemEnvelope parsed = KemEnvelope.parse(envelope);
      assertEquals(KemEnvelope.fingerprint(ek), parsed.keyReference(),
          "the host's id for the key means nothing to its holder: the fingerprint is named");
      assertEquals(0, parsed.keyVersion());
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> host.sealer(imported).open(envelope, AAD));
      assertCode(ErrorCode.TAMPERED, () -> host.open(envelope, AAD));
      // Kms.open cannot tell which key a fingerprint is for
      assertCode(ErrorCode.TAMPERED, () -> recipient.open(envelope, AAD));
      assertArrayEquals("to the recipient".getBytes(UTF_8),
          recipient.sealer(key).open(envelope, AAD));
      recipient.rotate(key);
      assertArrayEquals("to the recipient".getBytes(UTF_8),
          recipient.sealer(key).open(envelope, AAD), "found by fingerprint after rotation");
    }
  }

  @Test
  void replayOfAnOlderEnvelopeIsRollback() {
    try (Kms kms = kms(13)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_512);
      byte[] first = kms.seal(key, "v1".getBytes(UTF_8), AAD);
      byte[] second = kms.seal(key, "v2".getBytes(UTF_8), AAD);
      assertEquals(1, KemEnvelope.parse(first).stamp());
      assertEquals(2, KemEnvelope.parse(second).stamp());
      assertArrayEquals("v2".getBytes(UTF_8), kms.open(second, AAD));
      assertArrayEquals("v2".getBytes(UTF_8), kms.open(second, AAD));
      KmsException e = assertThrows(KmsException.class, () -> kms.open(first, AAD));
      assertEquals(ErrorCode.ROLLBACK, e.code());
      // another context is counted apart
      byte[] other = kms.seal(key, "x".getBytes(UTF_8), "other".getBytes(UTF_8));
      assertArrayEquals("x".getBytes(UTF_8), kms.open(other, "other".getBytes(UTF_8)));
    }
    // an unstamped envelope under a counter policy is ROLLBACK; disabled() opens it
    try (Kms disabled = kms(14, AntiRollback.disabled())) {
      KeyId key = disabled.create("acme", "inbox", Algorithm.ML_KEM_512);
      byte[] unstamped = disabled.seal(key, "n".getBytes(UTF_8), AAD);
      assertArrayEquals("n".getBytes(UTF_8), disabled.open(unstamped, AAD));
    }
  }

  @Test
  void theMagicTellsTheFormatsApart() {
    try (Kms kms = kms(15)) {
      KeyId kem = kms.create("acme", "inbox", Algorithm.ML_KEM_512);
      byte[] envelope = kms.seal(kem, new byte[4], AAD);
      assertTrue(KemEnvelope.hasMagic(envelope));
      assertFalse(KemEnvelope.hasMagic("RKSE".getBytes(UTF_8)));
    }
  }

  @Test
  void noSecretInMessagesOrToString() {
    byte[] plaintext = "PLAINTEXT-MARKER-0123456789".getBytes(UTF_8);
    try (Kms kms = kms(16)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] first = kms.seal(key, plaintext, AAD);
      kms.seal(key, plaintext, AAD);
      KemEnvelope parsed = KemEnvelope.parse(first);
      String hex = java.util.HexFormat.of().formatHex(plaintext);
      for (String s : new String[] {parsed.toString(), kms.sealer(key).toString(),
          assertThrows(KmsException.class, () -> kms.open(first, AAD)).getMessage(),
          assertThrows(KmsException.class, () -> kms.open(first, new byte[1])).getMessage()}) {
        assertFalse(s.contains("PLAINTEXT"), s);
        assertFalse(s.contains(hex), s);
      }
      assertTrue(parsed.toString().contains(key.format()));
    }
  }
}
