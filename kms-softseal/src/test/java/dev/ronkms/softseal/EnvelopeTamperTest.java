package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static dev.ronkms.softseal.SealTesting.keyring;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import dev.ronkms.spi.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Any change to an envelope, or opening it in another context, gives a typed error and never
 * plaintext: every single-bit flip of every byte, truncation to every shorter length, extension,
 * other associated data, another key under the same reference, another reference or algorithm.
 * The keyring uses the default {@link AntiRollback#counter()}, so a policy consulted before
 * authentication would show up as {@code ROLLBACK} instead of {@code TAMPERED}.
 *
 * <p>One field is not authenticated before it is used: the key version picks the key, so a
 * flip there that names a version the keyring lacks is {@code VERSION_NOT_FOUND} (a version
 * below 1 is malformed: {@code TAMPERED}). That is still no plaintext, and it is what an
 * untampered envelope of a version the keyring lacks gives too; docs/API.md, "Envelope format".
 */
class EnvelopeTamperTest {
  private static final byte[] AAD = "db-password".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PLAINTEXT =
      "correct horse battery staple, forty bytes".getBytes(StandardCharsets.UTF_8);
  /** Offset of the 4-byte key version in the header (docs/API.md). */
  private static final int VERSION_OFFSET = 15;

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void everySingleBitFlipIsRefused(Algorithm algorithm) {
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1)) {
      byte[] sealed = sealer.seal(PLAINTEXT, AAD);
      int flips = 0;
      for (int i = 0; i < sealed.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] flipped = sealed.clone();
          flipped[i] ^= (byte) (1 << bit);
          ErrorCode expected = expectedForFlip(flipped, i, 1);
          assertCode(expected, () -> sealer.open(flipped, AAD));
          flips++;
        }
      }
      assertEquals(8 * (33 + SealTesting.REFERENCE.length() + PLAINTEXT.length + 16), flips);
      assertArrayEquals(PLAINTEXT, sealer.open(sealed, AAD), "the original still opens");
    }
  }

  /** TAMPERED, except a key version field that now names a version above the keyring's. */
  private static ErrorCode expectedForFlip(byte[] flipped, int offset, int versions) {
    if (offset < VERSION_OFFSET || offset >= VERSION_OFFSET + 4) {
      return ErrorCode.TAMPERED;
    }
    int version = ((flipped[VERSION_OFFSET] & 0xff) << 24)
        | ((flipped[VERSION_OFFSET + 1] & 0xff) << 16)
        | ((flipped[VERSION_OFFSET + 2] & 0xff) << 8) | (flipped[VERSION_OFFSET + 3] & 0xff);
    return version > versions ? ErrorCode.VERSION_NOT_FOUND : ErrorCode.TAMPERED;
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void truncationToEveryShorterLengthAndExtensionAreTampered(Algorithm algorithm) {
    SoftSealProvider provider = new SoftSealProvider();
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1);
        PrivateKeyHandle key = provider.importPrivateKey(algorithm, SealTesting.key(1))) {
      byte[] sealed = sealer.seal(PLAINTEXT, AAD);
      for (int length = 0; length < sealed.length; length++) {
        byte[] cut = Arrays.copyOf(sealed, length);
        assertCode(ErrorCode.TAMPERED, () -> sealer.open(cut, AAD));
        assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(cut).open(provider, key, AAD));
      }
      for (int extra : new int[] {1, 16, 100}) {
        byte[] longer = Arrays.copyOf(sealed, sealed.length + extra);
        assertCode(ErrorCode.TAMPERED, () -> sealer.open(longer, AAD));
      }
      byte[] withoutFirst = Arrays.copyOfRange(sealed, 1, sealed.length);
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(withoutFirst, AAD));
      assertArrayEquals(PLAINTEXT, sealer.open(sealed, AAD));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void otherAssociatedDataIsTampered(Algorithm algorithm) {
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1)) {
      byte[] sealed = sealer.seal(PLAINTEXT, AAD);
      byte[][] others = {new byte[0], Arrays.copyOf(AAD, AAD.length - 1),
          Arrays.copyOf(AAD, AAD.length + 1), "DB-password".getBytes(StandardCharsets.UTF_8),
          "db-passwore".getBytes(StandardCharsets.UTF_8)};
      for (byte[] other : others) {
        assertCode(ErrorCode.TAMPERED, () -> sealer.open(sealed, other));
      }
      byte[] none = sealer.seal(PLAINTEXT, new byte[0]);
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(none, AAD));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.open(sealed, null));
      assertArrayEquals(PLAINTEXT, sealer.open(sealed, AAD));
      assertArrayEquals(PLAINTEXT, sealer.open(none, new byte[0]));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void anotherKeyReferenceOrAlgorithmIsTampered(Algorithm algorithm) {
    Algorithm otherAlgorithm = algorithm == Algorithm.AES_256_GCM
        ? Algorithm.CHACHA20_POLY1305 : Algorithm.AES_256_GCM;
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1);
        KeyringSealer otherKey = keyring(algorithm, AntiRollback.counter(), 2);
        KeyringSealer otherAlg = keyring(otherAlgorithm, AntiRollback.counter(), 1);
        KeyringSealer otherReference = KeyringSealer.builder("host/other")
            .algorithm(algorithm).addVersion(SealTesting.key(1)).build()) {
      byte[] sealed = sealer.seal(PLAINTEXT, AAD);
      assertCode(ErrorCode.TAMPERED, () -> otherKey.open(sealed, AAD));
      assertCode(ErrorCode.TAMPERED, () -> otherAlg.open(sealed, AAD));
      assertCode(ErrorCode.TAMPERED, () -> otherReference.open(sealed, AAD));
      assertArrayEquals(PLAINTEXT, sealer.open(sealed, AAD), "refusals moved no counter");
    }
  }
}
