package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.pkcs11.TokenSealer;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kms --store DIR --seal-with pkcs11 [--token-key LABEL] ...}: a store sealed by a key on
 * a SoftHSM2 token, made by {@code store init}, used and reopened by one-shot commands.
 */
class TokenStoreCliTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {
    String line() {
      return out.strip();
    }
  }

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (Session session = new Session(new PrintWriter(out, true), new PrintWriter(err, true))) {
      code = KmsCli.run(session, args.toArray(new String[0]));
    }
    return new Run(code, out.toString(), err.toString());
  }

  private static Run kms(Path store, String label, String... args) {
    List<String> all = new ArrayList<>(List.of("--store", store.toString(), "--seal-with",
        "pkcs11", "--token-key", label));
    all.addAll(List.of(args));
    return run(all);
  }

  private static void publishToken() {
    SoftHsm.token();
    SoftHsm.publishForDiscovery();
  }

  @Test
  void aTokenSealedStoreIsCreatedUsedAndReopened() {
    publishToken();
    Path store = tmp.resolve("store");
    String label = "cli-" + UUID.randomUUID();
    Run init = kms(store, label, "store", "init");
    assertEquals(0, init.code(), init.err());
    assertTrue(init.err().contains("created the store key '" + label + "'"), init.err());
    assertTrue(init.out().contains("sealed by pkcs11:" + SoftHsm.TOKEN_LABEL + "/" + label),
        init.out());

    String id = kms(store, label, "keys", "create", "acme", "billing").line();
    Run signed = kms(store, label, "keys", "sign", id, "-m", "invoice 1");
    assertEquals(0, signed.code(), signed.err());
    String[] parts = signed.line().split(" ");
    Run verified = kms(store, label, "keys", "verify", parts[0], parts[1], "-m", "invoice 1");
    assertEquals("VALID", verified.line(), verified.err());
    assertEquals(id, kms(store, label, "keys", "list").line());
    Run info = kms(store, label, "store", "info");
    assertTrue(info.out().contains("keys:      1"), info.out());
    assertTrue(info.out().contains("pkcs11:" + SoftHsm.TOKEN_LABEL + "/" + label), info.out());
    Run again = kms(store, label, "store", "init");
    assertEquals(0, again.code(), again.err());
    assertFalse(again.err().contains("created"), "the key exists: " + again.err());

    Run otherKey = kms(store, label + "-missing", "keys", "list");
    assertNotEquals(0, otherKey.code());
    assertTrue(otherKey.err().contains("KEY_NOT_FOUND"), otherKey.err());
    Run rotate = kms(store, label, "store", "rotate-key");
    assertNotEquals(0, rotate.code());
    assertTrue(rotate.err().contains("UNSUPPORTED_OPERATION"), rotate.err());
  }

  @Test
  void theTokenIsOneOfTheMutuallyExclusiveStoreKeySources() {
    Path store = tmp.resolve("store");
    Run both = run(List.of("--store", store.toString(), "--seal-with", "pkcs11",
        "--store-key-file", tmp.resolve("k").toString(), "store", "init"));
    assertNotEquals(0, both.code());
    assertTrue(both.err().contains("give one store key source"), both.err());
    Run labelAlone = run(List.of("--store", store.toString(), "--token-key", "x",
        "--store-key-file", tmp.resolve("k").toString(), "store", "init"));
    assertNotEquals(0, labelAlone.code());
    assertTrue(labelAlone.err().contains("--seal-with pkcs11"), labelAlone.err());
    Run unknown = run(List.of("--store", store.toString(), "--seal-with", "tpm", "store",
        "init"));
    assertNotEquals(0, unknown.code());
    assertTrue(unknown.err().contains("--seal-with takes pkcs11"), unknown.err());
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theCommandLineFindsTheTokenThroughItsEnvironmentInANewProcess() throws Exception {
    SoftHsm.Separate token = SoftHsm.separateToken(tmp.resolve("hsm"), "ron-kms-cli");
    Path store = tmp.resolve("store");
    Map<String, String> env = token.environment();
    Child init = child(env, "--store", store.toString(), "--seal-with", "pkcs11", "store",
        "init");
    assertEquals(0, init.code, init.output);
    assertTrue(init.output.contains("created the store key '"
        + TokenSealer.DEFAULT_KEY_LABEL + "'"), init.output);
    Child created = child(env, "--store", store.toString(), "--seal-with", "pkcs11", "keys",
        "create", "acme", "payments");
    assertEquals(0, created.code, created.output);
    Child listed = child(env, "--store", store.toString(), "--seal-with", "pkcs11", "keys",
        "list");
    assertEquals(0, listed.code, listed.output);
    assertTrue(listed.output.contains("acme/payments"), listed.output);
    assertFalse(listed.output.contains("[INFO]"), "no wrapper chatter: " + listed.output);
    Map<String, String> noToken = new java.util.HashMap<>(env);
    noToken.put("RON_KMS_PKCS11_TOKEN", "not-plugged-in");
    Child absent = child(noToken, "--store", store.toString(), "--seal-with", "pkcs11", "keys",
        "list");
    assertNotEquals(0, absent.code, absent.output);
    assertTrue(absent.output.contains("TOKEN_UNAVAILABLE"), absent.output);
    assertTrue(absent.output.contains("not-plugged-in"), absent.output);
  }

  private record Child(int code, String output) {}

  private static Child child(Map<String, String> env, String... args) throws Exception {
    Process p = SoftHsm.childJvm(KmsCli.class, env, args).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), out);
    return new Child(p.exitValue(), out);
  }
}
