package dev.ronkms.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestAeadProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Envelope#open} with a key of the other AEAD algorithm, even one holding the very same
 * bytes, is {@code TAMPERED} without asking the provider to decrypt: the envelope names its
 * algorithm and the key must be of it.
 */
class EnvelopeKeyAlgorithmTest {
  static final byte[] SECRET = "algorithm-bound".getBytes(StandardCharsets.UTF_8);
  static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

  @Test
  void aKeyOfTheOtherAlgorithmDoesNotOpen() {
    TestAeadProvider probe = new TestAeadProvider("probe");
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 0x21);
    PrivateKeyHandle aes = probe.importPrivateKey(Algorithm.AES_256_GCM, bytes);
    PrivateKeyHandle chacha = probe.importPrivateKey(Algorithm.CHACHA20_POLY1305, bytes);
    for (List<PrivateKeyHandle> pair : List.of(List.of(aes, chacha), List.of(chacha, aes))) {
      PrivateKeyHandle sealing = pair.get(0);
      PrivateKeyHandle other = pair.get(1);
      Envelope e = Envelope.parse(Envelope.seal(probe, sealing, "acme/vault", 1,
          StampKind.NONE, 0, SECRET, AAD));
      assertEquals(sealing.algorithm(), e.algorithm());
      probe.decryptLengths.clear();
      KmsException refused = assertThrows(KmsException.class, () -> e.open(probe, other, AAD));
      assertEquals(ErrorCode.TAMPERED, refused.code(), refused.getMessage());
      assertEquals(List.of(), probe.decryptLengths, "refused before the provider decrypts");
      assertArrayEquals(SECRET, e.open(probe, sealing, AAD), "its own key opens it");
      assertEquals(List.of(SECRET.length + 16), probe.decryptLengths);
    }
  }
}
