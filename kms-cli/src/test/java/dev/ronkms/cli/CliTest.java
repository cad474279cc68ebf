package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The kms commands run in-process against captured output. */
class CliTest {
  private static final Pattern KEY_ID =
      Pattern.compile("acme/payments/ed25519/[0-9a-f-]{36}");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Session session = new Session(new PrintWriter(out, true),
      new PrintWriter(err, true));

  @Test
  void demoWalksTheWholeLifecycle() {
    assertEquals(0, KmsCli.run(session, "demo"), err.toString());
    String text = out.toString();
    assertTrue(text.contains("* bc"), text);
    assertTrue(text.contains("Ed25519 provider in use: bc"), text);
    Matcher m = KEY_ID.matcher(text);
    assertTrue(m.find(), text);
    assertTrue(text.contains("Rotated: head is now v2") && text.contains("head is now v3"));
    assertEquals(3, text.split("  VALID", -1).length - 1, text);
    assertTrue(text.contains("INVALID   (message altered)"), text);
    assertTrue(text.contains("as one batch (multiscalar): [VALID, VALID, VALID, INVALID]"), text);
    assertTrue(text.contains("NOT_HEAD_VERSION: " + m.group() + "/v1 is not the head"), text);
    assertTrue(text.contains("\"headVersion\": 3"), text);
    assertTrue(text.contains("\"receipt #77\" by the partner: VALID"), text);
    assertTrue(text.contains("Signing with it is refused: NO_PRIVATE_KEY"), text);
    assertTrue(text.contains("\"keyId\": \"" + m.group() + "\""), text);
    assertTrue(text.contains("Opened: \"hunter2\"") && text.contains("resealed to v2"), text);
    assertTrue(text.contains("one flipped bit: refused, TAMPERED"), text);
    assertTrue(text.contains("other associated data: refused, TAMPERED"), text);
    assertTrue(text.contains("the older envelope, replayed: refused, ROLLBACK"), text);
    assertTrue(text.contains("3309-byte signature, context \"release\": VALID; under context"
        + " \"debug\": INVALID"), text);
    assertTrue(text.contains("3373-byte signature VALID; with its ML-DSA half damaged INVALID"
        + " (mode REQUIRE"), text);
    assertTrue(text.contains("The sender cannot open it: NO_PRIVATE_KEY"), text);
    assertTrue(text.contains("The partner opens it with its private key: \"s3cr3t\""), text);
  }

  @Test
  void secretsSealAndOpenInOneShellSession() throws Exception {
    String script = String.join("\n",
        "keys create acme secrets --alg chacha20-poly1305",
        "seal $key -m 'hunter2' --aad db",
        "unseal $envelope --aad db",
        "keys rotate $key",
        "reseal $envelope --aad db",
        "unseal $envelope --aad db",
        "unseal $envelope --aad other");
    int code = new ShellCommand(session, new StringReader(script)).call();
    String text = out.toString();
    assertEquals(KmsCli.EXIT_KMS_ERROR, code, text + err);
    assertEquals(2, text.lines().filter("hunter2"::equals).count(), "opened before and after"
        + " the reseal: " + text);
    assertTrue(err.toString().contains("TAMPERED"), err.toString());
  }

  @Test
  void postQuantumKeysWithOptionsAndContextsFromTheShell() throws Exception {
    String script = String.join("\n",
        "keys create acme firmware --alg ml-dsa-65 --variant deterministic",
        "keys attest $key --compact",
        "keys sign $key -m 'firmware 4.2' --context release",
        "keys verify $version $signature -m 'firmware 4.2' --context release",
        "keys verify $version $signature -m 'firmware 4.2'",
        "keys create acme hybrid --alg mldsa65-ed25519 --composite-mode MIRROR",
        "keys attest $key --compact",
        "keys create acme bad --alg ml-dsa-65 --variant sometimes");
    int code = new ShellCommand(session, new StringReader(script)).call();
    String text = out.toString();
    assertEquals(KmsCli.EXIT_KMS_ERROR, code, text + err);
    assertTrue(text.contains("\"signatureVariant\":\"DETERMINISTIC\""), text);
    assertTrue(text.contains("--context release\nVALID\n"), text);
    assertTrue(text.contains("-m 'firmware 4.2'\nINVALID\n"), "the context is bound: " + text);
    assertTrue(text.contains("\"signatureVariant\":\"HEDGED\",\"compositeMode\":\"MIRROR\""),
        text);
    assertTrue(err.toString().contains("error: INVALID_ARGUMENT: --variant must be one of"
        + " [deterministic, hedged]"), err.toString());
  }

