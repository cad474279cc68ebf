package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md: error messages quote the offending input with control and non-ASCII characters
 * (and the quote and backslash) escaped as backslash-u, truncated at 80 characters, so hostile
 * input cannot forge a log line; and a refused public key says which sizes are accepted.
 */
class HostileInputMessagesTest {

  @Test
  void quotingEscapesExactlyTheCharactersThatCouldForgeALine() {
    for (char c = 0; c < 0x100; c++) {
      String quoted = KeyIdGrammar.quote("a" + c);
      boolean escape = c < 0x20 || c > 0x7e || c == '"' || c == '\\';
      String expected = escape ? String.format("\\u%04x", (int) c) : String.valueOf(c);
      assertEquals("\"a" + expected + "\"", quoted, "char " + (int) c);
    }
    assertEquals("null", KeyIdGrammar.quote(null));
    assertEquals("\"\"", KeyIdGrammar.quote(""));
  }

  @Test
  void quotingKeepsAtMostEightyCharacters() {
    String eighty = "x".repeat(80);
    assertEquals("\"" + eighty + "\"", KeyIdGrammar.quote(eighty));
    assertEquals("\"" + eighty + "...(81 chars)\"", KeyIdGrammar.quote(eighty + "y"));
    assertEquals("\"" + "x".repeat(79) + "\\u000a...(81 chars)\"",
        KeyIdGrammar.quote("x".repeat(79) + "\n\n"));
  }

  @Test
  void noRefusedKeyIdPutsARawControlOrNonAsciiCharacterInTheMessage() {
    Random random = new Random(1130);
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder();
      int n = 1 + random.nextInt(120);
      for (int j = 0; j < n; j++) {
        s.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000) : "a/-.\n"
            .charAt(random.nextInt(5)));
      }
      KmsException e = assertThrows(KmsException.class, () -> KeyId.parse(s.toString()));
      assertTrue(e.code() == ErrorCode.INVALID_KEY_ID
          || e.code() == ErrorCode.UNSUPPORTED_ALGORITHM, e.getMessage());
      String m = e.getMessage();
      assertTrue(m.chars().allMatch(c -> c >= 0x20 && c <= 0x7e), m);
      assertTrue(m.length() < 80 * 6 + 120, "bounded: " + m.length());
    }
    String huge = "a".repeat(100_000);
    KmsException e = assertThrows(KmsException.class, () -> KeyId.parse(huge));
    assertEquals(ErrorCode.INVALID_KEY_ID, e.code());
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  @Test
  void aRefusedPublicKeyNamesTheAcceptedSizes() {
    for (int len : new int[] {0, 31, 43, 45}) {
      KmsException e = assertThrows(KmsException.class,
          () -> PublicKeyEncoding.toRaw(Algorithm.ED25519, new byte[len]));
      assertEquals(ErrorCode.MALFORMED_KEY, e.code());
      assertTrue(e.getMessage().contains("32 raw bytes or a 44-byte DER SubjectPublicKeyInfo, got "
          + len + " bytes"), e.getMessage());
    }
  }
}
