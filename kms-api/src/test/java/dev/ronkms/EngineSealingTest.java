package dev.ronkms;

import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Kms#seal}, {@link Kms#open} and {@link Kms#reseal} on both AEAD algorithms: envelopes
 * name the key and the head that sealed them, open while that version may verify, fail with
 * {@code TAMPERED} on any other input, and pass the anti-rollback policy only after they
 * authenticated; a refused plaintext is zeroised.
 */
class EngineSealingTest {
  static final byte[] SECRET = "the launch code is 0000".getBytes(StandardCharsets.UTF_8);
  static final byte[] AAD = "db-password".getBytes(StandardCharsets.UTF_8);
  static final List<Algorithm> AEADS = List.of(Algorithm.AES_256_GCM,
      Algorithm.CHACHA20_POLY1305);

  private final TestAeadProvider aead = new TestAeadProvider("aead");
  private final InMemoryKeystoreStore store = new InMemoryKeystoreStore();

  /** A key manager on the shared {@link #store}; closing it closes the store. */
  private Kms kms(AntiRollback policy) {
    return kms(policy, store);
  }

  private Kms kms(AntiRollback policy, InMemoryKeystoreStore on) {
    KmsBuilder b = Fixtures.builder(new TestProvider("sig"), aead.recording()).store(on);
    return policy == null ? b.build() : b.antiRollback(policy).build();
  }

  @Test
  void aSealedSecretOpensOnBothAlgorithms() {
    for (Algorithm a : AEADS) {
      try (Kms kms = kms(null, new InMemoryKeystoreStore())) {
        KeyId key = kms.create("acme", "vault", a);
        byte[] envelope = kms.seal(key, SECRET, AAD);
        Envelope parsed = Envelope.parse(envelope);
        assertEquals(key.format(), parsed.keyReference(), "the key id without version");
        assertEquals(1, parsed.keyVersion());
        assertEquals(a, parsed.algorithm());
        assertEquals(StampKind.COUNTER, parsed.stampKind(), "the counter policy by default");
        assertEquals(1, parsed.stamp());
        assertArrayEquals(SECRET, kms.open(envelope, AAD));
        assertArrayEquals(SECRET, kms.open(envelope, AAD), "the newest envelope opens again");
        assertArrayEquals(new byte[0], kms.open(kms.seal(key, new byte[0], new byte[0]),
            new byte[0]), "empty plaintext and associated data");
        assertArrayEquals(SECRET, kms.open(kms.seal(key.withVersion(1), SECRET, AAD), AAD),
            "the head may be named");
      }
    }
  }

