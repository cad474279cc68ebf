package dev.ronkms.softseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyringSealerTest {
  private static final byte[] AAD = "db-password".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void sealsOpensAndRefusesAnOlderEnvelopeOfTheSameSecret(Algorithm algorithm) {
    try (KeyringSealer sealer = KeyringSealer.builder("host/secrets").algorithm(algorithm)
        .addVersion(new byte[32]).build()) {
      byte[] one = sealer.seal("s1".getBytes(StandardCharsets.UTF_8), AAD);
      assertArrayEquals("s1".getBytes(StandardCharsets.UTF_8), sealer.open(one, AAD));
      byte[] two = sealer.seal("s2".getBytes(StandardCharsets.UTF_8), AAD);
      assertArrayEquals("s2".getBytes(StandardCharsets.UTF_8), sealer.open(two, AAD));
      KmsException e = assertThrows(KmsException.class, () -> sealer.open(one, AAD));
      assertEquals(ErrorCode.ROLLBACK, e.code());
      e = assertThrows(KmsException.class, () -> sealer.open(two, new byte[0]));
      assertEquals(ErrorCode.TAMPERED, e.code());
    }
  }
}
