package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sealed reference's bounds, byte by byte: every length at and around each limit, on both
 * sides of the codec (pure: no token).
 */
class KeyReferenceBoundsTest {

  /** Bytes laid out as the format says, with every field chosen by the test. */
  private static byte[] raw(int format, int labelLength, byte[] label, int idLength, byte[] id,
      byte[] trailing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'R', 'K', 'T', (byte) format,
        (byte) (labelLength >>> 8), (byte) labelLength});
    out.writeBytes(label);
    out.write(idLength);
    out.writeBytes(id);
    out.writeBytes(trailing);
    return out.toByteArray();
  }

  private static byte[] valid(byte[] label, byte[] id) {
    return raw(1, label.length, label, id.length, id, new byte[0]);
  }

  private static byte[] ascii(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'k');
    return b;
  }

  private static void assertMalformed(byte[] bytes) {
    KmsException e = assertThrows(KmsException.class, () -> KeyReference.decode(bytes));
    assertEquals(ErrorCode.MALFORMED_KEY, e.code(), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 254, 255})
  void labelsOfOneTo255BytesRoundTrip(int length) {
    String label = "k".repeat(length);
    byte[] id = {9, 8, 7};
    byte[] encoded = new KeyReference(label, id).encode();
    assertArrayEquals(valid(ascii(length), id), encoded, "the exact layout");
    KeyReference decoded = KeyReference.decode(encoded);
    assertEquals(label, decoded.label());
    assertArrayEquals(id, decoded.id());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 256, 257, 1000})
  void labelsOutsideOneTo255BytesAreNotEncoded(int length) {
    KmsException e = assertThrows(KmsException.class,
        () -> new KeyReference("k".repeat(length), new byte[1]).encode());
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
  }

  @Test
  void theLabelLimitCountsUtf8BytesNotCharacters() {
    String twoByteChars = "\u00e9".repeat(127); // 254 bytes
    assertEquals(twoByteChars, KeyReference.decode(
        new KeyReference(twoByteChars, new byte[0]).encode()).label());
    String over = twoByteChars + "\u00e9"; // 128 characters, 256 bytes
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> new KeyReference(over, new byte[0]).encode()).code());
    String exactly = twoByteChars + "k"; // 255 bytes
    assertEquals(exactly, KeyReference.decode(new KeyReference(exactly, new byte[0]).encode())
        .label());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64})
  void idsOfUpTo64BytesRoundTrip(int length) {
    byte[] id = new byte[length];
    for (int i = 0; i < length; i++) {
      id[i] = (byte) (i * 7 + 1);
    }
    byte[] encoded = new KeyReference("label", id).encode();
    assertArrayEquals(valid("label".getBytes(StandardCharsets.US_ASCII), id), encoded);
    KeyReference decoded = KeyReference.decode(encoded);
    assertEquals("label", decoded.label());
    assertArrayEquals(id, decoded.id());
  }

  @ParameterizedTest
  @ValueSource(ints = {65, 66, 255})
  void idsOver64BytesAreNotEncodedNorDecoded(int length) {
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> new KeyReference("label", new byte[length]).encode()).code());
    assertMalformed(raw(1, 5, ascii(5), length, new byte[length], new byte[0]));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 254, 255})
  void decodesEveryLabelLengthUpTo255(int length) {
    assertEquals("k".repeat(length),
        KeyReference.decode(valid(ascii(length), new byte[0])).label());
    assertEquals("k".repeat(length),
        KeyReference.decode(valid(ascii(length), new byte[64])).label());
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 257, 0xFFFF})
  void refusesADeclaredLabelOver255EvenWhenTheBytesAreThere(int length) {
    assertMalformed(raw(1, length, ascii(length), 0, new byte[0], new byte[0]));
  }

  @Test
  void refusesAZeroLengthLabel() {
    assertMalformed(raw(1, 0, new byte[0], 0, new byte[0], new byte[0]));
    assertMalformed(raw(1, 0, new byte[0], 1, new byte[1], new byte[0]));
  }

  @Test
  void refusesALabelLengthThatRunsPastTheEnd() {
    byte[] label = ascii(10);
    // declared one longer than the label and id-length byte that follow
    assertMalformed(raw(1, 11, label, 0, new byte[0], new byte[0]));
    // declared exactly the rest, leaving no byte for the id length
    byte[] noIdLength = Arrays.copyOf(valid(label, new byte[0]), 6 + 10);
    assertMalformed(noIdLength);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 64})
  void refusesTrailingBytes(int extra) {
    assertMalformed(raw(1, 5, ascii(5), 0, new byte[0], new byte[extra]));
    assertMalformed(raw(1, 5, ascii(5), 3, new byte[3], new byte[extra]));
  }

  @Test
  void refusesAnIdShorterThanDeclared() {
    assertMalformed(raw(1, 5, ascii(5), 4, new byte[3], new byte[0]));
    assertMalformed(raw(1, 5, ascii(5), 1, new byte[0], new byte[0]));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 3, 0x7F, 0x80, 0xFF})
  void refusesEveryOtherFormatByte(int format) {
    assertMalformed(raw(format, 5, ascii(5), 1, new byte[1], new byte[0]));
  }

  @Test
  void refusesEveryChangedMagicByte() {
    byte[] good = valid(ascii(5), new byte[] {1});
    for (int i = 0; i < 3; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        assertMalformed(bad);
      }
    }
    assertEquals("kkkkk", KeyReference.decode(good).label());
  }

  @Test
  void refusesEveryPrefixOfTheSmallestReference() {
    byte[] smallest = valid(ascii(1), new byte[0]); // 8 bytes
    assertEquals(8, smallest.length);
    assertEquals("k", KeyReference.decode(smallest).label());
    for (int cut = 0; cut < smallest.length; cut++) {
      assertMalformed(Arrays.copyOf(smallest, cut));
    }
    assertMalformed(null);
  }

  @Test
  void refusesALabelThatIsNotUtf8() {
    assertMalformed(valid(new byte[] {'a', (byte) 0xC3}, new byte[0]));
    assertMalformed(valid(new byte[] {(byte) 0xFF}, new byte[0]));
    assertMalformed(valid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[0]));
  }

  @Test
  void keepsItsOwnCopiesOfTheIdAndShowsTheLabelOnly() {
    byte[] id = {1, 2, 3};
    KeyReference reference = new KeyReference("the-label", id);
    id[0] = 42;
    assertArrayEquals(new byte[] {1, 2, 3}, reference.id());
    reference.id()[1] = 42;
    assertArrayEquals(new byte[] {1, 2, 3}, reference.id());
    assertEquals("KeyReference[the-label]", reference.toString());
    assertFalse(reference.toString().contains("[1, 2, 3]"));
    assertTrue(KeyReference.decode(reference.encode()).toString().contains("the-label"));
  }
}
