package dev.ronkms.pkcs11;

import static dev.ronkms.pkcs11.TokenSealerTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A file store whose store key is a token key: it opens where the token is, and nowhere else. */
class TokenFileStoreTest {
  private static final byte[] MESSAGE = "pay 10 to bob".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @Test
  void aTokenSealedStoreReopensWithItsKeysAndRefusesAnyOtherKeyUnchanged() {
    TokenConfig token = SoftHsm.token();
    String label = "store-" + UUID.randomUUID();
    Path store = dir.resolve("store");
    KeyId key;
    Signed signed;
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      try (Kms kms = Kms.builder().store(FileKeystoreStore.builder(store, sealer)
          .createIfMissing(true).build()).build()) {
        key = kms.create("acme", "payments", Algorithm.ED25519);
        signed = kms.sign(key, MESSAGE);
      }
    }
    try (TokenSealer sealer = TokenSealer.open(token, label);
        Kms kms = Kms.builder().store(FileKeystoreStore.open(store, sealer)).build()) {
      assertEquals(List.of(key), kms.list());
      assertTrue(kms.verify(signed, MESSAGE));
      assertTrue(kms.verify(kms.sign(key, MESSAGE), MESSAGE));
    }
    Map<String, String> before = snapshot(store);
    try (TokenSealer other = TokenSealer.create(token, label + "-other")) {
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(store, other));
    }
    try (KeyringSealer software = KeyringSealer.builder("ron-kms/store-key")
        .addVersion(new byte[32]).antiRollback(AntiRollback.disabled()).build()) {
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(store, software));
    }
    assertCode(ErrorCode.KEY_NOT_FOUND, () -> TokenSealer.open(token, label + "-missing"));
    assertEquals(before, snapshot(store), "a refused open changes nothing");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aNewJvmWithTheTokenOpensTheStoreAndWithoutItNothingChanges() throws Exception {
    SoftHsm.Separate token = SoftHsm.separateToken(dir.resolve("hsm"), "ron-kms-child");
    Path store = dir.resolve("store");
    String label = TokenSealer.DEFAULT_KEY_LABEL;
    Map<String, String> env = token.environment();

    Child created = child(env, "create", store.toString(), label);
    assertEquals(0, created.exit, created.output);
    String keyId = created.line("KEY ");
    String signature = created.line("SIG ");
    Map<String, String> before = snapshot(store);

    Child reopened = child(env, "list", store.toString(), label, keyId, signature);
    assertEquals(0, reopened.exit, reopened.output);
    assertTrue(reopened.output.contains("KEY acme/payments"), reopened.output);
    assertTrue(reopened.output.contains("VERIFIED true"), reopened.output);

    Child noKey = child(env, "list", store.toString(), label + "-missing");
    assertEquals(3, noKey.exit, noKey.output);
    assertTrue(noKey.output.contains("ERROR KEY_NOT_FOUND"), noKey.output);

    Map<String, String> absent = new HashMap<>(env);
    absent.put("RON_KMS_PKCS11_TOKEN", "not-plugged-in");
    Child noToken = child(absent, "list", store.toString(), label);
    assertEquals(3, noToken.exit, noToken.output);
    assertTrue(noToken.output.contains("ERROR TOKEN_UNAVAILABLE"), noToken.output);

    Map<String, String> wrongPin = new HashMap<>(env);
    wrongPin.put(SoftHsm.PIN_VARIABLE, "not-the-pin");
    Child refused = child(wrongPin, "list", store.toString(), label);
    assertEquals(3, refused.exit, refused.output);
    assertTrue(refused.output.contains("ERROR INVALID_ARGUMENT"), refused.output);
    assertTrue(!refused.output.contains("not-the-pin"), refused.output);

    // this JVM's token has a key of the same label, but it is not the store's key
    try (TokenSealer sameLabel = TokenSealer.create(SoftHsm.token(),
        label + "-" + UUID.randomUUID())) {
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(store, sameLabel));
    }
    assertEquals(before, snapshot(store), "refused opens change nothing");
  }

  private record Child(int exit, String output) {
    String line(String prefix) {
      return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("no " + prefix + "in " + output))
          .substring(prefix.length());
    }
  }

  private static Child child(Map<String, String> env, String... args) throws Exception {
    Process p = SoftHsm.childJvm(TokenStoreChild.class, env, args).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    return new Child(p.exitValue(), out);
  }

  /** Every file under {@code dir} but the lock file, by relative path, as hex. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("lock")) {
          out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
