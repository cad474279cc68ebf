package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PublicKeyEncodingTest {
  /** RFC 8410 section 10.1: the example Ed25519 SubjectPublicKeyInfo. */
  private static final String RFC8410 =
      "302a300506032b657003210019bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1";

  @Test
  void matchesRfc8410AndTheJdk() throws Exception {
    byte[] spki = HexFormat.of().parseHex(RFC8410);
    byte[] raw = PublicKeyEncoding.toRaw(Algorithm.ED25519, spki);
    assertEquals(32, raw.length);
    assertArrayEquals(spki, PublicKeyEncoding.toSpki(Algorithm.ED25519, raw));
    assertArrayEquals(raw, PublicKeyEncoding.toRaw(Algorithm.ED25519, raw));
    PublicKey jdk = KeyFactory.getInstance("Ed25519").generatePublic(
        new X509EncodedKeySpec(spki));
    assertArrayEquals(spki, jdk.getEncoded(), "the JDK encodes the same bytes");
  }

  @Test
  void anythingElseIsMalformed() {
    byte[] spki = HexFormat.of().parseHex(RFC8410);
    for (int i = 0; i < 12; i++) {
      byte[] bad = spki.clone();
      bad[i] ^= 0x01;
      assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
          () -> PublicKeyEncoding.toRaw(Algorithm.ED25519, bad)).code(), "byte " + i);
    }
    for (int len : new int[] {0, 31, 33, 43, 45}) {
      assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
          () -> PublicKeyEncoding.toRaw(Algorithm.ED25519, new byte[len])).code());
    }
    assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
        () -> PublicKeyEncoding.toRaw(Algorithm.ED25519, null)).code());
    assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
        () -> PublicKeyEncoding.toSpki(Algorithm.ED25519, new byte[31])).code());
    assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
        () -> PublicKeyEncoding.toSpki(Algorithm.ED25519, null)).code());
  }

  @Test
  void anAeadKeyHasNoPublicKeyToEncode() {
    for (Algorithm a : new Algorithm[] {Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305}) {
      // 32 bytes: the length of an AEAD key's key check value, which is not a public key
      assertEquals(ErrorCode.UNSUPPORTED_OPERATION, assertThrows(KmsException.class,
          () -> PublicKeyEncoding.toRaw(a, new byte[32])).code());
      assertEquals(ErrorCode.UNSUPPORTED_OPERATION, assertThrows(KmsException.class,
          () -> PublicKeyEncoding.toSpki(a, new byte[32])).code());
      assertEquals(ErrorCode.UNSUPPORTED_OPERATION, assertThrows(KmsException.class,
          () -> PublicKeyEncoding.requirePublicKeys(a)).code());
    }
    PublicKeyEncoding.requirePublicKeys(Algorithm.ED25519);
  }
}
