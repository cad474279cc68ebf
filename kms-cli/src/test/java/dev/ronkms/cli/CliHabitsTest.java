package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The habits a person brings to a command line: --help and -V everywhere, a help command,
 * documented exit codes, one error line and never a stack trace, --json, message converters with
 * a size cap, and a shell that refuses what it cannot do.
 */
class CliHabitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ABSENT_KEY =
      "acme/payments/ed25519/00000000-0000-4000-8000-000000000000";

  @TempDir
  Path tmp;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();
  private Session session = newSession();

  private Session newSession() {
    out = new StringWriter();
    err = new StringWriter();
    return new Session(new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int kms(String... args) {
    return KmsCli.run(session, args);
  }

  private static void assertNoTrace(String text) {
    assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("Error:"),
        "a stack trace or an exception name: " + text);
  }

  /** Every command path of the tree: [], [keys], [keys, sign], ... */
  private static List<List<String>> commandPaths(CommandLine line, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    paths.add(prefix);
    line.getSubcommands().forEach((name, sub) -> {
      List<String> path = new ArrayList<>(prefix);
      path.add(name);
      paths.addAll(commandPaths(sub, path));
    });
    return paths;
  }

  @Test
  void everyCommandTakesHelpAndDescribesEveryArgument() {
    CommandLine root = KmsCli.commandLine(session);
    List<List<String>> paths = commandPaths(root, List.of());
    assertTrue(paths.size() > 25, "the whole tree: " + paths);
    for (List<String> path : paths) {
      for (String flag : List.of("--help", "-h")) {
        Session s = newSession();
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        assertEquals(0, KmsCli.run(s, args.toArray(String[]::new)), path + " " + flag + ": "
            + err);
        assertTrue(out.toString().contains("Usage: kms"), path + ": " + out);
        assertEquals("", err.toString(), path.toString());
      }
      CommandLine cl = root;
      for (String name : path) {
        cl = cl.getSubcommands().get(name);
      }
      for (ArgSpec arg : cl.getCommandSpec().args()) {
        String[] description = arg.description();
        assertTrue(description.length > 0 && !description[0].isBlank(),
            "no description: " + path + " " + arg);
      }
      if (!(cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand)) {
        Session s = newSession();
        List<String> args = new ArrayList<>(path);
        args.add("-V");
        assertEquals(0, KmsCli.run(s, args.toArray(String[]::new)), path + ": " + err);
        assertTrue(out.toString().startsWith("kms "), path + ": " + out);
      }
    }
    session = newSession();
    assertEquals(0, kms("keys", "--help"));
    assertTrue(out.toString().contains("Exit codes:") && out.toString().contains("sign"), out
        .toString());
  }

  @Test
  void helpCommandAndBareKms() {
    assertEquals(0, kms("help", "keys"));
    assertTrue(out.toString().startsWith("Usage: kms keys"), out.toString());
    session = newSession();
    assertEquals(0, kms("keys", "help", "sign"));
    assertTrue(out.toString().startsWith("Usage: kms keys sign"), out.toString());
    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, kms());
    assertTrue(err.toString().contains("Usage: kms"), "a bare kms prints the usage: " + err);
    assertTrue(err.toString().contains("Exit codes:"), err.toString());
    for (String c : List.of("0", "1", "2", "3", "4")) {
      assertTrue(KmsCli.EXIT_CODES.containsKey(c));
    }
    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, kms("keys"));
    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, kms("no-such-command"));
    assertNoTrace(err.toString());
  }

  @Test
  void versionComesFromTheManifestOrSaysItIsUnknown() {
    assertEquals(0, kms("--version"));
    String text = out.toString();
    // the tests run on target/classes: no jar, no manifest (JarLauncherTest checks a jar's)
    assertTrue(text.startsWith("kms unknown (not built as a jar)")
        || text.matches("(?s)kms \\d+\\.\\d+.*"), text);
    assertTrue(text.contains("Java " + System.getProperty("java.version")), text);
    assertFalse(text.contains("0.1.0\n") && !text.contains("SNAPSHOT"), text);
  }

  @Test
  void badMessageInputsAreUsageErrorsWithOneLineAndNoTrace() throws IOException {
    Path sparse = tmp.resolve("three-gigabytes");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk, no time
    }
    Path directory = Files.createDirectory(tmp.resolve("a-directory"));
    List<String[]> bad = new ArrayList<>(List.of(
        new String[] {"keys", "sign", ABSENT_KEY, "--message-hex", "zz"},
        new String[] {"keys", "sign", ABSENT_KEY, "--message-hex", "abc"},
        new String[] {"keys", "sign", ABSENT_KEY, "--message-base64", "!!not base64"},
        new String[] {"keys", "sign", ABSENT_KEY, "--message-file",
            tmp.resolve("missing").toString()},
        new String[] {"keys", "sign", ABSENT_KEY, "--message-file", directory.toString()},
        new String[] {"keys", "sign", ABSENT_KEY, "--message-file", sparse.toString()},
        new String[] {"keys", "verify", ABSENT_KEY + "/v1", "AAAA", "--message-file",
            sparse.toString()},
        new String[] {"seal", ABSENT_KEY, "--message-file", sparse.toString()},
        new String[] {"unseal", "--in", sparse.toString()},
        new String[] {"reseal", "--in", directory.toString()},
        new String[] {"unseal"},
        new String[] {"keys", "sign", ABSENT_KEY, "-m", "x", "--max-message-size", "lots"},
        new String[] {"keys", "sign", ABSENT_KEY, "-m", "x", "--max-message-size", "2G"},
        new String[] {"keys", "sign", ABSENT_KEY, "-m", "too long", "--max-message-size", "4"},
        new String[] {"keys", "min-version", ABSENT_KEY, "two"}));
    if (Files.exists(Path.of("/dev/zero"))) {
      bad.add(new String[] {"keys", "sign", ABSENT_KEY, "--message-file", "/dev/zero"});
      bad.add(new String[] {"seal", ABSENT_KEY, "--message-file", "/dev/zero",
          "--max-message-size", "1M"});
    }
    for (String[] args : bad) {
      session = newSession();
      int code = kms(args);
      String e = err.toString();
      assertEquals(KmsCli.EXIT_USAGE, code, String.join(" ", args) + ": " + e);
      assertTrue(e.startsWith("error: "), e);
      assertNoTrace(e);
      assertEquals("", out.toString());
    }
    session = newSession();
    kms("keys", "sign", ABSENT_KEY, "--message-file", sparse.toString());
    assertTrue(err.toString().contains("3221225472 bytes, larger than the limit of 64 MiB")
        && err.toString().contains("--max-message-size"), err.toString());
  }

  @Test
  void messagesComeFromTextHexBase64FilesAndStandardInput() throws Exception {
    Path file = tmp.resolve("message");
    Files.writeString(file, "invoice 1");
    String script = String.join("\n",
        "keys create acme payments",
        "keys sign $key -m 'invoice 1'",
        "keys verify $version $signature --message-hex 696e766f6963652031",
        "keys verify $version $signature --message-base64 aW52b2ljZSAx",
        "keys verify $version $signature --message-file " + file,
        "keys verify $version $signature --message-file " + file + " --max-message-size 9",
        "keys verify $version $signature --message-file " + file + " --max-message-size 8");
    int code = new ShellCommand(session, new StringReader(script)).call();
    assertEquals(KmsCli.EXIT_USAGE, code, out + "" + err);
    assertEquals(4, out.toString().lines().filter("VALID"::equals).count(), out.toString());
    assertTrue(err.toString().contains("larger than the limit of 8 bytes"), err.toString());

    String signature = session.recall("signature");
    String version = session.recall("version");
    Session oneShot = newSession();
    oneShot.stdin(new ByteArrayInputStream("invoice 1".getBytes(StandardCharsets.UTF_8)));
    // a fresh in-memory store does not know the key, but the message was read first
    assertEquals(KmsCli.EXIT_KMS_ERROR, KmsCli.run(oneShot, "keys", "verify", version,
        signature, "--message-file", "-"));
    assertTrue(err.toString().contains("KEY_NOT_FOUND"), err.toString());
    Session limited = newSession();
    limited.stdin(new ByteArrayInputStream(new byte[2048]));
    assertEquals(KmsCli.EXIT_USAGE, KmsCli.run(limited, "keys", "verify", version, signature,
        "--message-file", "-", "--max-message-size", "1K"));
    assertTrue(err.toString().contains("on standard input is larger than the limit of 1 KiB"),
        err.toString());
  }

  @Test
  void unexpectedFailuresPrintOneLineWithAHintAndDebugShowsTheTrace() {
    int code = KmsCli.report(session, new IllegalStateException("wires crossed"));
    assertEquals(KmsCli.EXIT_INTERNAL, code);
    assertEquals("error: wires crossed (java.lang.IllegalStateException); hint: rerun with"
        + " --debug for the stack trace\n", err.toString().replace("\r\n", "\n"));
    session = newSession();
    assertEquals(KmsCli.EXIT_INTERNAL, KmsCli.report(session, new OutOfMemoryError()));
    assertTrue(err.toString().startsWith("error: unexpected failure"
        + " (java.lang.OutOfMemoryError); hint:"), err.toString());
    session = newSession();
    session.debug = true;
    KmsCli.report(session, new IllegalStateException("wires crossed"));
    assertTrue(err.toString().contains("\tat "), "--debug prints the trace: " + err);

    session = newSession();
    assertEquals(KmsCli.EXIT_KMS_ERROR, kms("keys", "sign", "not-a-key", "-m", "x"));
    assertNoTrace(err.toString());
    session = newSession();
    assertEquals(KmsCli.EXIT_KMS_ERROR, kms("--debug", "keys", "sign", "not-a-key", "-m", "x"));
    assertTrue(err.toString().contains("\tat "), err.toString());
    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, kms("keys", "sign", "--debug", "k", "--message-hex", "z"));
    assertTrue(err.toString().contains("\tat "), err.toString());
  }

  @Test
  void jsonOutputOnEveryCommand() throws Exception {
    JsonNode created = json(0, "--json", "keys", "create", "acme", "payments");
    String key = created.get("keyId").asText();
    assertTrue(key.startsWith("acme/payments/ed25519/"), key);
    assertEquals(key, json(0, "keys", "list", "--json").get("keys").get(0).asText());
    JsonNode signed = json(0, "keys", "sign", key, "-m", "hello", "--json");
    String version = signed.get("keyId").asText();
    String signature = signed.get("signature").asText();
    assertTrue(json(0, "keys", "verify", version, signature, "-m", "hello", "--json")
        .get("valid").asBoolean());
    assertFalse(json(KmsCli.EXIT_INVALID, "keys", "verify", version, signature, "-m", "bye",
        "--json").get("valid").asBoolean());
    assertEquals(64, json(0, "keys", "public-key", version, "--json").get("publicKey").asText()
        .length());
    assertEquals(key + "/v2", json(0, "keys", "rotate", key, "--json").get("keyId").asText());
    assertEquals(2, json(0, "keys", "attest", key, "--json").get("headVersion").asInt());
    assertEquals("DISABLED", json(0, "keys", "disable", version, "--json").get("state")
        .asText());
    assertEquals(2, json(0, "keys", "min-version", key, "2", "--json")
        .get("minVerifyVersion").asInt());
    String sealing = json(0, "keys", "create", "acme", "secrets", "--alg", "aes-256-gcm",
        "--json").get("keyId").asText();
    String envelope = json(0, "seal", sealing, "-m", "hunter2", "--json").get("envelope")
        .asText();
    assertEquals("hunter2", json(0, "unseal", envelope, "--json").get("secret").asText());
    assertTrue(json(0, "reseal", envelope, "--json").has("envelope"));
    assertTrue(json(0, "providers", "--json").get("providers").isArray());
    JsonNode demo = json(0, "--json", "demo");
    assertTrue(demo.get("ok").asBoolean() && demo.get("lines").size() > 20, demo.toString());

    Path store = tmp.resolve("store");
    session = newSession();
    String[] s = {"--store", store.toString(), "--store-key-file", tmp.resolve("k").toString()};
    assertEquals(store.toString(), json(0, concat(s, "store", "init", "--json"))
        .get("directory").asText());
    assertEquals(0, json(0, concat(s, "--json", "store", "info")).get("keys").asInt());
    assertEquals(2, json(0, concat(s, "store", "rotate-key", "--json")).get("storeKeyVersion")
        .asInt());

    session = newSession();
    assertEquals(KmsCli.EXIT_KMS_ERROR, kms("--json", "keys", "sign", ABSENT_KEY, "-m", "x"));
    JsonNode error = JSON.readTree(err.toString()).get("error");
    assertEquals("KEY_NOT_FOUND", error.get("code").asText());
    assertEquals(3, error.get("exitCode").asInt());
    assertTrue(error.get("message").asText().contains(ABSENT_KEY));
    assertEquals("", out.toString());
    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, kms("--json", "keys", "sign", ABSENT_KEY, "--message-hex",
        "zz"));
    assertEquals("USAGE", JSON.readTree(err.toString()).get("error").get("code").asText());
    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, kms("keys", "sign", ABSENT_KEY, "--json", "--message-file",
        "/dev/null", "--max-message-size", "0", "--message-file", "x"));
    assertEquals("USAGE", JSON.readTree(err.toString()).get("error").get("code").asText());
  }

  @Test
  void theShellRefusesUnsetVariablesAndAProviderChangeWithTypedErrors() throws Exception {
    String script = String.join("\n",
        "keys sign $key -m 'too early'",
        "seal $key -m x",
        "--provider tink keys create acme payments",
        "providers",
        "--provider tink keys list",
        "--provider bc keys list",
        "--store " + tmp.resolve("s") + " keys list",
        "keys sign $key --message-file -",
        "shell",
        "keys verify $version $signature -m x");
    int code = new ShellCommand(session, new StringReader(script)).call();
    String e = err.toString();
    assertEquals(KmsCli.EXIT_KMS_ERROR, code, out + e);
    assertTrue(e.contains("error: $key is not set: no key was created"), e);
    assertTrue(e.contains("error: $signature is not set"), e);
    assertTrue(out.toString().contains("* tink"), "chosen before the store was used: " + out);
    assertTrue(e.contains("error: INVALID_ARGUMENT: this session already uses the Ed25519"
        + " provider tink"), e);
    assertTrue(e.contains("error: INVALID_ARGUMENT: this session already works on the"
        + " in-memory store"), e);
    assertTrue(e.contains("standard input is the shell's own input"), e);
    assertTrue(e.contains("already in a shell"), e);
    assertNoTrace(e);
    assertFalse(e.contains("INVALID_KEY_ID"), "an unset $key is not passed on: " + e);

    session = newSession();
    assertEquals(KmsCli.EXIT_USAGE, new ShellCommand(session,
        new StringReader("keys attest $key\n")).call());
    session = newSession();
    session.json = true;
    assertEquals(0, new ShellCommand(session, new StringReader(
        "keys create acme a\nkeys list\n")).call());
    for (String line : out.toString().split("\n")) {
      assertTrue(JSON.readTree(line).isObject(), "JSON lines, no echo: " + line);
    }
  }

  private JsonNode json(int expected, String... args) throws IOException {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertEquals(expected, kms(args), String.join(" ", args) + ": " + err);
    String text = out.toString().strip();
    assertFalse(text.contains("\n"), "one line: " + text);
    JsonNode node = JSON.readTree(text);
    assertTrue(node.isObject(), text);
    return node;
  }

  private static String[] concat(String[] first, String... more) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
