package dev.ronkms.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsBuilder;
import dev.ronkms.KmsException;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.TestProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines audit file: its exact lines, its mode, concurrency, failures either way. */
class JsonLinesAuditSinkTest {
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
  private static final byte[] MSG = "pay 10 EUR to alice".getBytes(StandardCharsets.UTF_8);
  private static final KeyId KEY = KeyId.of("acme", "audit", Algorithm.ED25519,
      UUID.fromString("00000000-0000-4000-8000-000000000001"));

  @TempDir
  Path dir;

  private static Kms kms(AuditSink sink) {
    KmsBuilder b = Kms.builder().classLoader(new URLClassLoader(new URL[0], null))
        .addProvider(new TestProvider("sig")).provider(Algorithm.ED25519, "sig")
        .clock(Clock.fixed(T0, ZoneOffset.UTC));
    if (sink != null) {
      b.listener(sink);
    }
    return b.build();
  }

  private static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void aLineHasEveryMemberInItsPlace() {
    OperationEvent sign = new OperationEvent(T0, Operation.SIGN, Algorithm.ED25519,
        KEY.withVersion(3), Outcome.SUCCESS, null, "bc", 42_999, 0);
    assertEquals("{\"time\":\"2026-11-30T12:00:00Z\",\"op\":\"sign\",\"alg\":\"ed25519\","
        + "\"keyId\":\"acme/audit/ed25519/00000000-0000-4000-8000-000000000001\",\"version\":3,"
        + "\"outcome\":\"SUCCESS\",\"error\":null,\"provider\":\"bc\",\"durationMicros\":42,"
        + "\"batchLength\":0}", JsonLinesAuditSink.toJson(sign));
    OperationEvent batch = new OperationEvent(T0.plusNanos(1_500_000), Operation.VERIFY_BATCH,
        null, null, Outcome.FAILURE, ErrorCode.BACKEND_FAILURE, null, 999, 64);
    assertEquals("{\"time\":\"2026-11-30T12:00:00.001500Z\",\"op\":\"verify_batch\",\"alg\":null,"
        + "\"keyId\":null,\"version\":null,\"outcome\":\"FAILURE\",\"error\":\"BACKEND_FAILURE\","
        + "\"provider\":null,\"durationMicros\":0,\"batchLength\":64}",
        JsonLinesAuditSink.toJson(batch));
    OperationEvent minimum = new OperationEvent(T0, Operation.SET_MIN_VERSION,
        Algorithm.ED25519, KEY, Outcome.NEGATIVE, null, "q\"b\\s\n\u0001\u2028", 0, 0);
    String line = JsonLinesAuditSink.toJson(minimum);
    assertTrue(line.contains("\"version\":null"), line);
    assertTrue(line.contains("\"outcome\":\"NEGATIVE\""), line);
    assertTrue(line.contains("\"provider\":\"q\\\"b\\\\s\\n\\u0001\\u2028\""), line);
    OperationEvent odd = new OperationEvent(T0, Operation.SIGN, null, null, Outcome.SUCCESS,
        null, "\r\t\ud83d\ude00", 0, 0);
    assertTrue(JsonLinesAuditSink.toJson(odd).contains("\"provider\":\"\\r\\t\\ud83d\\ude00\""));
  }

