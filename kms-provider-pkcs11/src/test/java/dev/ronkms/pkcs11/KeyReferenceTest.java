package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sealed reference format: exactly one layout, anything else MALFORMED_KEY. */
class KeyReferenceTest {

  @Test
  void roundTripsAndRefusesEverythingElse() {
    SoftHsm.assumeAvailable();
    byte[] id = {1, 2, 3, 4};
    byte[] encoded = new KeyReference("t/p/ed25519/x/v1#0a0b0c0d", id).encode();
    KeyReference decoded = KeyReference.decode(encoded);
    assertEquals("t/p/ed25519/x/v1#0a0b0c0d", decoded.label());
    assertArrayEquals(id, decoded.id());
    for (int cut = 0; cut < encoded.length; cut++) {
      byte[] shorter = Arrays.copyOf(encoded, cut);
      assertEquals(ErrorCode.MALFORMED_KEY,
          assertThrows(KmsException.class, () -> KeyReference.decode(shorter)).code());
    }
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertEquals(ErrorCode.MALFORMED_KEY,
        assertThrows(KmsException.class, () -> KeyReference.decode(longer)).code());
    for (int i : new int[] {0, 3}) {
      byte[] changed = encoded.clone();
      changed[i] ^= 1;
      assertEquals(ErrorCode.MALFORMED_KEY,
          assertThrows(KmsException.class, () -> KeyReference.decode(changed)).code());
    }
    assertEquals(ErrorCode.MALFORMED_KEY,
        assertThrows(KmsException.class, () -> KeyReference.decode(null)).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> new KeyReference("x".repeat(256), id).encode()).code());
  }
}
