package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.audit.AuditSink;
import dev.ronkms.audit.JsonLinesAuditSink;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.conformance.Backends.Signer;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.SignedAttestation;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit trail (docs/API.md, "Audit events"): the lifecycle of every signer leaves exactly
 * the documented lines, each a JSON object with the documented members; concurrent operations
 * lose none; a failing sink never corrupts the store.
 */
class AuditTrailTest {
  private static final byte[] MSG = "pay 10 EUR to alice".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MEMBERS = List.of("time", "op", "alg", "keyId", "version",
      "outcome", "error", "provider", "durationMicros", "batchLength");

  @TempDir
  Path dir;

  /** One expected line: op, key (its version taken apart), outcome, error, provider. */
  private record Line(String op, KeyId key, String outcome, String error, String provider) {
    static Line ok(String op, KeyId key, String provider) {
      return new Line(op, key, "SUCCESS", null, provider);
    }
  }

  /** Every line of {@code file}, each checked to be one JSON object with exactly the members. */
  static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode node = JSON.readTree(line);
      assertTrue(node.isObject(), line);
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      assertEquals(MEMBERS, names, line);
      Instant.parse(node.get("time").asText());
      assertTrue(node.get("durationMicros").isIntegralNumber()
          && node.get("durationMicros").asLong() >= 0, line);
      assertTrue(node.get("batchLength").isInt(), line);
      out.add(node);
    }
    return out;
  }

  private static void assertLines(List<Line> expected, List<JsonNode> actual) {
    assertEquals(expected.size(), actual.size(), actual.toString());
    Iterator<JsonNode> it = actual.iterator();
    for (Line e : expected) {
      JsonNode a = it.next();
      String where = e + " vs " + a;
      assertEquals(e.op(), a.get("op").asText(), where);
      assertEquals(e.key() == null ? null : e.key().unversioned().format(),
          a.get("keyId").isNull() ? null : a.get("keyId").asText(), where);
      assertEquals(e.key() == null ? null : e.key().algorithm().id(),
          a.get("alg").isNull() ? null : a.get("alg").asText(), where);
      assertEquals(e.key() == null || !e.key().hasVersion() ? null : e.key().version(),
          a.get("version").isNull() ? null : a.get("version").asInt(), where);
      assertEquals(e.outcome(), a.get("outcome").asText(), where);
      assertEquals(e.error(), a.get("error").isNull() ? null : a.get("error").asText(), where);
      assertEquals(e.provider(), a.get("provider").isNull() ? null : a.get("provider").asText(),
          where);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void theLifecycleLeavesExactlyTheDocumentedTrail(Signer signer) throws IOException {
    Path file = dir.resolve("audit.jsonl");
    String p = signer.provider().name();
    List<Line> want = new ArrayList<>();
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file);
        Kms kms = Kms.builder().addProvider(signer.provider())
            .provider(signer.algorithm(), p).listener(sink).build()) {
      KeyId key = kms.create("acme", "payments", signer.algorithm());
      want.add(Line.ok("create", key.withVersion(1), p));
      Signed s = kms.sign(key, MSG);
      want.add(Line.ok("sign", key.withVersion(1), p));
      assertTrue(kms.verify(s, MSG));
      want.add(Line.ok("verify", key.withVersion(1), p));
      assertFalse(kms.verify(s.keyId(), "other".getBytes(StandardCharsets.UTF_8),
          s.signature()));
      want.add(new Line("verify", key.withVersion(1), "NEGATIVE", null, p));
      KeyId v2 = kms.rotate(key);
      want.add(Line.ok("rotate", v2, p));
      KeyId v3 = kms.stageRotation(key);
      want.add(Line.ok("stage", v3, p));
      assertThrows(KmsException.class, () -> kms.sign(v3, MSG));
      want.add(new Line("sign", v3, "FAILURE", "NOT_HEAD_VERSION", p));
      kms.promote(v3);
      want.add(Line.ok("promote", v3, p));
      kms.disable(key.withVersion(1));
      want.add(Line.ok("disable", key.withVersion(1), p));
      assertThrows(KmsException.class, () -> kms.verify(s, MSG));
      want.add(new Line("verify", key.withVersion(1), "FAILURE", "VERSION_DISABLED", p));
      kms.enable(key.withVersion(1));
      want.add(Line.ok("enable", key.withVersion(1), p));
      kms.setMinVerifyVersion(key, 2);
      want.add(Line.ok("set_min_version", key, p));
      kms.disable(key.withVersion(1));
      want.add(Line.ok("disable", key.withVersion(1), p));
      kms.destroy(key.withVersion(1));
      want.add(Line.ok("destroy", key.withVersion(1), p));
      kms.attest(key);
      want.add(Line.ok("attest", key, p));
      KeyId attester = kms.create("acme", "attest", signer.algorithm());
      want.add(Line.ok("create", attester.withVersion(1), p));
      SignedAttestation signed = kms.attest(key, attester);
      want.add(Line.ok("sign", attester.withVersion(1), p));
      want.add(Line.ok("attest", key, p));
      assertTrue(kms.verifyAttestation(SignedAttestation.parse(signed.toJson())));
      want.add(Line.ok("verify", attester.withVersion(1), p));
      KeyId partner = kms.importPublicKey("acme", "partner", signer.algorithm(),
          kms.publicKey(v3));
      want.add(Line.ok("import_public", partner.withVersion(1), null));
      KeyId partnerV2 = kms.rotateToPublicKey(partner, kms.publicKey(v2));
      want.add(Line.ok("rotate_public", partnerV2, null));
      Signed byV3 = kms.sign(key, MSG);
      want.add(Line.ok("sign", v3, p));
      kms.verifyBatch(List.of(VerifyRequest.of(byV3, MSG),
          new VerifyRequest(partner.withVersion(1), MSG, byV3.signature())));
      want.add(new Line("verify_batch", null, "SUCCESS", null, null));
      assertTrue(kms.delete(key));
      want.add(Line.ok("delete", key, null));
    }
    List<JsonNode> lines = read(file);
    assertLines(want, lines);
    assertEquals(2, lines.get(want.size() - 2).get("batchLength").asInt());
  }

  @Test
  void sealingKemTransferAndImportLeaveTheirLinesToo() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    byte[] storeKey = new byte[32];
    new SecureRandom().nextBytes(storeKey);
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file);
        Kms kms = Kms.builder().antiRollback(AntiRollback.disabled()).listener(sink).build();
        Kms other = Kms.builder().listener(sink).build();
        KeyringSealer recipient = KeyringSealer.builder("tests/recipient").addVersion(storeKey)
            .antiRollback(AntiRollback.disabled()).build()) {
      KeyId box = kms.create("acme", "box", Algorithm.AES_256_GCM);
      byte[] envelope = kms.seal(box, MSG, new byte[0]);
      kms.open(envelope, new byte[0]);
      kms.reseal(envelope, new byte[0]);
      KeyId kem = kms.create("acme", "kem", Algorithm.ML_KEM_768);
      try (Encapsulated e = kms.encapsulate(kem)) {
        kms.decapsulate(e.keyId(), e.ciphertext());
      }
      byte[] seed = new byte[32];
      new SecureRandom().nextBytes(seed);
      KeyId imported = kms.importPrivateKey("acme", "imported", Algorithm.ED25519, seed,
          KeyOptions.defaults().with(ExportPolicy.EXPORTABLE_SEALED));
      byte[] bundle = kms.exportKey(imported, recipient);
      assertEquals(imported, other.importKey(bundle, recipient));
      String aead = kms.provider(Algorithm.AES_256_GCM);
      String kemProvider = kms.provider(Algorithm.ML_KEM_768);
      String ed = kms.provider(Algorithm.ED25519);
      assertLines(List.of(
          Line.ok("create", box.withVersion(1), aead),
          Line.ok("seal", box, aead),
          Line.ok("open", null, null),
          Line.ok("reseal", null, null),
          Line.ok("create", kem.withVersion(1), kemProvider),
          Line.ok("encapsulate", kem.withVersion(1), kemProvider),
          Line.ok("decapsulate", kem.withVersion(1), kemProvider),
          Line.ok("import_private", imported.withVersion(1), ed),
          Line.ok("export", imported, ed),
          Line.ok("import", imported, other.attest(imported).provider())), read(file)
              .subList(0, 10));
    }
  }

  @Test
  void concurrentOperationsLoseNoLine() throws Exception {
    Path file = dir.resolve("busy.jsonl");
    int threads = 8;
    int each = 250;
    try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(file);
        Kms kms = Kms.builder().listener(sink).build()) {
      KeyId key = kms.create("acme", "busy", Algorithm.ED25519);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(pool.submit(() -> {
            for (int i = 0; i < each; i++) {
              if (i % 2 == 0) {
                kms.sign(key, MSG);
              } else {
                kms.attest(key);
              }
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<JsonNode> lines = read(file);
    assertEquals(1 + threads * each, lines.size());
    assertEquals(threads * each / 2,
        lines.stream().filter(n -> n.get("op").asText().equals("sign")).count());
    assertEquals(threads * each / 2,
        lines.stream().filter(n -> n.get("op").asText().equals("attest")).count());
  }

  @Test
  void aFailingSinkNeverCorruptsTheStore() throws IOException {
    byte[] storeKey = new byte[32];
    new SecureRandom().nextBytes(storeKey);
    Path storeDir = dir.resolve("store");
    Path full = Path.of("/dev/full");
    boolean devFull = Files.isWritable(full);
    AuditSink broken = new AuditSink() {
      @Override
      public void onOperation(OperationEvent event) {
        throw new IllegalStateException("audit disk gone");
      }
    };
    KeyId key;
    Signed before;
    String expected;
    try (KeyringSealer sealer = sealer(storeKey)) {
      try (Kms kms = Kms.builder().store(FileKeystoreStore.builder(storeDir, sealer)
          .createIfMissing(true).build()).build()) {
        key = kms.create("acme", "durable", Algorithm.ED25519);
        before = kms.sign(key, MSG);
      }
      try (JsonLinesAuditSink diskFull = devFull ? JsonLinesAuditSink.open(full) : null;
          Kms kms = Kms.builder().store(FileKeystoreStore.open(storeDir, sealer))
              .listener(devFull ? diskFull : broken).build()) {
        assertEquals(ErrorCode.AUDIT_FAILED,
            assertThrows(KmsException.class, () -> kms.sign(key, MSG)).code());
        assertEquals(ErrorCode.AUDIT_FAILED,
            assertThrows(KmsException.class, () -> kms.rotate(key)).code());
        assertEquals(ErrorCode.AUDIT_FAILED,
            assertThrows(KmsException.class, () -> kms.stageRotation(key)).code());
        assertEquals(ErrorCode.VERSION_NOT_FOUND, assertThrows(KmsException.class,
            () -> kms.disable(key.withVersion(9))).code(), "its own failure, audit suppressed");
      }
      try (Kms kms = Kms.builder().store(FileKeystoreStore.open(storeDir, sealer))
          .listener(failOpen(broken)).build()) {
        assertTrue(kms.verify(before, MSG), "fail-open: the answer is the operation's");
        kms.promote(key.withVersion(3));
        expected = kms.attest(key).toJson();
      }
      try (Kms kms = Kms.builder().store(FileKeystoreStore.open(storeDir, sealer)).build()) {
        assertEquals(expected, kms.attest(key).toJson(), "every change whole, none half-made");
        assertEquals(3, kms.attest(key).headVersion());
        assertEquals(3, kms.attest(key).versions().size());
        assertTrue(kms.verify(before, MSG));
        assertEquals(3, kms.sign(key, MSG).version());
      }
    }
  }

  private static AuditSink failOpen(AuditSink sink) {
    return new AuditSink() {
      @Override
      public void onOperation(OperationEvent event) {
        sink.onOperation(event);
      }

      @Override
      public boolean failClosed() {
        return false;
      }
    };
  }

  private static KeyringSealer sealer(byte[] key) {
    return KeyringSealer.builder("ron-kms/store-key").antiRollback(AntiRollback.disabled())
        .addVersion(key).build();
  }

  @Test
  void aSinkOnADirectoryItCannotWriteIsRefusedAtOpen() throws IOException {
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    assumeTrue(readOnly.toFile().setWritable(false, false));
    try {
      assumeTrue(!Files.isWritable(readOnly), "not root: permissions bind");
      assertThrows(IOException.class, () -> JsonLinesAuditSink.open(readOnly.resolve("a.jsonl")));
    } finally {
      readOnly.toFile().setWritable(true, true);
    }
  }
}
