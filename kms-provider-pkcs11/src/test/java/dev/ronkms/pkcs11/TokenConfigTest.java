package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token configs: bounds, where each setting is read from, and what toString shows (pure). */
class TokenConfigTest {
  private static final String PIN = "cfg-pin-5521";

  @TempDir
  Path dir;
  private Path library;
  private Path pinFile;

  @BeforeEach
  void files() throws IOException {
    library = Files.writeString(dir.resolve("libtoken.so"), "not really a library");
    pinFile = Files.writeString(dir.resolve("pin"), PIN + "\n");
    Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
  }

  private TokenConfig config() {
    return TokenConfig.of(library, "token", PinSource.environment("P"));
  }

  private static void assertInvalid(org.junit.jupiter.api.function.Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 8, 63, 64})
  void sessionsFromOneTo64(int sessions) {
    TokenConfig base = config();
    TokenConfig config = base.withSessions(sessions);
    assertEquals(sessions, config.sessions());
    assertEquals(TokenConfig.DEFAULT_SESSIONS, base.sessions(), "immutable");
    assertEquals(base.library(), config.library());
    assertEquals(base.tokenLabel(), config.tokenLabel());
    assertSame(base.pin(), config.pin());
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 65, 66, Integer.MAX_VALUE})
  void sessionsOutside1To64AreRefused(int sessions) {
    KmsException e = assertThrows(KmsException.class, () -> config().withSessions(sessions));
    assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains(String.valueOf(sessions)), e.getMessage());
  }

  @Test
  void tokenLabelsOfOneTo32Characters() {
    PinSource pin = PinSource.environment("P");
    assertEquals("t", TokenConfig.of(library, "t", pin).tokenLabel());
    assertEquals("x".repeat(32), TokenConfig.of(library, "x".repeat(32), pin).tokenLabel());
    assertInvalid(() -> TokenConfig.of(library, "x".repeat(33), pin));
    assertInvalid(() -> TokenConfig.of(library, "", pin));
    assertInvalid(() -> TokenConfig.of(library, "   ", pin));
    assertInvalid(() -> TokenConfig.of(library, null, pin));
    assertInvalid(() -> TokenConfig.of(null, "t", pin));
    assertInvalid(() -> TokenConfig.of(dir, "t", pin));
    assertInvalid(() -> TokenConfig.of(dir.resolve("absent.so"), "t", pin));
    assertThrows(NullPointerException.class, () -> TokenConfig.of(library, "t", null));
  }

  @Test
  void aConfigShowsItsSourceOfThePinButNotThePin() {
    TokenConfig config = TokenConfig.of(library, "my-token", PinSource.file(pinFile))
        .withSessions(5);
    assertArrayEquals(PIN.toCharArray(), config.pin().read(Map.of()));
    String text = config.toString();
    assertEquals("TokenConfig[library=" + library + ", token=my-token, pin from file "
        + pinFile + ", sessions=5]", text);
    assertFalse(text.contains(PIN));
    assertTrue(TokenConfig.of(library, "t", PinSource.environment("THE_VAR")).toString()
        .contains("environment variable THE_VAR"));
  }

  @Test
  void nothingConfiguredIsEmpty() {
    assertEquals(Optional.empty(), TokenConfig.fromSystem(new Properties(), Map.of()));
    Properties blank = new Properties();
    blank.setProperty(TokenConfig.LIBRARY_PROPERTY, "  ");
    assertEquals(Optional.empty(), TokenConfig.fromSystem(blank, Map.of(
        "RON_KMS_PKCS11_LIBRARY", " ", "RON_KMS_PKCS11_TOKEN", "t")));
  }

  @Test
  void environmentVariableNames() {
    assertEquals("RON_KMS_PKCS11_LIBRARY", TokenConfig.variable(TokenConfig.LIBRARY_PROPERTY));
    assertEquals("RON_KMS_PKCS11_TOKEN", TokenConfig.variable(TokenConfig.TOKEN_PROPERTY));
    assertEquals("RON_KMS_PKCS11_PIN_FILE", TokenConfig.variable(TokenConfig.PIN_FILE_PROPERTY));
    assertEquals("RON_KMS_PKCS11_PIN_ENV", TokenConfig.variable(TokenConfig.PIN_ENV_PROPERTY));
    assertEquals("RON_KMS_PKCS11_SESSIONS", TokenConfig.variable(TokenConfig.SESSIONS_PROPERTY));
  }

  @Test
  void aPropertyWinsOverItsEnvironmentVariable() throws IOException {
    Path otherLibrary = Files.writeString(dir.resolve("libother.so"), "x");
    Properties properties = new Properties();
    properties.setProperty(TokenConfig.LIBRARY_PROPERTY, library.toString());
    properties.setProperty(TokenConfig.TOKEN_PROPERTY, "from-property");
    properties.setProperty(TokenConfig.PIN_ENV_PROPERTY, "PROPERTY_PIN_VAR");
    properties.setProperty(TokenConfig.SESSIONS_PROPERTY, "3");
    Map<String, String> environment = Map.of(
        "RON_KMS_PKCS11_LIBRARY", otherLibrary.toString(),
        "RON_KMS_PKCS11_TOKEN", "from-environment",
        "RON_KMS_PKCS11_PIN_ENV", "ENV_PIN_VAR",
        "RON_KMS_PKCS11_SESSIONS", "7");
    TokenConfig config = TokenConfig.fromSystem(properties, environment).orElseThrow();
    assertEquals(library, config.library());
    assertEquals("from-property", config.tokenLabel());
    assertEquals("environment variable PROPERTY_PIN_VAR", config.pin().toString());
    assertEquals(3, config.sessions());

    TokenConfig fromEnvironment = TokenConfig.fromSystem(new Properties(), environment)
        .orElseThrow();
    assertEquals(otherLibrary, fromEnvironment.library());
    assertEquals("from-environment", fromEnvironment.tokenLabel());
    assertEquals("environment variable ENV_PIN_VAR", fromEnvironment.pin().toString());
    assertEquals(7, fromEnvironment.sessions());
  }

  @Test
  void aBlankPropertyFallsBackToTheEnvironmentAndBlankEverywhereIsAbsent() {
    Properties properties = new Properties();
    properties.setProperty(TokenConfig.LIBRARY_PROPERTY, " ");
    properties.setProperty(TokenConfig.TOKEN_PROPERTY, "");
    properties.setProperty(TokenConfig.PIN_FILE_PROPERTY, " \t");
    properties.setProperty(TokenConfig.PIN_ENV_PROPERTY, " ");
    properties.setProperty(TokenConfig.SESSIONS_PROPERTY, " ");
    Map<String, String> environment = new HashMap<>();
    environment.put("RON_KMS_PKCS11_LIBRARY", library.toString());
    environment.put("RON_KMS_PKCS11_TOKEN", "  env-token  ");
    environment.put("RON_KMS_PKCS11_PIN_FILE", "  ");
    environment.put("RON_KMS_PKCS11_PIN_ENV", "");
    environment.put("RON_KMS_PKCS11_SESSIONS", " ");
    TokenConfig config = TokenConfig.fromSystem(properties, environment).orElseThrow();
    assertEquals(library, config.library());
    assertEquals("env-token", config.tokenLabel(), "stripped");
    assertEquals("environment variable " + TokenConfig.DEFAULT_PIN_VARIABLE,
        config.pin().toString(), "blank PIN settings are absent: the default variable");
    assertEquals(TokenConfig.DEFAULT_SESSIONS, config.sessions());

    environment.put("RON_KMS_PKCS11_TOKEN", " ");
    KmsException noToken = assertThrows(KmsException.class,
        () -> TokenConfig.fromSystem(properties, environment));
    assertEquals(ErrorCode.INVALID_ARGUMENT, noToken.code());
    assertTrue(noToken.getMessage().contains("RON_KMS_PKCS11_TOKEN"), noToken.getMessage());
    assertTrue(noToken.getMessage().contains(TokenConfig.TOKEN_PROPERTY));
  }

  @Test
  void aPinFileWinsOverAPinVariable() {
    Properties properties = new Properties();
    properties.setProperty(TokenConfig.LIBRARY_PROPERTY, library.toString());
    properties.setProperty(TokenConfig.TOKEN_PROPERTY, "t");
    properties.setProperty(TokenConfig.PIN_ENV_PROPERTY, "SOME_VAR");
    properties.setProperty(TokenConfig.PIN_FILE_PROPERTY, " " + pinFile + " ");
    TokenConfig config = TokenConfig.fromSystem(properties, Map.of("SOME_VAR", "other"))
        .orElseThrow();
    assertEquals("file " + pinFile, config.pin().toString());
    assertArrayEquals(PIN.toCharArray(), config.pin().read(Map.of("SOME_VAR", "other")));

    properties.remove(TokenConfig.PIN_FILE_PROPERTY);
    TokenConfig byVariable = TokenConfig.fromSystem(properties, Map.of()).orElseThrow();
    assertEquals("environment variable SOME_VAR", byVariable.pin().toString());
    assertArrayEquals("other".toCharArray(), byVariable.pin().read(Map.of("SOME_VAR", "other")));

    TokenConfig pinFileFromEnvironment = TokenConfig.fromSystem(properties,
        Map.of("RON_KMS_PKCS11_PIN_FILE", pinFile.toString())).orElseThrow();
    assertEquals("file " + pinFile, pinFileFromEnvironment.pin().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", " 12 ", "64", "\t2\n"})
  void sessionsAreParsed(String sessions) {
    Properties properties = new Properties();
    properties.setProperty(TokenConfig.LIBRARY_PROPERTY, library.toString());
    properties.setProperty(TokenConfig.TOKEN_PROPERTY, "t");
    properties.setProperty(TokenConfig.SESSIONS_PROPERTY, sessions);
    assertEquals(Integer.parseInt(sessions.strip()),
        TokenConfig.fromSystem(properties, Map.of()).orElseThrow().sessions());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65", "-1", "many", "1.5", "99999999999", "0x10"})
  void badSessionsAreRefused(String sessions) {
    Properties properties = new Properties();
    properties.setProperty(TokenConfig.LIBRARY_PROPERTY, library.toString());
    properties.setProperty(TokenConfig.TOKEN_PROPERTY, "t");
    properties.setProperty(TokenConfig.SESSIONS_PROPERTY, sessions);
    assertInvalid(() -> TokenConfig.fromSystem(properties, Map.of()));
    Map<String, String> environment = Map.of("RON_KMS_PKCS11_LIBRARY", library.toString(),
        "RON_KMS_PKCS11_TOKEN", "t", "RON_KMS_PKCS11_SESSIONS", sessions);
    assertInvalid(() -> TokenConfig.fromSystem(new Properties(), environment));
  }

  @Test
  void aLibraryThatDoesNotExistIsRefused() {
    Properties properties = new Properties();
    properties.setProperty(TokenConfig.LIBRARY_PROPERTY, dir.resolve("absent.so").toString());
    properties.setProperty(TokenConfig.TOKEN_PROPERTY, "t");
    assertInvalid(() -> TokenConfig.fromSystem(properties, Map.of()));
  }
}
