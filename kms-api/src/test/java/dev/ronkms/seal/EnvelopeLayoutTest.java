package dev.ronkms.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Envelope format 1 byte by byte (the table of docs/API.md, "Envelope format"): the header
 * {@code Envelope.header} writes, every field {@link Envelope#parse} reads back, and a refusal
 * for every way a field can be wrong. Exact values throughout (mutation-tested).
 */
class EnvelopeLayoutTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] NONCE = HEX.parseHex("202122232425262728292a2b");
  /** magic, format 1, AES-256-GCM, COUNTER, stamp, version, reference length 3, "a/b", nonce. */
  private static final String GOLDEN_HEADER = "524b5345" + "01" + "01" + "01"
      + "0102030405060708" + "0a0b0c0d" + "0003" + "612f62" + "202122232425262728292a2b";

  private static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  /** {@code header} followed by {@code body} bytes 0xee (ciphertext and tag stand-ins). */
  private static byte[] withBody(byte[] header, int body) {
    byte[] out = Arrays.copyOf(header, header.length + body);
    Arrays.fill(out, header.length, out.length, (byte) 0xee);
    return out;
  }

  private static byte[] golden(int body) {
    return withBody(HEX.parseHex(GOLDEN_HEADER), body);
  }

  @Test
  void theHeaderIsWrittenByteForByteAsTheTableSays() {
    byte[] header = Envelope.header(Algorithm.AES_256_GCM, StampKind.COUNTER,
        0x0102030405060708L, 0x0a0b0c0d, "a/b", NONCE);
    assertEquals(GOLDEN_HEADER, HEX.formatHex(header));
    assertEquals(36, header.length);
    byte[] chacha = Envelope.header(Algorithm.CHACHA20_POLY1305, StampKind.TIME, -1L,
        Integer.MAX_VALUE, "é", NONCE);
    assertEquals("524b5345" + "01" + "02" + "02" + "ffffffffffffffff" + "7fffffff" + "0002"
        + "c3a9" + "202122232425262728292a2b", HEX.formatHex(chacha));
    byte[] none = Envelope.header(Algorithm.AES_256_GCM, StampKind.NONE, 0, 1, "k", NONCE);
    assertEquals("524b5345" + "01" + "01" + "00" + "0000000000000000" + "00000001" + "0001"
        + "6b" + "202122232425262728292a2b", HEX.formatHex(none));
  }

  @Test
  void theConstantsAreTheFormatsOwn() {
    assertEquals(1, Envelope.FORMAT_VERSION);
    assertEquals(1024, Envelope.MAX_KEY_REFERENCE);
    assertEquals(0, StampKind.NONE.code());
    assertEquals(1, StampKind.COUNTER.code());
    assertEquals(2, StampKind.TIME.code());
    assertEquals(StampKind.TIME, StampKind.fromCode(2));
    assertEquals(StampKind.NONE, StampKind.fromCode(0));
    assertEquals(null, StampKind.fromCode(3));
    assertEquals(null, StampKind.fromCode(-1));
  }

  @Test
  void parseReadsEveryField() {
    Envelope e = Envelope.parse(golden(16 + 5));
    assertEquals(Algorithm.AES_256_GCM, e.algorithm());
    assertEquals(StampKind.COUNTER, e.stampKind());
    assertEquals(0x0102030405060708L, e.stamp());
    assertEquals(0x0a0b0c0d, e.keyVersion());
    assertEquals("a/b", e.keyReference());
    assertEquals(5, e.plaintextLength());
    assertEquals("Envelope[aes-256-gcm, a/b/v168496141, COUNTER 72623859790382856, 5 bytes]",
        e.toString());
    byte[] chacha = withBody(Envelope.header(Algorithm.CHACHA20_POLY1305, StampKind.TIME, -1L,
        Integer.MAX_VALUE, "é", NONCE), 16);
    Envelope c = Envelope.parse(chacha);
    assertEquals(Algorithm.CHACHA20_POLY1305, c.algorithm());
    assertEquals(StampKind.TIME, c.stampKind());
    assertEquals(-1L, c.stamp(), "the stamp is the unsigned 64-bit pattern");
    assertEquals(Integer.MAX_VALUE, c.keyVersion());
    assertEquals("é", c.keyReference());
    assertEquals(0, c.plaintextLength());
  }

  @Test
  void parseCopiesTheHeaderAndToByteArrayCopiesOut() {
    byte[] input = golden(16);
    Envelope e = Envelope.parse(input);
    for (int i = 0; i < input.length - 16; i++) {
      input[i] = 'X'; // the header (nonce included): parsed once, copied
    }
    byte[] out = e.toByteArray();
    assertArrayEquals(golden(16), out);
    out[1] = 'X';
    assertArrayEquals(golden(16), e.toByteArray());
    input[input.length - 1] ^= 1; // the ciphertext is read from the caller's array
    byte[] changed = golden(16);
    changed[changed.length - 1] ^= 1;
    assertArrayEquals(changed, e.toByteArray());
  }

  @Test
  void theShortestEnvelopeHasAnEmptyPlaintextAndOneByteLessIsRefused() {
    assertEquals(0, Envelope.parse(golden(16)).plaintextLength());
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(golden(15)));
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(golden(0)));
    for (int length = 0; length <= 21; length++) {
      byte[] cut = Arrays.copyOf(golden(16), length);
      assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(cut));
    }
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.parse(null));
  }

  @Test
  void everyMagicByteIsChecked() {
    for (int i = 0; i < 4; i++) {
      byte[] b = golden(16);
      b[i] ^= 0x20; // "rkse" and friends: case matters
      assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
    }
  }

  @Test
  void onlyFormatVersion1IsRead() {
    for (int version : new int[] {0, 2, 0x81, 0xff}) {
      byte[] b = golden(16);
      b[4] = (byte) version;
      assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
    }
  }

  @Test
  void unknownAlgorithmAndStampKindCodesAreRefused() {
    for (int code : new int[] {0, 3, 0x81, 0xff}) {
      byte[] b = golden(16);
      b[5] = (byte) code;
      assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
    }
    for (int code : new int[] {3, 0x80, 0xff}) {
      byte[] b = golden(16);
      b[6] = (byte) code;
      assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
    }
    byte[] none = golden(16);
    none[6] = 0; // NONE, but the stamp is not 0
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(none));
    for (int i = 7; i < 15; i++) {
      none[i] = 0;
    }
    none[14] = 1; // the lowest stamp bit alone
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(none));
    none[14] = 0;
    assertEquals(StampKind.NONE, Envelope.parse(none).stampKind());
  }

  @Test
  void keyVersionsFrom1AreRead() {
    byte[] b = golden(16);
    b[15] = 0;
    b[16] = 0;
    b[17] = 0;
    b[18] = 0;
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
    b[18] = 1;
    assertEquals(1, Envelope.parse(b).keyVersion());
    b[15] = (byte) 0x80; // 2^31 + 1 read as an int is negative
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
    b[15] = (byte) 0xff;
    b[16] = (byte) 0xff;
    b[17] = (byte) 0xff;
    b[18] = (byte) 0xff;
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(b));
  }

  @Test
  void theKeyReferenceLengthMustFitAndBeOneTo1024() {
    byte[] zero = golden(16);
    zero[19] = 0;
    zero[20] = 0;
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(zero));
    byte[] longer = golden(17);
    longer[20] = 4; // one more than is there before the nonce: the nonce shifts into the tag
    assertEquals("a/b ", Envelope.parse(longer).keyReference(), "still parses: 4 bytes");
    byte[] beyond = golden(16);
    beyond[20] = 20; // header + tag no longer fit in the input
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(beyond));
    String max = "r".repeat(1024);
    byte[] atMax = withBody(Envelope.header(Algorithm.AES_256_GCM, StampKind.NONE, 0, 1, max,
        NONCE), 16);
    assertEquals(max, Envelope.parse(atMax).keyReference());
    atMax[19] = 0x04;
    atMax[20] = 0x01; // 1025
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(withBody(atMax, 1)));
    byte[] huge = golden(16);
    huge[19] = (byte) 0xff;
    huge[20] = (byte) 0xff;
    assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(withBody(huge, 70_000)));
  }

  @Test
  void aKeyReferenceThatIsNotUtf8IsRefused() {
    for (String bad : new String[] {"c328", "c080", "eda080", "ff", "f4908080"}) {
      byte[] ref = HEX.parseHex(bad);
      byte[] header = Envelope.header(Algorithm.AES_256_GCM, StampKind.NONE, 0, 1,
          "x".repeat(ref.length), NONCE);
      System.arraycopy(ref, 0, header, 21, ref.length);
      assertCode(ErrorCode.TAMPERED, () -> Envelope.parse(withBody(header, 16)));
    }
  }

  @Test
  void theHeaderWriterChecksItsArguments() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.header(Algorithm.AES_256_GCM,
        StampKind.COUNTER, 1, 1, null, NONCE));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.header(Algorithm.AES_256_GCM,
        StampKind.COUNTER, 1, 0, "a", NONCE));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.header(Algorithm.AES_256_GCM,
        StampKind.COUNTER, 1, -1, "a", NONCE));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.header(Algorithm.AES_256_GCM,
        StampKind.NONE, 1, 1, "a", NONCE));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.header(Algorithm.AES_256_GCM,
        StampKind.COUNTER, 1, 1, "", NONCE));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Envelope.header(Algorithm.AES_256_GCM,
        StampKind.COUNTER, 1, 1, "é".repeat(513), NONCE));
    assertEquals(21 + 1024 + 12, Envelope.header(Algorithm.AES_256_GCM, StampKind.COUNTER, 1,
        1, "é".repeat(512), NONCE).length);
    KmsException e = assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> Envelope.header(
        Algorithm.ED25519, StampKind.COUNTER, 1, 1, "a", NONCE));
    assertEquals("UNSUPPORTED_ALGORITHM: ed25519 is not an AEAD algorithm", e.getMessage());
  }
}
