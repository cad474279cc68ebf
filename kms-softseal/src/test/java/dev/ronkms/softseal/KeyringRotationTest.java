package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static dev.ronkms.softseal.SealTesting.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.CounterStore;
import dev.ronkms.seal.Envelope;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import dev.ronkms.spi.Sealer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Versions of a keyring: the newest enabled version seals, every enabled version opens its own
 * envelopes, a disabled version is {@code VERSION_DISABLED}, a version the keyring lacks is
 * {@code VERSION_NOT_FOUND}, and reseal moves an envelope to the head without handing out the
 * plaintext (zeroised before it returns).
 */
class KeyringRotationTest {
  private static final byte[] AAD = "api-token".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECRET = "s3cr3t-v4lue-0123456789".getBytes(StandardCharsets.UTF_8);

  private static KeyringSealer.Builder builder(Algorithm algorithm, CounterStore marks) {
    return KeyringSealer.builder(SealTesting.REFERENCE).algorithm(algorithm)
        .antiRollback(AntiRollback.counter(marks));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void rotationSealsWithTheNewVersionAndOldEnvelopesStillOpen(Algorithm algorithm) {
    CounterStore marks = CounterStore.inMemory();
    byte[] v1Envelope;
    try (KeyringSealer v1Only = builder(algorithm, marks).addVersion(key(1)).build()) {
      assertEquals(1, v1Only.headVersion());
      assertEquals(SealTesting.REFERENCE + "/v1", v1Only.keyReference());
      v1Envelope = v1Only.seal(SECRET, AAD);
    }
    assertEquals(1, Envelope.parse(v1Envelope).keyVersion());
    try (KeyringSealer rotated = builder(algorithm, marks).addVersion(key(1))
        .addVersion(key(2)).build()) {
      assertEquals(2, rotated.headVersion());
      assertEquals(SealTesting.REFERENCE + "/v2", rotated.keyReference());
      assertEquals(algorithm.id(), rotated.algorithm());
      assertArrayEquals(SECRET, rotated.open(v1Envelope, AAD));
      byte[] v2Envelope = rotated.seal(SECRET, "other".getBytes(StandardCharsets.UTF_8));
      Envelope parsed = Envelope.parse(v2Envelope);
      assertEquals(2, parsed.keyVersion());
      assertEquals(algorithm, parsed.algorithm());
      assertEquals(SealTesting.REFERENCE, parsed.keyReference());
      assertArrayEquals(SECRET, rotated.open(v2Envelope, "other".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aDisabledVersionRefusesItsEnvelopesAndNeverSeals(Algorithm algorithm) {
    CounterStore marks = CounterStore.inMemory();
    byte[] v1Envelope;
    byte[] v2Envelope;
    try (KeyringSealer v1Only = builder(algorithm, marks).addVersion(key(1)).build()) {
      v1Envelope = v1Only.seal(SECRET, AAD);
    }
    try (KeyringSealer v1Disabled = builder(algorithm, marks).addVersion(key(1))
        .addVersion(key(2)).disable(1).build()) {
      assertCode(ErrorCode.VERSION_DISABLED, () -> v1Disabled.open(v1Envelope, AAD));
      v2Envelope = v1Disabled.seal(SECRET, AAD);
      assertArrayEquals(SECRET, v1Disabled.open(v2Envelope, AAD));
    }
    try (KeyringSealer headDisabled = builder(algorithm, marks).addVersion(key(1))
        .addVersion(key(2)).disable(2).build()) {
      assertEquals(1, headDisabled.headVersion(), "the newest enabled version seals");
      assertCode(ErrorCode.VERSION_DISABLED, () -> headDisabled.open(v2Envelope, AAD));
      assertEquals(1, Envelope.parse(headDisabled.seal(SECRET, AAD)).keyVersion());
    }
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> builder(algorithm, marks).addVersion(key(1))
        .disable(1).build());
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aVersionTheKeyringLacksIsNotFound(Algorithm algorithm) {
    byte[] v3Envelope;
    try (KeyringSealer three = SealTesting.keyring(algorithm, AntiRollback.disabled(), 1, 2, 3)) {
      v3Envelope = three.seal(SECRET, AAD);
    }
    try (KeyringSealer two = SealTesting.keyring(algorithm, AntiRollback.disabled(), 1, 2)) {
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> two.open(v3Envelope, AAD));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void resealMovesAnEnvelopeToTheHeadAndZeroisesThePlaintext(Algorithm algorithm) {
    CounterStore marks = CounterStore.inMemory();
    byte[] v1Envelope;
    try (KeyringSealer v1Only = builder(algorithm, marks).addVersion(key(1)).build()) {
      v1Envelope = v1Only.seal(SECRET, AAD);
    }
    RecordingProvider recorder = new RecordingProvider();
    try (KeyringSealer rotated = builder(algorithm, marks).provider(recorder)
        .addVersion(key(1)).addVersion(key(2)).build()) {
      byte[] resealed = rotated.reseal(v1Envelope, AAD);
      assertEquals(2, Envelope.parse(resealed).keyVersion());
      assertFalse(SealTesting.contains(resealed, SECRET), "no plaintext in the new envelope");
      assertEquals(1, recorder.decrypted.size());
      assertArrayEquals(new byte[SECRET.length], recorder.decrypted.get(0),
          "the plaintext reseal opened is zeroised before it returns");
      assertCode(ErrorCode.ROLLBACK, () -> rotated.open(v1Envelope, AAD));
      assertArrayEquals(SECRET, rotated.open(resealed, AAD));
      assertCode(ErrorCode.TAMPERED, () -> rotated.reseal(resealed, new byte[0]));
    }
    try (KeyringSealer v1Disabled = builder(algorithm, marks).addVersion(key(1))
        .addVersion(key(2)).disable(1).build()) {
      assertCode(ErrorCode.VERSION_DISABLED, () -> v1Disabled.reseal(v1Envelope, AAD));
    }
  }

  @Test
  void aClosedKeyringRefusesEverything() {
    KeyringSealer sealer = SealTesting.keyring(Algorithm.AES_256_GCM, AntiRollback.disabled(),
        1);
    byte[] sealed = sealer.seal(SECRET, AAD);
    sealer.close();
    sealer.close();
    assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));
    assertCode(ErrorCode.CLOSED, () -> sealer.open(sealed, AAD));
    assertTrue(sealer.toString().contains("head v1"));
  }

  @Test
  void theBuilderChecksKeysAndZeroisesItsCopies() {
    assertCode(ErrorCode.MALFORMED_KEY, () -> KeyringSealer.builder("r").addVersion(new byte[31]));
    assertCode(ErrorCode.MALFORMED_KEY, () -> KeyringSealer.builder("r").addVersion(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder("r").build());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder(""));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder("r").algorithm(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder("r").provider(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder("r").antiRollback(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder("r").disable(0));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyringSealer.builder("r").addVersion(key(1))
        .disable(2).build());
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> KeyringSealer.builder("r")
        .algorithm(Algorithm.ED25519).addVersion(key(1)).build());
    byte[] mine = key(1);
    try (KeyringSealer sealer = KeyringSealer.builder("r").addVersion(mine).build()) {
      assertArrayEquals(key(1), mine, "the caller's array is copied, not zeroised");
      assertFalse(sealer.toString().contains(java.util.HexFormat.of().formatHex(mine)));
    }
  }

  /** Delegates to {@link SoftSealProvider} and keeps every array {@code decrypt} returned. */
  private static final class RecordingProvider implements SealingProvider {
    private final SoftSealProvider delegate = new SoftSealProvider();
    final List<byte[]> decrypted = new ArrayList<>();

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int priority() {
      return delegate.priority();
    }

    @Override
    public Set<Capability> capabilities() {
      return delegate.capabilities();
    }

    @Override
    public Set<Algorithm> algorithms() {
      return delegate.algorithms();
    }

    @Override
    public PrivateKeyHandle generate(Algorithm algorithm) {
      return delegate.generate(algorithm);
    }

    @Override
    public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
      return delegate.importPrivateKey(algorithm, seed);
    }

    @Override
    public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
      return delegate.sealPrivateKey(key, sealer, associatedData);
    }

    @Override
    public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
        byte[] associatedData) {
      return delegate.openPrivateKey(algorithm, sealed, sealer, associatedData);
    }

    @Override
    public void encrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
        byte[] plaintext, byte[] out, int outOffset) {
      delegate.encrypt(key, nonce, associatedData, plaintext, out, outOffset);
    }

    @Override
    public byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
        byte[] input, int offset, int length) {
      byte[] plaintext = delegate.decrypt(key, nonce, associatedData, input, offset, length);
      decrypted.add(plaintext);
      return plaintext;
    }
  }
}