  @Test
  void everyOperationIsAppendedAsOneLineToAFileOnlyItsOwnerReads() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file); Kms kms = kms(sink)) {
      assertTrue(sink.failClosed(), "fail-closed by default");
      assertFalse(sink.durable());
      assertEquals(file, sink.file());
      KeyId key = kms.create("acme", "audit", Algorithm.ED25519);
      Signed s = kms.sign(key, MSG);
      assertFalse(kms.verify(s.keyId(), "other".getBytes(StandardCharsets.UTF_8),
          s.signature()));
      assertCode(ErrorCode.VERSION_NOT_FOUND, () -> kms.verify(key.withVersion(5), MSG,
          s.signature()));
      List<String> lines = Files.readAllLines(file);
      assertEquals(4, lines.size(), lines.toString());
      String id = "\"keyId\":\"" + key + "\"";
      assertTrue(lines.get(0).startsWith("{\"time\":\"2026-11-30T12:00:00Z\",\"op\":\"create\","
          + "\"alg\":\"ed25519\"," + id + ",\"version\":1,\"outcome\":\"SUCCESS\",\"error\":null,"
          + "\"provider\":\"sig\",\"durationMicros\":"), lines.get(0));
      assertTrue(lines.get(1).contains("\"op\":\"sign\"") && lines.get(1).contains(id));
      assertTrue(lines.get(2).contains("\"op\":\"verify\"")
          && lines.get(2).contains("\"outcome\":\"NEGATIVE\""));
      assertTrue(lines.get(3).contains("\"version\":5,\"outcome\":\"FAILURE\","
          + "\"error\":\"VERSION_NOT_FOUND\""), lines.get(3));
      for (String line : lines) {
        assertTrue(line.endsWith(",\"batchLength\":0}"), line);
      }
      assertTrue(sink.toString().contains("fail-closed"), sink.toString());
    }
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    try (JsonLinesAuditSink again = JsonLinesAuditSink.builder(file).durable(true).open();
        Kms kms = kms(again)) {
      assertTrue(again.durable());
      assertTrue(again.toString().contains("durable"));
      kms.create("acme", "more", Algorithm.ED25519);
    }
    assertEquals(5, Files.readAllLines(file).size(), "appended, never truncated");
  }

  @Test
  void aLineCutShortByACrashStaysAlone() throws IOException {
    Path file = dir.resolve("cut.jsonl");
    Files.writeString(file, "{\"time\":\"2026-11-30T12:00:00Z\",\"op\":\"si");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file); Kms kms = kms(sink)) {
      kms.create("acme", "audit", Algorithm.ED25519);
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).startsWith("{\"time\"") && lines.get(1).endsWith("}"));
    Path whole = dir.resolve("whole.jsonl");
    Files.writeString(whole, "{}\n");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(whole); Kms kms = kms(sink)) {
      kms.create("acme", "audit", Algorithm.ED25519);
    }
    assertEquals(2, Files.readAllLines(whole).size(), "no empty line added");
  }

  @Test
  void aFileThatCannotBeOpenedIsAnIoException() {
    assertThrows(IOException.class, () -> JsonLinesAuditSink.open(dir));
    assertThrows(IOException.class,
        () -> JsonLinesAuditSink.open(dir.resolve("missing/dir/audit.jsonl")));
    assertThrows(NullPointerException.class, () -> JsonLinesAuditSink.builder(null));
  }

  @Test
  void concurrentOperationsLoseNoLineAndInterleaveNone() throws Exception {
    Path file = dir.resolve("busy.jsonl");
    int threads = 8;
    int each = 150;
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file); Kms kms = kms(sink)) {
      KeyId key = kms.create("acme", "busy", Algorithm.ED25519);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              assertTrue(kms.verify(kms.sign(key, MSG), MSG));
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(1 + 2 * threads * each, lines.size());
    for (String line : lines) {
      assertTrue(line.startsWith("{\"time\":") && line.endsWith(",\"batchLength\":0}")
          && line.indexOf("{\"time\"", 1) < 0, line);
    }
    assertEquals(threads * each, lines.stream().filter(l -> l.contains("\"op\":\"sign\""))
        .count());
  }

  @Test
  void aClosedFailClosedSinkWithholdsResultsButTheStoreKeepsItsChanges() throws IOException {
    JsonLinesAuditSink sink = JsonLinesAuditSink.open(dir.resolve("closed.jsonl"));
    try (Kms kms = kms(sink)) {
      KeyId key = kms.create("acme", "audit", Algorithm.ED25519);
      sink.close();
      sink.close(); // idempotent
      assertThrows(IllegalStateException.class, () -> sink.onOperation(new OperationEvent(T0,
          Operation.SIGN, null, null, Outcome.SUCCESS, null, null, 0, 0)));
      KmsException e = assertCode(ErrorCode.AUDIT_FAILED, () -> kms.sign(key, MSG));
      assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
      assertCode(ErrorCode.AUDIT_FAILED, () -> kms.rotate(key));
      assertEquals(List.of(key), kms.list());
      assertCode(ErrorCode.AUDIT_FAILED, () -> kms.attest(key));
    }
  }

  @Test
  void aFailOpenSinkNeverChangesAnAnswer() throws IOException {
    JsonLinesAuditSink sink = JsonLinesAuditSink.builder(dir.resolve("open.jsonl"))
        .failClosed(false).open();
    try (Kms kms = kms(sink)) {
      assertFalse(sink.failClosed());
      assertTrue(sink.toString().contains("fail-open"));
      KeyId key = kms.create("acme", "audit", Algorithm.ED25519);
      sink.close();
      Signed s = kms.sign(key, MSG);
      assertTrue(kms.verify(s, MSG));
      assertEquals(key.withVersion(2), kms.rotate(key));
    }
    assertEquals(1, Files.readAllLines(dir.resolve("open.jsonl")).size());
  }

  @Test
  void aFullDiskIsAnAuditFailure() throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "a Linux /dev/full");
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(full); Kms kms = kms(sink)) {
      KmsException e = assertCode(ErrorCode.AUDIT_FAILED,
          () -> kms.create("acme", "audit", Algorithm.ED25519));
      assertTrue(e.getCause() instanceof UncheckedIOException, String.valueOf(e.getCause()));
      assertEquals(1, kms.list().size(), "the key was made; only its id was withheld");
      KeyId key = kms.list().get(0);
      assertCode(ErrorCode.AUDIT_FAILED, () -> kms.sign(key, MSG));
    }
  }

  @Test
  void aSinkIsFailClosedUnlessItSaysOtherwise() {
    List<OperationEvent> seen = new ArrayList<>();
    AuditSink sink = seen::add;
    assertTrue(sink.failClosed());
    sink.close(); // nothing to release
    try (Kms kms = kms(sink)) {
      assertNotNull(kms.create("acme", "audit", Algorithm.ED25519));
    }
    assertEquals(1, seen.size());
  }
}
