package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store keys from key files (format 1 of {@link StoreKeys}): generated atomically with mode
 * 0600, read back into a working keyring, rotated, refused when group or others may access
 * them, and refused line by line when malformed, with messages that never hold key material.
 */
class StoreKeysFileTest {
  private static final byte[] AAD = "store-header".getBytes(StandardCharsets.UTF_8);
  private static final String KEY_A = Base64.getEncoder().encodeToString(SealTesting.key(1));
  private static final String KEY_B = Base64.getEncoder().encodeToString(SealTesting.key(2));

  @TempDir
  Path dir;

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    if (posix(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  @Test
  void aGeneratedFileIs0600AndBuildsAKeyringThatSealsAndOpens() throws IOException {
    Path file = dir.resolve("store.keys");
    StoreKeys.generateKeyFile(file);
    if (posix(file)) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file)));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    assertEquals("ron-kms-store-keys 1", lines.get(1));
    assertTrue(lines.get(2).matches("v1 [A-Za-z0-9+/]{43}="), "one v1 line");
    assertEquals(3, lines.size());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
    }
    try (KeyringSealer sealer = StoreKeys.fromKeyFile(file, "store/main").build()) {
      assertEquals(1, sealer.headVersion());
      byte[] sealed = sealer.seal("secret".getBytes(StandardCharsets.UTF_8), AAD);
      assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), sealer.open(sealed, AAD));
    }
    assertCode(ErrorCode.KEY_EXISTS, () -> StoreKeys.generateKeyFile(file));
    assertEquals(lines, Files.readAllLines(file, StandardCharsets.US_ASCII), "left as it was");
  }

  @Test
  void rotatingAddsANewHeadAndOldEnvelopesStillOpen() throws IOException {
    Path file = dir.resolve("store.keys");
    StoreKeys.generateKeyFile(file);
    byte[] old;
    try (KeyringSealer v1 = StoreKeys.fromKeyFile(file, "store/main")
        .antiRollback(AntiRollback.disabled()).build()) {
      old = v1.seal(new byte[] {1, 2, 3}, AAD);
    }
    assertEquals(2, StoreKeys.addKeyFileVersion(file));
    assertEquals(3, StoreKeys.addKeyFileVersion(file));
    if (posix(file)) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file)));
    }
    try (KeyringSealer v3 = StoreKeys.fromKeyFile(file, "store/main")
        .antiRollback(AntiRollback.disabled()).build()) {
      assertEquals(3, v3.headVersion());
      assertArrayEquals(new byte[] {1, 2, 3}, v3.open(old, AAD));
      assertEquals(3, Envelope.parse(v3.seal(new byte[0], AAD)).keyVersion());
    }
  }

  @Test
  void commentsBlankLinesCrLfAndDisabledMarksAreRead() throws IOException {
    Path file = write("k", "# a comment\r\n\r\n  ron-kms-store-keys 1\r\n# v9 not a version\n"
        + "v1 " + KEY_A + " disabled\r\n\tv2   " + KEY_B + "  \n");
    try (KeyringSealer sealer = StoreKeys.fromKeyFile(file, "r")
        .antiRollback(AntiRollback.disabled()).build();
        KeyringSealer onlyB = KeyringSealer.builder("r").addVersion(SealTesting.key(9))
            .addVersion(SealTesting.key(2)).build()) {
      assertEquals(2, sealer.headVersion());
      assertArrayEquals(onlyB.keyCheckValue(2), sealer.keyCheckValue(2));
      byte[] sealedByV1;
      try (KeyringSealer a = KeyringSealer.builder("r").addVersion(SealTesting.key(1))
          .build()) {
        sealedByV1 = a.seal(new byte[1], AAD);
      }
      assertCode(ErrorCode.VERSION_DISABLED, () -> sealer.open(sealedByV1, AAD));
    }
  }

  @Test
  void everyMalformedFileIsRefusedByLineAndNeverEchoesAKey() throws IOException {
    String format = "ron-kms-store-keys 1\n";
    String[][] cases = {
        {"", "line 1: the format line"},
        {"# only a comment\n", "the format line"},
        {"ron-kms-store-keys 2\nv1 " + KEY_A + "\n", "line 1: expected the format line"},
        {"ron-kms-store-keys  1\nv1 " + KEY_A + "\n", "line 1: expected the format line"},
        {"v1 " + KEY_A + "\n", "line 1: expected the format line"},
        {format, "holds no key version"},
        {format + "v2 " + KEY_A + "\n", "line 2: expected v1"},
        {format + "v1 " + KEY_A + "\nv3 " + KEY_B + "\n", "line 3: expected v2"},
        {format + "v01 " + KEY_A + "\n", "line 2: expected v1"},
        {format + "v1\n", "line 2: expected 'v1 <base64 key>'"},
        {format + "v1 " + KEY_A + " enabled\n", "line 2: the only word allowed"},
        {format + "v1 " + KEY_A + " disabled x\n", "line 2: expected 'v1 <base64 key>'"},
        {format + "v1 " + KEY_A.substring(1) + "\n", "line 2: v1 is not the Base64"},
        {format + "v1 " + KEY_A.replace('=', '*') + "\n", "line 2: v1 is not the Base64"},
        {format + "v1 " + Base64.getEncoder().encodeToString(new byte[31]) + "\n",
            "line 2: v1 is not the Base64 of a 32-byte key"},
        {format + "v1 " + Base64.getEncoder().encodeToString(new byte[33]) + "\n",
            "line 2: v1 is not the Base64 of a 32-byte key"},
        {format + "v1 " + KEY_A + "\u00e9\n", "line 2: a byte that is not printable ASCII"},
        {format + "v1 " + KEY_A + "\u0000\n", "line 2: a byte that is not printable ASCII"},
    };
    for (String[] c : cases) {
      Path file = write("bad", c[0]);
      KmsException e = assertCode(ErrorCode.MALFORMED_KEY,
          () -> StoreKeys.fromKeyFile(file, "r"));
      assertTrue(e.getMessage().contains(c[1]), c[1] + " in " + e.getMessage());
      assertFalse(e.getMessage().contains(KEY_A.substring(0, 20)), e.getMessage());
      assertFalse(e.getMessage().contains(KEY_A.substring(1, 21)), e.getMessage());
    }
    Path large = write("large", format + "#" + "x".repeat(KeyFiles.MAX_FILE_BYTES) + "\n");
    assertCode(ErrorCode.MALFORMED_KEY, () -> StoreKeys.fromKeyFile(large, "r"));
  }

  @Test
  void aFileGroupOrOthersMayAccessIsRefused() throws IOException {
    Path file = write("k", "ron-kms-store-keys 1\nv1 " + KEY_A + "\n");
    Assumptions.assumeTrue(posix(file), "POSIX permissions only");
    for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-",
        "rw---x---", "r--r--r--"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      KmsException e = assertCode(ErrorCode.INVALID_ARGUMENT,
          () -> StoreKeys.fromKeyFile(file, "r"));
      assertTrue(e.getMessage().contains("has permissions " + mode), e.getMessage());
      assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.addKeyFileVersion(file));
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    StoreKeys.fromKeyFile(file, "r").build().close();
  }

  @Test
  void aMissingFileOrPathIsAnInvalidArgument() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromKeyFile(dir.resolve("none"),
        "r"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromKeyFile(null, "r"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.generateKeyFile(null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.addKeyFileVersion(
        dir.resolve("none")));
    KmsException e = assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.generateKeyFile(
        dir.resolve("no-such-dir").resolve("k")));
    assertTrue(e.getMessage().endsWith("its directory does not exist"), e.getMessage());
  }
}
