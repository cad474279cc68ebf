package dev.ronkms.pq.seal;

import static dev.ronkms.pq.seal.KemSealEngineTest.AAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.KemEnvelope;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every single-byte change of a KEM envelope is refused, never with plaintext. */
class KemSealTamperTest {

  @Test
  void everySingleByteFlipIsRefused() {
    Random random = new Random(21);
    try (Kms kms = KemSealEngineTest.kms(22)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_512);
      byte[] plaintext = KemSealEngineTest.secret(random, 24);
      byte[] envelope = kms.seal(key, plaintext, AAD);
      int referenceEnd = 22 + key.format().length();
      int tampered = 0;
      for (int i = 0; i < envelope.length; i++) {
        for (int mask : new int[] {0x01, 0x80, 1 + random.nextInt(255)}) {
          byte[] changed = envelope.clone();
          changed[i] ^= (byte) mask;
          KmsException e = assertThrows(KmsException.class, () -> kms.open(changed, AAD),
              "byte " + i + " ^ " + mask);
          if (i < 16 || i >= referenceEnd) {
            // magic, format, algorithms, stamp, KEM ciphertext, nonce, AEAD ciphertext, tag
            assertEquals(ErrorCode.TAMPERED, e.code(), "byte " + i + " ^ " + mask);
            tampered++;
          } else {
            // the key version and reference choose the key before anything is authenticated:
            // a change names a version or key that does not exist, else it is TAMPERED
            assertTrue(Set.of(ErrorCode.TAMPERED, ErrorCode.VERSION_NOT_FOUND,
                ErrorCode.KEY_NOT_FOUND).contains(e.code()), "byte " + i + " ^ " + mask + ": "
                + e.code());
          }
        }
      }
      assertTrue(tampered > 3 * 800, "" + tampered);
      // the untouched envelope still opens
      assertEquals(24, kms.open(envelope, AAD).length);
    }
  }

  @Test
  void parseRefusesMalformedHeaders() {
    try (Kms kms = KemSealEngineTest.kms(23)) {
      KeyId key = kms.create("acme", "inbox", Algorithm.ML_KEM_768);
      byte[] envelope = kms.seal(key, new byte[3], AAD);
      // version 0 with a key-id reference
      byte[] v0 = envelope.clone();
      v0[16] = 0;
      v0[17] = 0;
      v0[18] = 0;
      v0[19] = 0;
      assertParseTampered(v0);
      // reference length 0 and above 1024
      byte[] l0 = envelope.clone();
      l0[20] = 0;
      l0[21] = 0;
      assertParseTampered(l0);
      byte[] lBig = envelope.clone();
      lBig[20] = 4;
      lBig[21] = 1;
      assertParseTampered(lBig);
      // an unknown AEAD, KEM code, stamp kind, format version; a nonzero stamp of kind none
      for (int[] change : new int[][] {{6, 2}, {5, 0}, {5, 4}, {7, 3}, {4, 2}}) {
        byte[] c = envelope.clone();
        c[change[0]] = (byte) change[1];
        assertParseTampered(c);
      }
      byte[] noneStamped = envelope.clone();
      noneStamped[7] = 0;
      assertParseTampered(noneStamped);
      // invalid UTF-8 in the reference
      byte[] badUtf8 = envelope.clone();
      badUtf8[22] = (byte) 0xc0;
      assertParseTampered(badUtf8);
      assertThrows(KmsException.class, () -> KemEnvelope.parse(null));
    }
  }

  private static void assertParseTampered(byte[] bytes) {
    KmsException e = assertThrows(KmsException.class, () -> KemEnvelope.parse(bytes));
    assertEquals(ErrorCode.TAMPERED, e.code());
  }
}
