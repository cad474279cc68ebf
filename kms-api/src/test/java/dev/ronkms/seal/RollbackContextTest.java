package dev.ronkms.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link RollbackContext}: SHA-256(4-byte big-endian length of the UTF-8 reference ‖ reference ‖
 * associated data), equal exactly when the digests are. The expected digests were computed once
 * with Python's hashlib, e.g. {@code sha256(b'\x00\x00\x00\x03abcxyz')}.
 */
class RollbackContextTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theDigestIsLengthPrefixedReferenceThenAssociatedData() {
    assertEquals("0035bbb95c04640b2ecb65ebc1f311d9ace1f2ec9bb8e3174bc30207b7132c86",
        RollbackContext.of("abc", utf8("xyz")).hex());
    assertEquals("cd383b7e87822ea1c5e1010798ac9726787c2ec77b5998b5e519ceffb929cbe1",
        RollbackContext.of("ab", utf8("cxyz")).hex(), "the length prefix separates the two");
    assertEquals("d1e9fa6240157ad2f9401c2bd40da3305678208a1985ff66beae448907f52b8f",
        RollbackContext.of("é", new byte[0]).hex(), "the length counts UTF-8 bytes");
    assertEquals("df3f619804a92fdb4057192dc43dd748ea778adc52bc498ce80524c014b81119",
        RollbackContext.of("", new byte[0]).hex());
  }

  @Test
  void theLengthPrefixIsAllFourBytesBigEndian() {
    byte[] aad = utf8("aad");
    // sha256(len.to_bytes(4, 'big') + b'r' * len + b'aad') for lengths that fill each byte
    assertEquals("b0236890a12a699bc23752670f4c6119da44d929b3b5a3b4e373676a2e0ef755",
        RollbackContext.of("r".repeat(300), aad).hex());
    assertEquals("4a77c9d975e84246e5e2c3b2d1b44273495c197eda624031c18b234779cd126a",
        RollbackContext.of("r".repeat(70_000), aad).hex());
    assertEquals("b38c0b2d80ef71a6f177de6f3c9dc8db846d2b1a347bf13e5bd2e3232da05ff8",
        RollbackContext.of("r".repeat((1 << 24) + 1), aad).hex());
  }

  @Test
  void equalExactlyWhenTheDigestsAre() {
    RollbackContext a = RollbackContext.of("abc", utf8("xyz"));
    RollbackContext same = RollbackContext.of("abc", utf8("xyz"));
    assertEquals(a, same);
    assertEquals(a, a);
    assertEquals(a.hashCode(), same.hashCode());
    assertEquals(Arrays.hashCode(java.util.HexFormat.of().parseHex(a.hex())), a.hashCode());
    assertNotEquals(a, RollbackContext.of("ab", utf8("cxyz")));
    assertNotEquals(a, RollbackContext.of("abd", utf8("xyz")));
    assertNotEquals(a, RollbackContext.of("abc", utf8("xy")));
    assertNotEquals(a, null);
    assertNotEquals(a, (Object) a.hex());
  }

  @Test
  void theStringFormShowsTheFirst16HexDigitsOnly() {
    assertEquals("RollbackContext[0035bbb95c04640b]",
        RollbackContext.of("abc", utf8("xyz")).toString());
  }

  @Test
  void nullsAreInvalidArguments() {
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> RollbackContext.of(null, new byte[0])).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> RollbackContext.of("a", null)).code());
  }
}
