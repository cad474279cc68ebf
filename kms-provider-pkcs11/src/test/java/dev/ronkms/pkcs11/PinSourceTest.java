package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a PIN comes from, and every way a source refuses, without ever naming the PIN. */
class PinSourceTest {
  private static final String PIN = "pin-7f3a9c";

  @TempDir
  Path dir;

  private Path file(String name, byte[] content, String permissions) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private Path file(String content) throws IOException {
    return file("pin", content.getBytes(StandardCharsets.UTF_8), "rw-------");
  }

  private static KmsException refused(PinSource source) {
    KmsException e = assertThrows(KmsException.class, () -> source.read(Map.of()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertFalse(e.getMessage().contains(PIN), e.getMessage());
    assertFalse(e.code().retryable());
    return e;
  }

  @ParameterizedTest
  @EnumSource(value = PosixFilePermission.class, names = {"GROUP_READ", "GROUP_WRITE",
      "GROUP_EXECUTE", "OTHERS_READ", "OTHERS_WRITE", "OTHERS_EXECUTE"})
  void eachGroupOrOtherBitIsRefused(PosixFilePermission extra) throws IOException {
    Path pin = file(PIN);
    Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE, extra);
    Files.setPosixFilePermissions(pin, permissions);
    KmsException e = refused(PinSource.file(pin));
    assertTrue(e.getMessage().contains("group or others"), e.getMessage());
    assertTrue(e.getMessage().contains(pin.toString()), "names the file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------", "rwx------"})
  void ownerOnlyFilesAreRead(String permissions) throws IOException {
    Path pin = file("pin", (PIN + "\n").getBytes(StandardCharsets.UTF_8), permissions);
    assertArrayEquals(PIN.toCharArray(), PinSource.file(pin).read(Map.of()));
  }

  @Test
  void aFileOfExactlyTheCapIsReadAndOneByteMoreIsRefused() throws IOException {
    byte[] atCap = new byte[4096];
    Arrays.fill(atCap, (byte) 'x');
    byte[] pin = PIN.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(pin, 0, atCap, 0, pin.length);
    atCap[pin.length] = '\n';
    Path exact = file("exact", atCap, "rw-------");
    assertArrayEquals(PIN.toCharArray(), PinSource.file(exact).read(Map.of()));

    Path over = file("over", Arrays.copyOf(atCap, 4097), "rw-------");
    KmsException e = refused(PinSource.file(over));
    assertTrue(e.getMessage().contains("4096"), e.getMessage());

    byte[] oneLine = new byte[4096];
    Arrays.fill(oneLine, (byte) 'p');
    assertEquals(4096, PinSource.file(file("long", oneLine, "rw-------")).read(Map.of()).length,
        "a 4,096-byte PIN with no line end is all PIN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "\r\n", "\r", "\nsecond line"})
  void anEmptyFirstLineIsRefused(String content) throws IOException {
    KmsException e = refused(PinSource.file(file(content)));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r", "\nnext", "\r\nnext\r\n", "\rnext"})
  void onlyTheFirstLineIsThePin(String rest) throws IOException {
    assertArrayEquals(PIN.toCharArray(), PinSource.file(file(PIN + rest)).read(Map.of()));
  }

  @Test
  void aPinWithoutALineEndIsTheWholeFile() throws IOException {
    assertArrayEquals(PIN.toCharArray(), PinSource.file(file(PIN)).read(Map.of()));
    assertArrayEquals("p".toCharArray(), PinSource.file(file("p")).read(Map.of()));
    assertArrayEquals("\u00e9t\u00e9 \u4e2d".toCharArray(),
        PinSource.file(file("\u00e9t\u00e9 \u4e2d\r\n")).read(Map.of()), "UTF-8");
  }

  @Test
  void aFirstLineThatIsNotUtf8IsRefused() throws IOException {
    byte[] bad = (PIN + "\u00e9").getBytes(StandardCharsets.UTF_8);
    KmsException e = refused(PinSource.file(
        file("bad", Arrays.copyOf(bad, bad.length - 1), "rw-------")));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    refused(PinSource.file(file("ff", new byte[] {'a', (byte) 0xFF, 'b'}, "rw-------")));
    // invalid bytes after the first line do not matter
    byte[] tail = {'o', 'k', '\n', (byte) 0xFF};
    assertArrayEquals("ok".toCharArray(),
        PinSource.file(file("tail", tail, "rw-------")).read(Map.of()));
  }

  @Test
  void aDirectoryOrAMissingFileIsRefused() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("d"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    assertTrue(refused(PinSource.file(directory)).getMessage().contains("regular file"));
    assertTrue(refused(PinSource.file(dir.resolve("absent"))).getMessage()
        .contains("missing"));
    assertThrows(NullPointerException.class, () -> PinSource.file(null));
  }

  @Test
  void eachReadIsAFreshArray() throws IOException {
    PinSource source = PinSource.file(file(PIN));
    char[] first = source.read(Map.of());
    Arrays.fill(first, '\0');
    assertArrayEquals(PIN.toCharArray(), source.read(Map.of()));
    PinSource env = PinSource.environment("V");
    char[] a = env.read(Map.of("V", PIN));
    Arrays.fill(a, '\0');
    assertArrayEquals(PIN.toCharArray(), env.read(Map.of("V", PIN)));
  }

  @Test
  void anEnvironmentVariableMissingOrEmptyIsRefused() {
    PinSource source = PinSource.environment("THE_PIN_VAR");
    assertArrayEquals(PIN.toCharArray(), source.read(Map.of("THE_PIN_VAR", PIN)));
    assertArrayEquals(" ".toCharArray(), source.read(Map.of("THE_PIN_VAR", " ")),
        "a PIN is taken as it is");
    KmsException missing = refused(source);
    assertTrue(missing.getMessage().contains("THE_PIN_VAR"));
    Map<String, String> empty = new HashMap<>();
    empty.put("THE_PIN_VAR", "");
    KmsException blank = assertThrows(KmsException.class, () -> source.read(empty));
    assertEquals(ErrorCode.INVALID_ARGUMENT, blank.code());
    assertTrue(blank.getMessage().contains("THE_PIN_VAR"));
    assertFalse(source.read(Map.of("OTHER", "x", "THE_PIN_VAR", PIN)).length == 0);
  }

  @Test
  void aVariableWithoutANameIsRefused() {
    for (String name : new String[] {null, "", " ", "\t"}) {
      assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
          () -> PinSource.environment(name)).code());
    }
  }

  @Test
  void toStringNamesTheSourceOnly() throws IOException {
    Path pin = file(PIN);
    assertEquals("file " + pin, PinSource.file(pin).toString());
    assertEquals("environment variable MY_PIN", PinSource.environment("MY_PIN").toString());
  }
}