  @Test
  void oldEnvelopesOpenUntilTheirVersionMayNotVerify() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] byV1 = kms.seal(key, SECRET, AAD);
      kms.rotate(key);
      byte[] byV2 = kms.seal(key, SECRET, AAD);
      kms.rotate(key);
      assertEquals(2, Envelope.parse(byV2).keyVersion());
      assertEquals(3, Envelope.parse(kms.seal(key, SECRET, AAD)).keyVersion());
      assertArrayEquals(SECRET, kms.open(byV1, AAD));
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.seal(key.withVersion(2), SECRET, AAD));
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.seal(key.withVersion(9), SECRET, AAD));
      kms.disable(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.open(byV1, AAD));
      kms.enable(key.withVersion(1));
      assertArrayEquals(SECRET, kms.open(byV1, AAD));
      kms.setMinVerifyVersion(key, 2);
      assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> kms.open(byV1, AAD));
      kms.setMinVerifyVersion(key, 1);
      kms.destroy(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.open(byV1, AAD));
      assertArrayEquals(SECRET, kms.open(byV2, AAD));
      assertTrue(kms.delete(key));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.open(byV2, AAD));
    }
  }

  @Test
  void aPendingVersionOpensButDoesNotSeal() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.CHACHA20_POLY1305);
      KeyId pending = kms.stageRotation(key);
      assertEquals(1, Envelope.parse(kms.seal(key, SECRET, AAD)).keyVersion());
      assertCode(ErrorCode.NOT_HEAD_VERSION, () -> kms.seal(pending, SECRET, AAD));
      // an envelope of the pending version (as another engine on this store could have made)
      PrivateKeyHandle h = store.load(key).orElseThrow().version(2).handle().orElseThrow();
      byte[] byPending = Envelope.seal(aead, h, key.format(), 2, StampKind.NONE, 0, SECRET, AAD);
      assertArrayEquals(SECRET, kms.open(byPending, AAD));
    }
  }

  @Test
  void anythingButTheEnvelopeAndItsAssociatedDataIsTampered() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      KeyId other = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      assertCode(ErrorCode.TAMPERED, () -> kms.open(envelope, "other".getBytes()));
      assertCode(ErrorCode.TAMPERED, () -> kms.open(envelope, new byte[0]));
      int referenceEnd = 21 + key.format().length();
      for (int i = 0; i < envelope.length; i++) {
        byte[] flipped = envelope.clone();
        flipped[i] ^= 0x01;
        KmsException e = assertThrowsKms(() -> kms.open(flipped, AAD));
        // the version and the reference choose the key before anything is authenticated
        List<ErrorCode> expected = i >= 15 && i <= 17 ? List.of(ErrorCode.VERSION_NOT_FOUND)
            : i >= 21 && i < referenceEnd ? List.of(ErrorCode.TAMPERED, ErrorCode.KEY_NOT_FOUND)
            : List.of(ErrorCode.TAMPERED);
        assertTrue(expected.contains(e.code()), "byte " + i + ": " + e.code());
        assertFalse(e.getMessage().contains("launch"), e.getMessage());
      }
      for (int n = 0; n < envelope.length; n++) {
        byte[] cut = java.util.Arrays.copyOf(envelope, n);
        assertCode(ErrorCode.TAMPERED, () -> kms.open(cut, AAD));
      }
      assertCode(ErrorCode.TAMPERED, () -> kms.open("not an envelope".getBytes(), AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.open(null, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.open(envelope, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(key, null, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.seal(key, SECRET, null));
      // another key's version 1 under this envelope's reference: authentication fails
      PrivateKeyHandle otherKey = store.load(other).orElseThrow().version(1).handle()
          .orElseThrow();
      byte[] forged = Envelope.seal(aead, otherKey, key.format(), 1, StampKind.NONE, 0, SECRET,
          AAD);
      assertCode(ErrorCode.TAMPERED, () -> kms.open(forged, AAD));
    }
  }

  @Test
  void aReferenceThatIsNotAnUnversionedKeyIdOfTheAlgorithmIsTampered() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      PrivateKeyHandle h = store.load(key).orElseThrow().version(1).handle().orElseThrow();
      KeyId asChacha = KeyId.of("acme", "vault", Algorithm.CHACHA20_POLY1305, key.uuid());
      KeyId asSigner = KeyId.of("acme", "vault", Algorithm.ED25519, key.uuid());
      for (String reference : List.of("not a key id", key.withVersion(1).format(),
          asChacha.format(), asSigner.format(), key.format().toUpperCase())) {
        byte[] e = Envelope.seal(aead, h, reference, 1, StampKind.NONE, 0, SECRET, AAD);
        assertCode(ErrorCode.TAMPERED, () -> kms.open(e, AAD));
      }
      KeyId absent = KeyId.of("acme", "vault", Algorithm.AES_256_GCM, new UUID(3, 4));
      byte[] e = Envelope.seal(aead, h, absent.format(), 1, StampKind.NONE, 0, SECRET, AAD);
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.open(e, AAD));
    }
  }

  @Test
  void aVerifyOnlyAeadRecordHoldsNothingToSealOrOpenWith() {
    try (Kms kms = kms(AntiRollback.disabled())) {
      KeyId key = KeyId.of("acme", "vault", Algorithm.AES_256_GCM, new UUID(5, 5));
      store.save(KeyRecord.of(key, null, 1, 1, 1, List.of(new KeyVersion(1,
          VersionState.ENABLED, Instant.EPOCH, new byte[32], null))), 0);
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.seal(key, SECRET, AAD));
      PrivateKeyHandle h = aead.generate(Algorithm.AES_256_GCM);
      byte[] e = Envelope.seal(aead, h, key.format(), 1, StampKind.NONE, 0, SECRET, AAD);
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.open(e, AAD));
    }
  }

  @Test
  void aReplayedEnvelopeIsRollbackAndItsPlaintextZeroised() {
    try (Kms kms = kms(null)) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] first = kms.seal(key, SECRET, AAD);
      byte[] second = kms.seal(key, "newer".getBytes(), AAD);
      byte[] elsewhere = kms.seal(key, SECRET, "another secret".getBytes());
      assertEquals(1, Envelope.parse(elsewhere).stamp(), "counted per associated data");
      assertArrayEquals("newer".getBytes(), kms.open(second, AAD));
      int released = aead.plaintexts().size();
      KmsException e = assertCode(ErrorCode.ROLLBACK, () -> kms.open(first, AAD));
      assertFalse(e.getMessage().contains("launch"));
      byte[] refused = aead.plaintexts().get(released);
      assertArrayEquals(new byte[SECRET.length], refused, "zeroised before the refusal");
      assertArrayEquals(SECRET, kms.open(elsewhere, "another secret".getBytes()));
    }
  }

  @Test
  void aForgedEnvelopeNeverMovesTheCounter() {
    try (Kms kms = kms(null)) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      byte[] forged = envelope.clone();
      forged[14] = 100; // stamp 100: authentication fails before the policy is asked
      assertCode(ErrorCode.TAMPERED, () -> kms.open(forged, AAD));
      assertArrayEquals(SECRET, kms.open(envelope, AAD));
    }
  }

  @Test
  void theDisabledPolicyOpensEveryAuthenticEnvelope() {
    try (Kms counting = kms(null); Kms relaxed = kms(AntiRollback.disabled())) {
      KeyId key = counting.create("acme", "vault", Algorithm.CHACHA20_POLY1305);
      byte[] first = relaxed.seal(key, SECRET, AAD);
      relaxed.seal(key, "newer".getBytes(), AAD);
      assertEquals(StampKind.NONE, Envelope.parse(first).stampKind());
      assertEquals(0, Envelope.parse(first).stamp());
      assertArrayEquals(SECRET, relaxed.open(first, AAD), "a replay opens");
      assertCode(ErrorCode.ROLLBACK, () -> counting.open(first, AAD),
          "the counter policy cannot order an unstamped envelope");
      byte[] counted = counting.seal(key, SECRET, AAD);
      counting.seal(key, SECRET, AAD);
      assertCode(ErrorCode.ROLLBACK, () -> counting.open(counted, AAD));
      assertArrayEquals(SECRET, relaxed.open(counted, AAD), "a stale counter opens here");
    }
  }

  @Test
  void theTimeWindowRefusesOldAndFutureEnvelopes() {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    try (Kms kms = kms(AntiRollback.timeWindow(Duration.ofMinutes(5), clock))) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      assertEquals(StampKind.TIME, Envelope.parse(envelope).stampKind());
      assertEquals(clock.millis(), Envelope.parse(envelope).stamp());
      clock.now = clock.now.plus(Duration.ofMinutes(5));
      assertArrayEquals(SECRET, kms.open(envelope, AAD), "at the edge of the window");
      clock.now = clock.now.plusMillis(1);
      assertCode(ErrorCode.ROLLBACK, () -> kms.open(envelope, AAD));
      clock.now = clock.now.minus(Duration.ofMinutes(10)).minusMillis(2);
      assertCode(ErrorCode.ROLLBACK, () -> kms.open(envelope, AAD));
      clock.now = clock.now.plusMillis(1);
      assertArrayEquals(SECRET, kms.open(envelope, AAD));
    }
    InMemoryKeystoreStore shared = new InMemoryKeystoreStore();
    try (Kms counting = kms(null, shared);
        Kms timed = kms(AntiRollback.timeWindow(Duration.ofMinutes(5), clock), shared)) {
      KeyId key = counting.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] counted = counting.seal(key, SECRET, AAD);
      assertCode(ErrorCode.ROLLBACK, () -> timed.open(counted, AAD),
          "the time window cannot date a counter stamp");
      assertArrayEquals(SECRET, counting.open(counted, AAD));
    }
  }

  @Test
  void resealMovesASecretToTheHeadWithoutReleasingIt() {
    for (Algorithm a : AEADS) {
      try (Kms kms = kms(null, new InMemoryKeystoreStore())) {
        KeyId key = kms.create("acme", "vault", a);
        byte[] old = kms.seal(key, SECRET, AAD);
        kms.rotate(key);
        int released = aead.plaintexts().size();
        byte[] fresh = kms.reseal(old, AAD);
        assertEquals(2, Envelope.parse(fresh).keyVersion());
        assertEquals(2, Envelope.parse(fresh).stamp());
        assertArrayEquals(new byte[SECRET.length], aead.plaintexts().get(released),
            "the plaintext reseal held is zeroised");
        assertArrayEquals(SECRET, kms.open(fresh, AAD));
        assertCode(ErrorCode.ROLLBACK, () -> kms.open(old, AAD), "the old envelope is stale");
        assertCode(ErrorCode.TAMPERED, () -> kms.reseal(fresh, new byte[0]));
        kms.disable(key.withVersion(1));
        assertCode(ErrorCode.VERSION_DISABLED, () -> kms.reseal(old, AAD));
      }
    }
  }

  @Test
  void aKeyWhoseProviderIsAbsentDoesNotSealOrOpen() {
    KeyId key;
    byte[] envelope;
    try (Kms maker = kms(null)) {
      key = maker.create("acme", "vault", Algorithm.AES_256_GCM);
      envelope = maker.seal(key, SECRET, AAD);
      Kms without = Fixtures.builder(new TestProvider("sig"),
          new TestAeadProvider("other").recording()).store(store).build();
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> without.seal(key, SECRET, AAD));
      assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> without.open(envelope, AAD));
      assertEquals(1, without.attest(key).headVersion());
    }
  }

  @Test
  void noSecretAppearsInAMessageOrAString() {
    byte[] keyBytes = new byte[32];
    java.util.Arrays.fill(keyBytes, (byte) 0x4b);
    SealingProvider fixed = aead.generating(keyBytes);
    String keyHex = java.util.HexFormat.of().formatHex(keyBytes);
    String secretHex = java.util.HexFormat.of().formatHex(SECRET);
    try (Kms kms = Fixtures.builder(fixed).store(store).build()) {
      KeyId key = kms.create("acme", "vault", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(key, SECRET, AAD);
      kms.seal(key, SECRET, AAD);
      StringBuilder seen = new StringBuilder();
      for (Runnable r : List.<Runnable>of(() -> kms.open(envelope, AAD),
          () -> kms.open(envelope, new byte[0]), () -> kms.reseal(envelope, AAD),
          () -> kms.exportKey(key, kms.sealer(key)), () -> kms.seal(key.withVersion(2), SECRET,
              AAD))) {
        seen.append(assertThrowsKms(r).getMessage()).append('\n');
      }
      seen.append(kms).append(kms.sealer(key)).append(Envelope.parse(envelope))
          .append(store.load(key).orElseThrow()).append(kms.attest(key).toJson());
      for (PrivateKeyHandle h : aead.made()) {
        seen.append(h);
      }
      String text = seen.toString();
      for (String needle : List.of("launch", secretHex, keyHex, "KKKK")) {
        assertFalse(text.contains(needle), needle + " in " + text);
      }
    }
  }

  private static KmsException assertThrowsKms(Runnable r) {
    return org.junit.jupiter.api.Assertions.assertThrows(KmsException.class, r::run);
  }

  /** A clock a test moves by hand. */
  static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