  @Test
  void verifyOnlyKeysFromTheShell() throws Exception {
    String rfc8032PublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    String rfc8032Signature = java.util.Base64.getEncoder().encodeToString(
        java.util.HexFormat.of().parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e0"
            + "6522490155" + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
    String script = String.join("\n",
        "keys import-public acme partner 302a300506032b6570032100" + rfc8032PublicKey,
        "keys verify $version " + rfc8032Signature + " --message-hex ''",
        "keys public-key $version --spki",
        "keys rotate-public $key " + rfc8032PublicKey,
        "keys attest $key --compact",
        "keys sign $key -m nope",
        "keys import-public acme partner zz");
    int code = new ShellCommand(session, new StringReader(script)).call();
    String text = out.toString();
    assertEquals(KmsCli.EXIT_KMS_ERROR, code, text + err);
    assertTrue(text.contains("VALID\n") && !text.contains("INVALID"), text);
    assertTrue(text.contains("302a300506032b6570032100" + rfc8032PublicKey + "\n"), text);
    assertTrue(text.contains("/v2\n"), text);
    assertTrue(text.contains("\"verifyOnly\":true"), text);
    assertTrue(err.toString().contains("error: NO_PRIVATE_KEY"), err.toString());
    assertTrue(err.toString().contains("error: MALFORMED_KEY"), err.toString());
  }

  @Test
  void shellRunsAScriptAgainstOneStore() throws Exception {
    String script = String.join("\n",
        "# a comment",
        "keys create acme payments",
        "keys sign $key -m 'invoice 1'",
        "keys verify $version $signature -m 'invoice 1'",
        "keys verify $version $signature --message-hex 00ff",
        "keys rotate $key",
        "keys sign $key -m 'invoice 2'",
        "keys rotate $key --stage",
        "keys promote $version",
        "keys disable " + "$key/v1",
        "keys min-version $key 2",
        "keys attest $key --compact",
        "keys list",
        "exit",
        "keys list");
    int code = new ShellCommand(session, new StringReader(script)).call();
    String text = out.toString();
    assertEquals(1, code, "the worst line: one INVALID verification\n" + text + err);
    assertTrue(text.contains("VALID\n"), text);
    assertTrue(text.contains("INVALID\n"), text);
    assertTrue(text.contains("/v3 is now head"), text);
    assertTrue(text.contains("\"headVersion\":3,\"minVerifyVersion\":2"), text);
    assertTrue(text.contains("{\"version\":1,\"state\":\"DISABLED\""), text);
    assertEquals(1, text.split("kms> keys list", -1).length - 1, "exit stops the script");
    assertEquals("", err.toString());
  }

  @Test
  void errorsPrintTheStableCodeAndExitThree() {
    assertEquals(3, KmsCli.run(session, "keys", "sign", "not-a-key", "-m", "x"));
    assertTrue(err.toString().contains("error: INVALID_KEY_ID"), err.toString());
    assertEquals(3, KmsCli.run(session, "keys", "sign",
        "acme/payments/ed25519/00000000-0000-4000-8000-000000000000", "-m", "x"));
    assertTrue(err.toString().contains("error: KEY_NOT_FOUND"), err.toString());
    assertTrue(err.toString().contains("kms shell"), "hints at the shell");
    Session fresh = new Session(new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(3, KmsCli.run(fresh, "--provider", "nope", "providers"));
    assertTrue(err.toString().contains("PROVIDER_NOT_FOUND: no ed25519 provider named 'nope';"
        + " present: bc"), err.toString());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, KmsCli.run(session, "keys", "sign", "only-one-arg"));
    assertEquals(2, KmsCli.run(session, "keys", "sign", "k", "-m", "a", "--message-hex", "00"));
  }

  @Test
  void shellWordSplitting() {
    assertEquals(List.of("keys", "sign", "a b", "-m", "it's"),
        ShellCommand.split("keys sign 'a b' -m \"it's\""));
    assertEquals(List.of("x", ""), ShellCommand.split("x ''"));
  }

  @Test
  void prettyJsonKeepsStringsIntact() {
    assertEquals("{\n  \"a\": \"{,}\",\n  \"b\": [\n    1\n  ]\n}",
        JsonPretty.indent("{\"a\":\"{,}\",\"b\":[1]}"));
  }
}
