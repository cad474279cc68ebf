package dev.ronkms;

import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.Envelope;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.TestAeadProvider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link Kms#sealer}: a {@link Sealer} bound to one AEAD key that keeps the Sealer contract
 * (another key's envelope is {@code TAMPERED}) and follows the key's head.
 */
class KmsSealerTest {
  private static final byte[] SECRET = "a database password".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "db".getBytes(StandardCharsets.UTF_8);

  @Test
  void theViewSealsWithTheHeadAndOpensOnlyItsKeysEnvelopes() {
    try (Kms kms = Fixtures.builder(new TestAeadProvider("aead")).build()) {
      KeyId key = kms.create("acme", "store", Algorithm.CHACHA20_POLY1305);
      KeyId other = kms.create("acme", "store", Algorithm.CHACHA20_POLY1305);
      Sealer sealer = kms.sealer(key.withVersion(1));
      assertEquals("chacha20-poly1305", sealer.algorithm());
      assertEquals(key.withVersion(1).format(), sealer.keyReference());
      assertEquals("Kms.sealer[" + key + "]", sealer.toString());
      byte[] byV1 = sealer.seal(SECRET, AAD);
      assertArrayEquals(SECRET, sealer.open(byV1, AAD));
      assertArrayEquals(SECRET, kms.open(sealer.seal(SECRET, "x".getBytes()), "x".getBytes()),
          "the engine opens the view's envelopes");
      kms.rotate(key);
      assertEquals(key.withVersion(2).format(), sealer.keyReference(), "follows the head");
      byte[] resealed = sealer.reseal(byV1, AAD);
      assertEquals(2, Envelope.parse(resealed).keyVersion());
      assertEquals(key.format(), Envelope.parse(resealed).keyReference());
      assertArrayEquals(SECRET, sealer.open(resealed, AAD));
      byte[] foreign = kms.seal(other, SECRET, AAD);
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(foreign, AAD));
      assertCode(ErrorCode.TAMPERED, () -> sealer.reseal(foreign, AAD));
      assertArrayEquals(SECRET, kms.sealer(other).open(foreign, AAD));
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(resealed, new byte[0]));
      assertTrue(kms.delete(key));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> sealer.seal(SECRET, AAD));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> sealer.keyReference());
    }
  }

  @Test
  void aViewOfAnAbsentOrNonAeadKeyIsRefused() {
    try (Kms kms = Fixtures.builder(new TestAeadProvider("aead"),
        new dev.ronkms.spi.TestProvider("sig")).build()) {
      KeyId signing = kms.create("acme", "sig", Algorithm.ED25519);
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.sealer(signing));
      assertCode(ErrorCode.INVALID_KEY_ID, () -> kms.sealer(null));
      KeyId key = kms.create("acme", "store", Algorithm.AES_256_GCM);
      Sealer sealer = kms.sealer(key);
      kms.close();
      assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));
      assertCode(ErrorCode.CLOSED, () -> kms.sealer(key));
    }
  }
}
