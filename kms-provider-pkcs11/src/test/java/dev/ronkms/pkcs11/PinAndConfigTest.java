package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PIN sources, token configs, and a PIN the token refuses. */
class PinAndConfigTest {
  private static final String WRONG_PIN = "not-the-pin-4711";

  @Test
  void environmentPin() {
    SoftHsm.assumeAvailable();
    PinSource source = PinSource.environment("MY_PIN");
    assertArrayEquals("s3cret".toCharArray(), source.read(Map.of("MY_PIN", "s3cret")));
    KmsException missing = assertThrows(KmsException.class, () -> source.read(Map.of()));
    assertEquals(ErrorCode.INVALID_ARGUMENT, missing.code());
    assertTrue(missing.getMessage().contains("MY_PIN"));
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(KmsException.class, () -> PinSource.environment(" ")).code());
    assertFalse(source.toString().contains("s3cret"));
  }

  @Test
  void filePin(@TempDir Path dir) throws IOException {
    SoftHsm.assumeAvailable();
    Path file = pinFile(dir, "pin", "1234\nignored");
    assertArrayEquals("1234".toCharArray(), PinSource.file(file).read());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    KmsException open = assertThrows(KmsException.class, () -> PinSource.file(file).read());
    assertEquals(ErrorCode.INVALID_ARGUMENT, open.code());
    assertFalse(open.getMessage().contains("1234"));
    Path empty = pinFile(dir, "empty", "");
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(KmsException.class, () -> PinSource.file(empty).read()).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> PinSource.file(dir.resolve("absent")).read()).code());
  }

  @Test
  void configFromSystem(@TempDir Path dir) throws IOException {
    SoftHsm.assumeAvailable();
    String library = SoftHsm.library().orElseThrow().toString();
    assertEquals(Optional.empty(), TokenConfig.fromSystem(new Properties(), Map.of()));

    Properties noToken = new Properties();
    noToken.setProperty(TokenConfig.LIBRARY_PROPERTY, library);
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> TokenConfig.fromSystem(noToken, Map.of())).code());

    TokenConfig fromEnv = TokenConfig.fromSystem(new Properties(), Map.of(
        "RON_KMS_PKCS11_LIBRARY", library, "RON_KMS_PKCS11_TOKEN", "t1")).orElseThrow();
    assertEquals("t1", fromEnv.tokenLabel());
    assertEquals(TokenConfig.DEFAULT_SESSIONS, fromEnv.sessions());
    assertTrue(fromEnv.pin().toString().contains(TokenConfig.DEFAULT_PIN_VARIABLE));

    Path file = pinFile(dir, "pin", "1234");
    Properties all = new Properties();
    all.setProperty(TokenConfig.LIBRARY_PROPERTY, library);
    all.setProperty(TokenConfig.TOKEN_PROPERTY, "t2");
    all.setProperty(TokenConfig.PIN_FILE_PROPERTY, file.toString());
    all.setProperty(TokenConfig.SESSIONS_PROPERTY, "3");
    TokenConfig config = TokenConfig.fromSystem(all, Map.of()).orElseThrow();
    assertEquals(3, config.sessions());
    assertArrayEquals("1234".toCharArray(), config.pin().read());
    assertFalse(config.toString().contains("1234"));

    all.setProperty(TokenConfig.SESSIONS_PROPERTY, "0");
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> TokenConfig.fromSystem(all, Map.of())).code());
    all.setProperty(TokenConfig.SESSIONS_PROPERTY, "many");
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> TokenConfig.fromSystem(all, Map.of())).code());
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> TokenConfig.of(dir.resolve("no.so"), "t", PinSource.file(file))).code());
  }

  @Test
  void wrongPinIsRefusedWithoutShowingIt(@TempDir Path dir) throws IOException {
    TokenConfig good = SoftHsm.token();
    TokenConfig wrong = TokenConfig.of(good.library(), good.tokenLabel(),
        PinSource.file(pinFile(dir, "wrong", WRONG_PIN)));
    KmsException refused = assertThrows(KmsException.class,
        () -> new Pkcs11Ed25519Provider(wrong));
    assertEquals(ErrorCode.INVALID_ARGUMENT, refused.code());
    assertFalse(refused.code().retryable());
    assertFalse(refused.getMessage().contains(WRONG_PIN), refused.getMessage());
    assertFalse(refused.getMessage().contains(System.getenv(SoftHsm.PIN_VARIABLE)));

    try (Pkcs11Ed25519Provider logged = new Pkcs11Ed25519Provider(good)) {
      KmsException whileLoggedIn = assertThrows(KmsException.class,
          () -> new Pkcs11Ed25519Provider(wrong));
      assertEquals(ErrorCode.INVALID_ARGUMENT, whileLoggedIn.code(),
          "a login already made does not let another PIN in");
      assertFalse(whileLoggedIn.getMessage().contains(WRONG_PIN));
      logged.generate(dev.ronkms.keys.Algorithm.ED25519).discard();
    }
  }

  @Test
  void aLoginThroughEitherBindingRefusesAnotherPinOnTheOther(@TempDir Path dir)
      throws IOException {
    TokenConfig good = SoftHsm.token();
    TokenConfig wrong = TokenConfig.of(good.library(), good.tokenLabel(),
        PinSource.file(pinFile(dir, "wrong", WRONG_PIN)));
    try (TokenSealer sealer = TokenSealer.open(good, "no-such-key")) {
      throw new AssertionError("no key of that label: " + sealer);
    } catch (KmsException expected) {
      assertEquals(ErrorCode.KEY_NOT_FOUND, expected.code(), expected.getMessage());
    }
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> new Pkcs11Ed25519Provider(wrong)).code(), "the sealer's login is known");
    assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
        () -> TokenSealer.open(wrong, "no-such-key")).code(),
        "SunPKCS11 alone would take the login it finds as its own");
  }

  @Test
  void unknownTokenIsUnavailable() {
    TokenConfig good = SoftHsm.token();
    TokenConfig other = TokenConfig.of(good.library(), "no-such-token", good.pin());
    KmsException absent = assertThrows(KmsException.class,
        () -> new Pkcs11Ed25519Provider(other));
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE, absent.code());
    assertTrue(absent.code().retryable());
  }

  private static Path pinFile(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
