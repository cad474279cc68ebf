package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdTest {
  private static final String UUID_TEXT = "3f0c9a52-6f0e-4c1e-9d2a-5b8e7f1a2c3d";
  private static final String BASE = "acme/payments/ed25519/" + UUID_TEXT;

  @Test
  void parsesAndFormatsBothForms() {
    KeyId k = KeyId.parse(BASE);
    assertEquals("acme", k.tenant());
    assertEquals("payments", k.purpose());
    assertEquals(Algorithm.ED25519, k.algorithm());
    assertEquals(UUID.fromString(UUID_TEXT), k.uuid());
    assertFalse(k.hasVersion());
    assertEquals(BASE, k.format());

    KeyId v = KeyId.parse(BASE + "/v2147483647");
    assertEquals(Integer.MAX_VALUE, v.version());
    assertEquals(k, v.unversioned());
    assertEquals(v, k.withVersion(Integer.MAX_VALUE));
    assertEquals(BASE + "/v2147483647", v.toString());
  }

  @Test
  void labelsMayUseDigitsDotsDashesUnderscores() {
    String s = "t-1.a_b/9purpose.x-y_z/ed25519/" + UUID_TEXT + "/v10";
    assertEquals(s, KeyId.parse(s).format());
    String longest = "a".repeat(63) + "/" + "b".repeat(63) + "/ed25519/" + UUID_TEXT
        + "/v2147483647";
    assertEquals(longest, KeyId.parse(longest).format());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",                                   // empty
      "acme",                               // too few parts
      "acme/payments/ed25519",              // no uuid
      BASE + "/v1/extra",                   // too many parts
      BASE + "/",                           // trailing separator
      "/acme/payments/ed25519/" + UUID_TEXT, // leading separator
      "acme//ed25519/" + UUID_TEXT,          // empty purpose
      "acme:payments:ed25519:" + UUID_TEXT,  // wrong separators
      "acme\\payments\\ed25519\\" + UUID_TEXT,
      "Acme/payments/ed25519/" + UUID_TEXT,  // uppercase
      "-acme/payments/ed25519/" + UUID_TEXT, // must start alphanumeric
      "ac me/payments/ed25519/" + UUID_TEXT, // space
      "acme/pay\u0000ments/ed25519/" + UUID_TEXT, // control character
      "acme/pay\nments/ed25519/" + UUID_TEXT,
      "acme/paymënts/ed25519/" + UUID_TEXT,  // non-ASCII
      "acme/payments/ed25519/3F0C9A52-6F0E-4C1E-9D2A-5B8E7F1A2C3D", // uppercase uuid
      "acme/payments/ed25519/3f0c9a526f0e4c1e9d2a5b8e7f1a2c3d",     // uuid without dashes
      "acme/payments/ed25519/3f0c9a52-6f0e-4c1e-9d2a-5b8e7f1a2c3",  // uuid too short
      "acme/payments/ed25519/3f0c9a52-6f0e-4c1e-9d2a_5b8e7f1a2c3d", // wrong uuid separator
      "acme/payments/ed25519/3f0c9a52-6f0e-4c1e-9d2a-5b8e7f1a2c3g", // not hex
      BASE + "/v0",                         // version 0
      BASE + "/v01",                        // leading zero
      BASE + "/v2147483648",                // overflow
      BASE + "/v99999999999999999999",      // far overflow
      BASE + "/v",                          // no digits
      BASE + "/v-1",                        // negative
      BASE + "/v+1",
      BASE + "/V1",                         // uppercase V
      BASE + "/1",                          // no v
      BASE + "/v1 ",                        // trailing space
  })
  void rejectsWithInvalidKeyId(String text) {
    KmsException e = assertThrows(KmsException.class, () -> KeyId.parse(text));
    assertEquals(ErrorCode.INVALID_KEY_ID, e.code(), e.getMessage());
  }

  @Test
  void rejectsOversizedAndNull() {
    assertEquals(ErrorCode.INVALID_KEY_ID, assertThrows(KmsException.class,
        () -> KeyId.parse("a".repeat(201))).code());
    assertEquals(ErrorCode.INVALID_KEY_ID, assertThrows(KmsException.class,
        () -> KeyId.parse(null)).code());
    String label64 = "a".repeat(64) + "/payments/ed25519/" + UUID_TEXT;
    assertEquals(ErrorCode.INVALID_KEY_ID, assertThrows(KmsException.class,
        () -> KeyId.parse(label64)).code());
  }

  @Test
  void unknownAlgorithmIsUnsupported() {
    KmsException e = assertThrows(KmsException.class,
        () -> KeyId.parse("acme/payments/rsa/" + UUID_TEXT));
    assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, e.code());
    assertTrue(e.getMessage().contains("ed25519"), "lists the known algorithms");
  }

  @Test
  void errorMessagesNeutraliseControlCharacters() {
    KmsException e = assertThrows(KmsException.class,
        () -> KeyId.parse("acme/pay\nFORGED LOG LINE/ed25519/" + UUID_TEXT));
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(e.getMessage().contains("\\u000a"));
  }

  @Test
  void versionsAreCheckedWhenBuiltToo() {
    KeyId k = KeyId.parse(BASE);
    assertEquals(ErrorCode.INVALID_KEY_ID,
        assertThrows(KmsException.class, () -> k.withVersion(0)).code());
    assertEquals(ErrorCode.INVALID_KEY_ID,
        assertThrows(KmsException.class, () -> k.withVersion(-5)).code());
    assertEquals(ErrorCode.INVALID_KEY_ID, assertThrows(KmsException.class,
        () -> KeyId.of("acme", "UPPER", Algorithm.ED25519, UUID.randomUUID())).code());
  }

  @Test
  void ordersVersionsNumerically() {
    KeyId k = KeyId.parse(BASE);
    assertTrue(k.withVersion(9).compareTo(k.withVersion(10)) < 0);
    assertTrue(k.compareTo(k.withVersion(1)) < 0);
  }

  @Test
  void idsThatDifferOnlyInAlgorithmDoNotCompareEqual() {
    UUID uuid = UUID.fromString(UUID_TEXT);
    KeyId aes = KeyId.of("acme", "payments", Algorithm.AES_256_GCM, uuid);
    KeyId chacha = KeyId.of("acme", "payments", Algorithm.CHACHA20_POLY1305, uuid);
    KeyId ed = KeyId.parse(BASE);
    for (KeyId[] pair : new KeyId[][] {{ed, aes}, {aes, chacha}, {ed.withVersion(2),
        aes.withVersion(2)}}) {
      int c = pair[0].compareTo(pair[1]);
      assertTrue(c != 0, pair[0] + " vs " + pair[1] + ": consistent with equals");
      assertEquals(-Integer.signum(c), Integer.signum(pair[1].compareTo(pair[0])));
      assertFalse(pair[0].equals(pair[1]));
    }
  }
}
