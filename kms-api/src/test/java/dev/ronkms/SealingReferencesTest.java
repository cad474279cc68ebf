package dev.ronkms;

import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine's sealing path beyond the happy path: a null plaintext or associated data is
 * {@code INVALID_ARGUMENT} before any key is looked up or any counter moves; the parsed key
 * references it caches change no verdict (an envelope naming a cached key under another
 * algorithm is {@code TAMPERED}, as it is uncached) and stay bounded however many references
 * hostile envelopes name.
 */
class SealingReferencesTest {
  static final byte[] SECRET = "cached or not".getBytes(StandardCharsets.UTF_8);
  static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);
  static final byte[] GARBAGE = "not an envelope".getBytes(StandardCharsets.UTF_8);

  private final TestAeadProvider aead = new TestAeadProvider("aead");

  /** A key manager on a store of its own. */
  private Kms kms(AntiRollback policy) {
    KmsBuilder b = Fixtures.builder(aead.recording()).store(new InMemoryKeystoreStore());
    return policy == null ? b.build() : b.antiRollback(policy).build();
  }

  @Test
  void nullDataIsRefusedBeforeAnyKeyIsLookedUp() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      KeyId absent = KeyId.of("acme", "vault", Algorithm.AES_256_GCM, new UUID(1, 2));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(absent, null, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(absent, SECRET, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.open(GARBAGE, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.reseal(GARBAGE, null));
      Sealer view = kms.sealer(key);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> view.open(GARBAGE, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> view.reseal(GARBAGE, null));
      PrivateKeyHandle h = aead.generate(Algorithm.AES_256_GCM);
      byte[] ofAbsent = Envelope.seal(aead, h, absent.format(), 1, StampKind.NONE, 0, SECRET,
          AAD);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.open(ofAbsent, null));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.open(ofAbsent, AAD));
    }
  }

  @Test
  void aRefusedSealMovesNoCounter() {
    try (Kms kms = kms(null)) {
      KeyId key = kms.create("acme", "vault", Algorithm.CHACHA20_POLY1305);
      assertEquals(1, Envelope.parse(kms.seal(key, SECRET, AAD)).stamp());
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(key, null, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sealer(key).seal(null, AAD));
      assertEquals(2, Envelope.parse(kms.seal(key, SECRET, AAD)).stamp(),
          "the refused seals took no counter value");
    }
  }

  @Test
  void aCachedReferenceUnderAnotherAlgorithmIsTampered() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      assertArrayEquals(SECRET, kms.open(envelope, AAD), "its reference is cached now");
      byte[] asChacha = envelope.clone();
      asChacha[5] = 2; // ChaCha20-Poly1305, under the AES key's reference
      byte[] asChachaV99 = asChacha.clone();
      asChachaV99[18] = 99; // and a version the key does not have
      for (int round = 0; round < 2; round++) {
        assertCode(ErrorCode.TAMPERED, () -> kms.open(asChacha, AAD));
        assertCode(ErrorCode.TAMPERED, () -> kms.open(asChachaV99, AAD),
            "refused before the version is looked up");
        assertCode(ErrorCode.TAMPERED, () -> kms.reseal(asChachaV99, AAD));
      }
      try (Kms fresh = kms(AntiRollback.disabled())) {
        assertCode(ErrorCode.TAMPERED, () -> fresh.open(asChachaV99, AAD),
            "the same verdict with nothing cached");
      }
    }
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      kms.open(envelope, AAD);
      byte[] asChacha = envelope.clone();
      asChacha[5] = 2;
      assertTrue(kms.delete(key));
      assertCode(ErrorCode.TAMPERED, () -> kms.open(asChacha, AAD),
          "refused before the key is looked up");
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.open(envelope, AAD));
    }
  }

  @Test
  void theReferenceCacheStaysBoundedAndKeepsWorking() throws Exception {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      assertArrayEquals(SECRET, kms.open(envelope, AAD));
      Map<?, ?> cache = references(kms);
      assertEquals(1, cache.size());
      PrivateKeyHandle h = aead.generate(Algorithm.AES_256_GCM);
      int bound = 4096;
      for (int i = 0; i <= bound + 2; i++) {
        KeyId named = KeyId.of("acme", "hostile", Algorithm.AES_256_GCM, new UUID(7, i));
        byte[] e = Envelope.seal(aead, h, named.format(), 1, StampKind.NONE, 0, SECRET, AAD);
        assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.open(e, AAD));
        assertTrue(cache.size() <= bound, "after " + (i + 2) + " references: " + cache.size());
      }
      assertArrayEquals(SECRET, kms.open(envelope, AAD), "an evicted reference resolves again");
      assertArrayEquals(SECRET, kms.open(kms.seal(key, SECRET, AAD), AAD));
    }
  }

  /** The engine's cache of parsed key references (white box: its size is the property). */
  private static Map<?, ?> references(Kms kms) throws ReflectiveOperationException {
    Field sealing = Kms.class.getDeclaredField("sealing");
    sealing.setAccessible(true);
    Object s = sealing.get(kms);
    Field references = s.getClass().getDeclaredField("references");
    references.setAccessible(true);
    return (Map<?, ?>) references.get(s);
  }
}
