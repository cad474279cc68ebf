package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kms --store DIR ...}: every command runs in a fresh session, as one-shot processes do,
 * and sees what the earlier ones left in the durable store.
 */
class DurableStoreCliTest {
  @TempDir
  Path tmp;

  /** The output of one command in a fresh session: exit code, stdout, stderr. */
  private record Run(int code, String out, String err) {
    String line() {
      return out.strip();
    }
  }

  private Run kms(Path store, Path keyFile, String... args) {
    List<String> all = new ArrayList<>(List.of("--store", store.toString(), "--store-key-file",
        keyFile.toString()));
    all.addAll(List.of(args));
    return run(all.toArray(new String[0]));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (Session session = new Session(new PrintWriter(out, true), new PrintWriter(err, true))) {
      code = KmsCli.run(session, args);
    }
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void oneShotCommandsSeeKeysMadeByEarlierOnes() {
    Path store = tmp.resolve("store");
    Path key = tmp.resolve("store.key");
    Run init = kms(store, key, "store", "init");
    assertEquals(0, init.code(), init.err());
    assertTrue(Files.exists(key) && Files.exists(store.resolve("store")), init.out());

    String id = kms(store, key, "keys", "create", "acme", "billing").line();
    Run signed = kms(store, key, "keys", "sign", id, "-m", "invoice 1");
    assertEquals(0, signed.code(), signed.err());
    String[] parts = signed.line().split(" ");
    assertEquals(id + "/v1", parts[0]);
    assertEquals(id + "/v2", kms(store, key, "keys", "rotate", id).line());
    Run verified = kms(store, key, "keys", "verify", parts[0], parts[1], "-m", "invoice 1");
    assertEquals("VALID", verified.line(), verified.err());
    assertEquals(id, kms(store, key, "keys", "list").line());
    assertTrue(kms(store, key, "keys", "attest", id, "--compact").out()
        .contains("\"headVersion\":2"));
    assertTrue(kms(store, key, "store", "info").out().contains("keys:      1"));
  }

  @Test
  void sealedSecretsOpenInALaterProcessAndOlderOnesAreRefused() {
    Path store = tmp.resolve("store");
    Path key = tmp.resolve("store.key");
    kms(store, key, "store", "init");
    String sealingKey = kms(store, key, "keys", "create", "acme", "secrets", "--alg",
        "chacha20-poly1305").line();
    String first = kms(store, key, "seal", sealingKey, "-m", "hunter2", "--aad", "db").line();
    Run opened = kms(store, key, "unseal", first, "--aad", "db");
    assertEquals("hunter2", opened.line(), opened.err());
    Run wrongAad = kms(store, key, "unseal", first, "--aad", "other");
    assertEquals(KmsCli.EXIT_KMS_ERROR, wrongAad.code());
    assertTrue(wrongAad.err().contains("TAMPERED"), wrongAad.err());
    assertFalse(wrongAad.out().contains("hunter2"));

    String second = kms(store, key, "seal", sealingKey, "-m", "correct horse", "--aad", "db")
        .line();
    Run replay = kms(store, key, "unseal", first, "--aad", "db");
    assertTrue(replay.err().contains("ROLLBACK"), "the counter survives the process: "
        + replay.err());
    kms(store, key, "keys", "rotate", sealingKey);
    String resealed = kms(store, key, "reseal", second, "--aad", "db").line();
    assertEquals("correct horse", kms(store, key, "unseal", resealed, "--aad", "db").line());
    Run bits = kms(store, key, "unseal", "AAAA", "--aad", "db");
    assertTrue(bits.err().contains("TAMPERED"), bits.err());
  }

  @Test
  void anotherStoreKeyIsRefusedAndChangesNothing() throws Exception {
    Path store = tmp.resolve("store");
    Path key = tmp.resolve("store.key");
    kms(store, key, "store", "init");
    kms(store, key, "keys", "create", "acme", "billing");
    byte[] header = Files.readAllBytes(store.resolve("store"));
    Path other = tmp.resolve("other.key");
    kms(tmp.resolve("elsewhere"), other, "store", "init");
    Run wrong = kms(store, other, "keys", "list");
    assertEquals(KmsCli.EXIT_KMS_ERROR, wrong.code());
    assertTrue(wrong.err().contains("STORE_KEY_MISMATCH"), wrong.err());
    assertTrue(java.util.Arrays.equals(header, Files.readAllBytes(store.resolve("store"))));
    Run missing = kms(tmp.resolve("nowhere"), key, "keys", "list");
    assertEquals(KmsCli.EXIT_KMS_ERROR, missing.code());
    assertTrue(missing.err().contains("store init"), missing.err());
  }

  @Test
  void exportableKeysMoveToAnotherStoreWithTheirHistory() {
    Path a = tmp.resolve("a");
    Path keyA = tmp.resolve("a.key");
    Path b = tmp.resolve("b");
    Path keyB = tmp.resolve("b.key");
    kms(a, keyA, "store", "init");
    kms(b, keyB, "store", "init");
    String kept = kms(a, keyA, "keys", "create", "acme", "kept").line();
    String moving = kms(a, keyA, "keys", "create", "acme", "moving", "--exportable").line();
    String[] old = kms(a, keyA, "keys", "sign", moving, "-m", "before").line().split(" ");
    kms(a, keyA, "keys", "rotate", moving);

    Run refused = kms(a, keyA, "keys", "export", kept, "--to-store", b.toString(),
        "--to-store-key-file", keyB.toString(), "--out", tmp.resolve("kept.bundle").toString());
    assertTrue(refused.err().contains("EXPORT_NOT_ALLOWED"), refused.err());
    assertFalse(Files.exists(tmp.resolve("kept.bundle")));
    Run wrongRecipient = kms(a, keyA, "keys", "export", moving, "--to-store", b.toString(),
        "--to-store-key-file", keyA.toString(), "--out", tmp.resolve("x.bundle").toString());
    assertTrue(wrongRecipient.err().contains("STORE_KEY_MISMATCH"), wrongRecipient.err());

    Path bundle = tmp.resolve("moving.bundle");
    Run exported = kms(a, keyA, "keys", "export", moving, "--to-store", b.toString(),
        "--to-store-key-file", keyB.toString(), "--out", bundle.toString());
    assertEquals(0, exported.code(), exported.err());
    Run intoA = kms(a, keyA, "keys", "import", bundle.toString());
    assertEquals(KmsCli.EXIT_KMS_ERROR, intoA.code(), "sealed to b's key, not a's");
    assertEquals(moving, kms(b, keyB, "keys", "import", bundle.toString()).line());
    assertEquals("VALID", kms(b, keyB, "keys", "verify", old[0], old[1], "-m", "before")
        .line());
    assertTrue(kms(b, keyB, "keys", "attest", moving, "--compact").out()
        .contains("\"headVersion\":2"));
    String[] fresh = kms(b, keyB, "keys", "sign", moving, "-m", "after").line().split(" ");
    assertEquals("VALID", kms(a, keyA, "keys", "verify", fresh[0], fresh[1], "-m", "after")
        .line());
  }

  @Test
  void theStoreKeyRotatesAndAPassphraseStoreReopens() throws Exception {
    Path store = tmp.resolve("store");
    Path key = tmp.resolve("store.key");
    kms(store, key, "store", "init");
    String id = kms(store, key, "keys", "create", "acme", "billing").line();
    Run rotated = kms(store, key, "store", "rotate-key");
    assertEquals(0, rotated.code(), rotated.err());
    assertTrue(kms(store, key, "store", "info").out().contains("/v2"));
    assertEquals(id, kms(store, key, "keys", "list").line());

    Path phraseStore = tmp.resolve("phrase");
    Path phrase = tmp.resolve("phrase.txt");
    Files.writeString(phrase, "correct horse battery staple\n", StandardCharsets.UTF_8);
    String[] base = {"--store", phraseStore.toString(), "--passphrase-file", phrase.toString()};
    assertEquals(0, run(concat(base, "store", "init")).code());
    String made = run(concat(base, "keys", "create", "acme", "p")).line();
    assertEquals(made, run(concat(base, "keys", "list")).line());
    Files.writeString(phrase, "wrong\n", StandardCharsets.UTF_8);
    assertTrue(run(concat(base, "keys", "list")).err().contains("STORE_KEY_MISMATCH"));
  }

  private static String[] concat(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(new String[0]);
  }
}
