package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Store keys from an environment variable and from a passphrase (Argon2id), and the
 * {@code NO_PROVIDER} refusal when Bouncy Castle is absent.
 *
 * <p>Argon2id is checked twice: {@code Argon2id.derive} against the Argon2id test vector of
 * RFC 9106, section 5.3 (with its secret and associated data), and the public path
 * ({@code fromPassphrase}: UTF-8, no secret, no associated data) against outputs of the
 * reference implementation's command-line tool (Debian package {@code argon2}
 * 0~20171227, e.g. {@code printf 'correct horse battery staple' | argon2 saltsaltsaltsalt -id
 * -t 1 -k 1024 -p 1 -l 32 -r}), computed once and pasted here.
 */
class StoreKeysSecretSourcesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SALT = "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theEnvironmentVariableHoldsV1() {
    byte[] key = SealTesting.key(5);
    String value = Base64.getEncoder().encodeToString(key);
    try (KeyringSealer fromEnv = StoreKeys.fromEnvironment("RON_KMS_STORE_KEY", "r",
        Map.of("RON_KMS_STORE_KEY", " " + value + "\n")).build();
        KeyringSealer direct = KeyringSealer.builder("r").addVersion(key).build()) {
      assertEquals(1, fromEnv.headVersion());
      assertArrayEquals(direct.keyCheckValue(1), fromEnv.keyCheckValue(1));
    }
    assertEquals("RON_KMS_STORE_KEY", StoreKeys.DEFAULT_ENVIRONMENT_VARIABLE);
  }

  @Test
  void anUnsetOrMalformedVariableIsRefusedWithoutItsValue() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromEnvironment("K", "r", Map.of()));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromEnvironment("K", "r",
        Map.of("K", "  ")));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromEnvironment(null, "r", Map.of()));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromEnvironment("K", "r", null));
    String thirtyOne = Base64.getEncoder().encodeToString(Arrays.copyOf(SealTesting.key(5), 31));
    String thirtyThree = Base64.getEncoder().encodeToString(Arrays.copyOf(SealTesting.key(5),
        33));
    String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[] {-1, -2, -3, -4, -5, -6,
        -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -21, -22, -23, -24,
        -25, -26, -27, -28, -29, -30, -31, -32});
    for (String bad : new String[] {thirtyOne, thirtyThree, urlSafe, "not base64 at all!",
        HEX.formatHex(SealTesting.key(5))}) {
      KmsException e = assertCode(ErrorCode.MALFORMED_KEY, () -> StoreKeys.fromEnvironment("K",
          "r", Map.of("K", bad)));
      assertEquals("MALFORMED_KEY: the environment variable K does not hold the Base64 of a"
          + " 32-byte store key", e.getMessage());
    }
  }

  @Test
  void argon2idMatchesTheRfc9106Section53Vector() {
    byte[] password = new byte[32];
    Arrays.fill(password, (byte) 1);
    byte[] salt = new byte[16];
    Arrays.fill(salt, (byte) 2);
    byte[] secret = new byte[8];
    Arrays.fill(secret, (byte) 3);
    byte[] associated = new byte[12];
    Arrays.fill(associated, (byte) 4);
    byte[] tag = Argon2id.derive(password, salt, 32, 3, 4, secret, associated, 32);
    assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659",
        HEX.formatHex(tag));
    byte[] two = new byte[16];
    Arrays.fill(two, (byte) 2);
    assertArrayEquals(two, salt, "the caller's salt is not cleared");
  }

  @Test
  void thePassphraseKeyIsArgon2idOfItsUtf8Bytes() {
    assertPassphraseKey("correct horse battery staple", new PassphraseParameters(1024, 1, 1,
        SALT), "e53c7d62434d59fab5825d07bb1aedf13d1313822c3d8a310881bacba24967a2");
    assertPassphraseKey("p\u00e4ssw\u00f6rd", new PassphraseParameters(256, 2, 2, SALT),
        "bedeb0b04069b31298075469f11d495a2c65714fec2002e8b85c002ae9425fa3");
  }

  private static void assertPassphraseKey(String passphrase, PassphraseParameters parameters,
      String expectedKeyHex) {
    char[] chars = passphrase.toCharArray();
    try (KeyringSealer derived = StoreKeys.fromPassphrase(chars, parameters, "r").build();
        KeyringSealer expected = KeyringSealer.builder("r")
            .addVersion(HEX.parseHex(expectedKeyHex)).build()) {
      assertArrayEquals(expected.keyCheckValue(1), derived.keyCheckValue(1));
    }
    assertArrayEquals(passphrase.toCharArray(), chars, "the caller's array is the caller's");
  }

  @Test
  void anotherPassphraseOrSaltGivesAnotherKey() {
    PassphraseParameters p = PassphraseParameters.testSize();
    byte[] otherSalt = p.salt();
    otherSalt[0] ^= 1;
    PassphraseParameters q = new PassphraseParameters(p.memoryKiB(), p.iterations(),
        p.parallelism(), otherSalt);
    try (KeyringSealer a = StoreKeys.fromPassphrase("one".toCharArray(), p, "r").build();
        KeyringSealer a2 = StoreKeys.fromPassphrase("one".toCharArray(), p, "r").build();
        KeyringSealer b = StoreKeys.fromPassphrase("two".toCharArray(), p, "r").build();
        KeyringSealer c = StoreKeys.fromPassphrase("one".toCharArray(), q, "r").build()) {
      assertArrayEquals(a.keyCheckValue(1), a2.keyCheckValue(1));
      assertFalse(Arrays.equals(a.keyCheckValue(1), b.keyCheckValue(1)));
      assertFalse(Arrays.equals(a.keyCheckValue(1), c.keyCheckValue(1)));
      byte[] sealed = a.seal(new byte[] {42}, new byte[0]);
      assertCode(ErrorCode.TAMPERED, () -> b.open(sealed, new byte[0]));
      assertArrayEquals(new byte[] {42}, a2.open(sealed, new byte[0]));
    }
  }

  @Test
  void aBadPassphraseIsAnInvalidArgumentThatDoesNotQuoteIt() {
    PassphraseParameters p = PassphraseParameters.testSize();
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromPassphrase(null, p, "r"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromPassphrase(new char[0], p, "r"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromPassphrase("x".toCharArray(),
        null, "r"));
    KmsException e = assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeys.fromPassphrase(
        "secret\ud800word".toCharArray(), p, "r"));
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void withoutBouncyCastleThePassphrasePathIsNoProviderAndTheOthersStillWork()
      throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.contains("bcprov")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    try (URLClassLoader withoutBc = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> storeKeys = withoutBc.loadClass(StoreKeys.class.getName());
      Class<?> parameters = withoutBc.loadClass(PassphraseParameters.class.getName());
      assertNotEquals(StoreKeys.class, storeKeys, "loaded apart from the test's own classes");
      Object testSize = parameters.getMethod("testSize").invoke(null);
      Method fromPassphrase = storeKeys.getMethod("fromPassphrase", char[].class, parameters,
          String.class);
      InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
          InvocationTargetException.class,
          () -> fromPassphrase.invoke(null, "pass".toCharArray(), testSize, "r"));
      Throwable e = thrown.getCause();
      assertEquals(KmsException.class.getName(), e.getClass().getName());
      assertEquals("NO_PROVIDER", e.getClass().getMethod("code").invoke(e).toString());
      assertTrue(e.getMessage().contains("org.bouncycastle:bcprov-jdk18on"), e.getMessage());
      Object builder = storeKeys.getMethod("fromEnvironment", String.class, String.class,
          Map.class).invoke(null, "K", "r",
          Map.of("K", Base64.getEncoder().encodeToString(new byte[32])));
      Object sealer = builder.getClass().getMethod("build").invoke(builder);
      byte[] sealed = (byte[]) sealer.getClass().getMethod("seal", byte[].class, byte[].class)
          .invoke(sealer, new byte[] {7}, new byte[0]);
      assertTrue(sealed.length > 16, "sealing works without Bouncy Castle");
      sealer.getClass().getMethod("close").invoke(sealer);
    }
  }
}
