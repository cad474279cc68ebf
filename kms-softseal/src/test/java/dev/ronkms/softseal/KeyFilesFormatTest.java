package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KeyFiles} at its edges: the exact bytes it writes for disabled versions, the size limit,
 * the printable-ASCII boundaries, comments that are never looked into, a last line without a
 * newline, random keys, and the zeroisation a caller can see.
 */
class KeyFilesFormatTest {
  private static final String HEADER = "ron-kms-store-keys 1\n";
  private static final String KEY_A = Base64.getEncoder().encodeToString(SealTesting.key(1));
  private static final String KEY_B = Base64.getEncoder().encodeToString(SealTesting.key(2));

  @TempDir
  Path dir;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static KmsException malformed(String content) {
    return assertCode(ErrorCode.MALFORMED_KEY, () -> KeyFiles.parse(ascii(content)));
  }

  @Test
  void formatWritesDisabledMarksAndReadsBackExactly() {
    List<byte[]> keys = List.of(SealTesting.key(1), SealTesting.key(2), SealTesting.key(3));
    byte[] out = KeyFiles.format(keys, Set.of(1, 3));
    String text = new String(out, StandardCharsets.US_ASCII);
    assertTrue(text.endsWith(HEADER + "v1 " + KEY_A + " disabled\nv2 " + KEY_B + "\nv3 "
        + Base64.getEncoder().encodeToString(SealTesting.key(3)) + " disabled\n"), text);
    assertTrue(text.startsWith("# "));
    KeyFiles.Versions back = KeyFiles.parse(out);
    assertEquals(Set.of(1, 3), back.disabled());
    assertEquals(3, back.keys().size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(keys.get(i), back.keys().get(i));
    }
    assertEquals(Set.of(), KeyFiles.parse(KeyFiles.format(keys, Set.of())).disabled());
  }

  @Test
  void zeroiseClearsEveryKeyAndDecodeKeyClearsItsInput() {
    KeyFiles.Versions versions = KeyFiles.parse(ascii(HEADER + "v1 " + KEY_A + "\nv2 " + KEY_B
        + "\n"));
    versions.zeroise();
    versions.keys().forEach(k -> assertTrue(RecordingProvider.zero(k)));
    assertEquals(2, versions.keys().size());

    byte[] base64 = ascii(KEY_A);
    assertArrayEquals(SealTesting.key(1), StoreKeys.decodeKey(base64));
    assertTrue(RecordingProvider.zero(base64), "the Base64 copy of the key is left behind");
    byte[] shortKey = ascii(Base64.getEncoder().encodeToString(new byte[31]));
    assertNull(StoreKeys.decodeKey(shortKey));
    byte[] bad = ascii("not base64!");
    assertNull(StoreKeys.decodeKey(bad));
    assertTrue(RecordingProvider.zero(bad));
  }

  @Test
  void aLastLineWithoutNewlineIsRead() {
    KeyFiles.Versions v = KeyFiles.parse(ascii(HEADER + "v1 " + KEY_A));
    assertArrayEquals(SealTesting.key(1), v.keys().get(0));
    KeyFiles.Versions crlf = KeyFiles.parse(ascii("ron-kms-store-keys 1\r\nv1 " + KEY_A
        + " disabled\r\nv2 " + KEY_B));
    assertEquals(Set.of(1), crlf.disabled());
    assertEquals(2, crlf.keys().size());
  }

  @Test
  void commentsAreNeverLookedInto() {
    String comment = "# caf\u00e9 \u0001\u007f\t~!\n";
    KeyFiles.Versions v = KeyFiles.parse(ascii(comment + HEADER + "  #!~ \u00ff\n"
        + "v1 " + KEY_A + "\n" + comment));
    assertEquals(1, v.keys().size());
  }

  @Test
  void printableAsciiIsExactlyBangToTilde() {
    // '!' and '~' are printable: a token made of them is read (and is not a version)
    assertFalse(malformed(HEADER + "!~\n").getMessage().contains("printable"));
    assertFalse(malformed(HEADER + "~!\n").getMessage().contains("printable"));
    assertFalse(malformed(HEADER + "v1 " + KEY_A + " !\n").getMessage().contains("printable"));
    assertFalse(malformed(HEADER + "v1 " + KEY_A + " ~\n").getMessage().contains("printable"));
    assertFalse(malformed(HEADER + "v1 " + KEY_A + " d~\n").getMessage().contains("printable"));
    assertFalse(malformed(HEADER + "v1 " + KEY_A + " d!\n").getMessage().contains("printable"));
    // the bytes just outside are not, at a token's start or inside it
    for (String bad : List.of("\u007f", "\u001f", "a\u007f", "a\u001f", "\u0080")) {
      KmsException e = malformed(HEADER + "v1 " + KEY_A + " " + bad + "\n");
      assertTrue(e.getMessage().contains("printable"), bad + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
  }

  @Test
  void theSizeLimitIsInclusive() throws IOException {
    String body = HEADER + "v1 " + KEY_A + "\n# ";
    int limit = KeyFiles.MAX_FILE_BYTES;
    byte[] atLimit = new byte[limit];
    Arrays.fill(atLimit, (byte) 'x');
    System.arraycopy(ascii(body), 0, atLimit, 0, body.length());
    atLimit[limit - 1] = '\n';
    Path ok = write("ok.keys", atLimit);
    assertArrayEquals(SealTesting.key(1), KeyFiles.read(ok).keys().get(0));

    byte[] over = Arrays.copyOf(atLimit, limit + 1);
    over[limit] = '\n';
    assertEquals(ErrorCode.MALFORMED_KEY, assertCode(ErrorCode.MALFORMED_KEY,
        () -> KeyFiles.read(write("big.keys", over))).code());
  }

  @Test
  void generatedKeysAreRandom() throws IOException {
    Path one = dir.resolve("one.keys");
    Path two = dir.resolve("two.keys");
    KeyFiles.create(one);
    KeyFiles.create(two);
    assertEquals(2, KeyFiles.addVersion(one));
    byte[] a = KeyFiles.read(one).keys().get(0);
    byte[] a2 = KeyFiles.read(one).keys().get(1);
    byte[] b = KeyFiles.read(two).keys().get(0);
    assertFalse(RecordingProvider.zero(a));
    assertFalse(Arrays.equals(a, b));
    assertFalse(Arrays.equals(a, a2));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(one)));
  }

  @Test
  void aKeyFileThatCannotBeReadIsABackendFailure() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("a-directory"));
    Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
    KmsException e = assertCode(ErrorCode.BACKEND_FAILURE, () -> KeyFiles.read(sub));
    assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyFiles.read(dir.resolve("none.keys")));
  }
}
