package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kms --audit FILE}, {@code keys attest --sign-with} and {@code keys verify-attestation}. */
class AuditAttestationCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Session session = new Session(new PrintWriter(out, true),
      new PrintWriter(err, true));

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    session.close();
  }

  /** Runs one command line in the session; returns what it printed on stdout. */
  private String run(int expectedExit, String... args) {
    int outStart = out.getBuffer().length();
    int errStart = err.getBuffer().length();
    int code = KmsCli.run(session, args);
    String printed = out.getBuffer().substring(outStart);
    assertEquals(expectedExit, code, String.join(" ", args) + "\nout: " + printed + "\nerr: "
        + err.getBuffer().substring(errStart));
    return printed.strip();
  }

  private String lastErr() {
    return err.toString();
  }

  @Test
  void auditAppendsTheCommandsEventsAsJsonLines() throws IOException {
    Path audit = dir.resolve("audit.jsonl");
    String key = run(0, "--audit", audit.toString(), "keys", "create", "acme", "payments");
    List<String> lines = Files.readAllLines(audit);
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("{\"time\":\"") && line.endsWith(",\"batchLength\":0}"), line);
    assertTrue(line.contains("\"op\":\"create\",\"alg\":\"ed25519\",\"keyId\":\"" + key
        + "\",\"version\":1,\"outcome\":\"SUCCESS\",\"error\":null,\"provider\":\""), line);
    if (audit.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(audit)));
    }
    run(0, "keys", "sign", key, "-m", "hello");
    run(3, "keys", "sign", key + "/v7", "-m", "hello");
    lines = Files.readAllLines(audit);
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(1).contains("\"op\":\"sign\"") && lines.get(1).contains("SUCCESS"));
    assertTrue(lines.get(2).contains("\"version\":7,\"outcome\":\"FAILURE\","
        + "\"error\":\"VERSION_NOT_FOUND\""), lines.get(2));
    assertTrue(!Files.readString(audit).contains("hello"), "no message in the trail");
  }

  @Test
  void anAuditFileThatCannotBeWrittenRefusesTheCommand() {
    run(3, "--audit", dir.toString(), "keys", "create", "acme", "payments");
    assertTrue(lastErr().contains("AUDIT_FAILED"), lastErr());
  }

  @Test
  void aFullAuditDiskWithholdsTheResult() {
    assumeTrue(Files.isWritable(Path.of("/dev/full")), "a Linux /dev/full");
    String printed = run(3, "--audit", "/dev/full", "keys", "create", "acme", "payments");
    assertEquals("", printed, "no key id handed out unrecorded");
    assertTrue(lastErr().contains("AUDIT_FAILED"), lastErr());
  }

  @Test
  void aSignedAttestationVerifiesInlineOrFromAFileAndAChangedOneDoesNot() throws IOException {
    String key = run(0, "keys", "create", "acme", "payments");
    String attester = run(0, "keys", "create", "acme", "attest", "--alg", "ml-dsa-44");
    String signed = run(0, "keys", "attest", key, "--sign-with", attester, "--compact");
    assertTrue(signed.startsWith("{\"attestation\":\"{\\\"keyId\\\":\\\"" + key + "\\\""),
        signed);
    assertTrue(signed.contains("\"keyId\":\"" + attester + "/v1\",\"signature\":\""), signed);
    assertTrue(run(0, "keys", "verify-attestation", signed).startsWith("VALID (signed by "
        + attester + "/v1)"));
    Path file = dir.resolve("signed.json");
    Files.writeString(file, run(0, "keys", "attest", key, "--sign-with", attester));
    assertTrue(Files.readString(file).contains("\n  \"keyId\": "), "indented by default");
    assertTrue(run(0, "keys", "verify-attestation", "--in", file.toString()).startsWith("VALID"));

    String tampered = signed.replace("\\\"revision\\\":1", "\\\"revision\\\":2");
    assertTrue(!tampered.equals(signed));
    assertEquals("INVALID", run(1, "keys", "verify-attestation", tampered));

    run(3, "keys", "verify-attestation", "{\"attestation\":\"{}\"}");
    assertTrue(lastErr().contains("MALFORMED_ATTESTATION"), lastErr());
    run(2, "keys", "verify-attestation");
    run(2, "keys", "verify-attestation", signed, "--in", file.toString());

    String partner = run(0, "keys", "import-public", "acme", "partner",
        run(0, "keys", "public-key", key + "/v1"));
    run(3, "keys", "attest", key, "--sign-with", partner);
    assertTrue(lastErr().contains("NO_PRIVATE_KEY"), lastErr());
    run(0, "keys", "rotate", attester);
    run(0, "keys", "disable", attester + "/v1");
    run(3, "keys", "verify-attestation", signed);
    assertTrue(lastErr().contains("VERSION_DISABLED"), lastErr());
  }
}
