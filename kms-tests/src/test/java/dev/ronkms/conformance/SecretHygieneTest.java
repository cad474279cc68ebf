package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.audit.JsonLinesAuditSink;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.SignedAttestation;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SecretSeed;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.lang.reflect.Field;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creates keys, signs, rotates, fails on purpose and closes; collects every string the library
 * hands out (toString of every value, every exception message and stack trace) and checks that
 * no seed, nor the secret scalar and prefix derived from it, appears in hex or Base64. Then checks
 * that closing zeroised the seed arrays themselves (read by reflection: no public API reaches
 * them).
 */
class SecretHygieneTest {
  private static final byte[] MSG = "hello".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  void noSecretInAnyStringAndSeedsZeroisedOnClose(SignatureProvider backend) throws Exception {
    assumeTrue(backend.capabilities().contains(Capability.SEED_IMPORT));
    RecordingProvider recording = new RecordingProvider(backend);
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    Path auditFile = Files.createTempFile("kms-hygiene-", ".jsonl");
    JsonLinesAuditSink audit = JsonLinesAuditSink.open(auditFile);
    Kms kms = Kms.builder().addProvider(recording).provider(Algorithm.ED25519, recording.name())
        .store(store).listener(audit).build();
    List<String> seen = new ArrayList<>();

    KeyId key = kms.create("acme", "hygiene", Algorithm.ED25519);
    Signed s1 = kms.sign(key, MSG);
    KeyId v2 = kms.rotate(key);
    kms.stageRotation(key);
    seen.add(kms.toString());
    seen.add(key.toString());
    seen.add(v2.toString());
    seen.add(s1.toString());
    seen.add(kms.attest(key).toString());
    seen.add(kms.attest(key).toJson());
    seen.add(kms.providers().toString());
    seen.add(store.toString());
    KeyRecord record = store.load(key).orElseThrow();
    seen.add(record.toString());
    List<byte[]> liveSeedArrays = new ArrayList<>();
    for (KeyVersion v : record.versions()) {
      seen.add(v.toString());
      PrivateKeyHandle h = v.handle().orElseThrow();
      seen.add(h.toString());
      liveSeedArrays.add(seedBytes(h));
    }
    for (PrivateKeyHandle g : recording.generated) {
      seen.add(g.toString());
    }

    collect(seen, ErrorCode.NOT_HEAD_VERSION, () -> kms.sign(key.withVersion(1), MSG));
    collect(seen, ErrorCode.MALFORMED_SIGNATURE,
        () -> kms.verify(s1.keyId(), MSG, new byte[65]));
    collect(seen, ErrorCode.ILLEGAL_TRANSITION, () -> kms.destroy(v2));
    collect(seen, ErrorCode.PENDING_VERSION_EXISTS, () -> kms.rotate(key));
    collect(seen, ErrorCode.INVALID_KEY_ID, () -> kms.create("BAD", "x", Algorithm.ED25519));
    collect(seen, ErrorCode.MALFORMED_KEY,
        () -> backend.importPrivateKey(Algorithm.ED25519, new byte[31]));
    collect(seen, ErrorCode.PROVIDER_MISMATCH, () -> backend.sign(null, MSG));
    collect(seen, ErrorCode.INVALID_KEY_ID,
        () -> KeyId.parse("acme/x/ed25519/" + "\u0000".repeat(36)));

    KeyId attester = kms.create("acme", "attester", Algorithm.ED25519);
    SignedAttestation signedAttestation = kms.attest(key, attester);
    seen.add(signedAttestation.toString());
    seen.add(signedAttestation.toJson());
    assertTrue(kms.verifyAttestation(signedAttestation));

    kms.destroy(key.withVersion(1));
    kms.close();
    collect(seen, ErrorCode.CLOSED, () -> kms.sign(key, MSG));
    audit.close();
    String trail = Files.readString(auditFile, StandardCharsets.UTF_8);
    Files.delete(auditFile);
    assertTrue(trail.lines().count() >= 15, trail);
    seen.addAll(trail.lines().toList());
    for (String content : publicEncodings(MSG, s1.signature())) {
      assertFalse(trail.contains(content), "a message or signature in the audit trail: "
          + content);
    }
    for (KeyVersion v : record.versions()) {
      seen.add(String.valueOf(v.handle()));
    }

    assertTrue(recording.seeds.size() >= 3, "the test saw the seeds it scans for");
    for (byte[] seed : recording.seeds) {
      for (String secret : encodings(seed)) {
        for (String s : seen) {
          assertFalse(s.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
              "secret material leaked into: " + s.substring(0, Math.min(120, s.length())));
        }
      }
    }
    for (byte[] arr : liveSeedArrays) {
      assertTrue(allZero(arr), "seed array not zeroised on close");
    }
    for (PrivateKeyHandle h : recording.generated) {
      assertTrue(h.isDestroyed(), "every handle ever made is destroyed after close");
      KmsException e = assertThrows(KmsException.class, () -> backend.sign(h, MSG));
      assertEquals(ErrorCode.VERSION_DESTROYED, e.code());
    }
  }

  /**
   * A workload over every kind of key, with private keys and plaintexts the test chose: the
   * audit trail it leaves holds none of them, nor any message, plaintext, envelope, ciphertext,
   * shared secret or signature, in any encoding.
   */
  @org.junit.jupiter.api.Test
  void theAuditTrailHoldsNoSecretAndNoContent() throws Exception {
    Path auditFile = Files.createTempFile("kms-hygiene-", ".jsonl");
    SecureRandom random = new SecureRandom();
    byte[] aesKey = new byte[32];
    byte[] edSeed = new byte[32];
    byte[] kemSeed = new byte[64];
    random.nextBytes(aesKey);
    random.nextBytes(edSeed);
    random.nextBytes(kemSeed);
    byte[] plaintext = "the launch code is 0000-1234-9876".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "tenant=acme;row=42".getBytes(StandardCharsets.UTF_8);
    byte[] message = "transfer 1000 EUR to mallory #4471".getBytes(StandardCharsets.UTF_8);
    List<byte[]> content = new ArrayList<>(List.of(aesKey, edSeed, kemSeed, plaintext, aad,
        message));
    try (JsonLinesAuditSink audit = JsonLinesAuditSink.open(auditFile);
        Kms kms = Kms.builder().antiRollback(dev.ronkms.seal.AntiRollback.disabled())
            .listener(audit).build()) {
      KeyId box = kms.importPrivateKey("acme", "box", Algorithm.AES_256_GCM, aesKey,
          KeyOptions.defaults());
      byte[] envelope = kms.seal(box, plaintext, aad);
      content.add(envelope);
      content.add(kms.open(envelope, aad));
      content.add(kms.reseal(envelope, aad));
      KeyId signer = kms.importPrivateKey("acme", "signer", Algorithm.ED25519, edSeed,
          KeyOptions.defaults());
      Signed signed = kms.sign(signer, message);
      content.add(signed.signature());
      assertTrue(kms.verify(signed, message));
      kms.rotate(signer);
      content.add(kms.sign(signer, message).signature());
      KeyId kem = kms.importPrivateKey("acme", "kem", Algorithm.ML_KEM_768, kemSeed,
          KeyOptions.defaults());
      try (dev.ronkms.keys.Encapsulated e = kms.encapsulate(kem)) {
        content.add(e.ciphertext());
        content.add(e.sharedSecret());
        content.add(kms.decapsulate(e.keyId(), e.ciphertext()));
      }
      SignedAttestation attestation = kms.attest(box, signer);
      content.add(attestation.signature());
      kms.verifyAttestation(attestation);
      collectAudit(kms, () -> kms.open(envelope, "other".getBytes(StandardCharsets.UTF_8)));
      collectAudit(kms, () -> kms.sign(signer.withVersion(1), message));
    }
    String trail = Files.readString(auditFile, StandardCharsets.UTF_8);
    Files.delete(auditFile);
    assertEquals(17, trail.lines().count(), trail);
    byte[][] all = content.toArray(new byte[0][]);
    for (String secret : publicEncodings(all)) {
      assertFalse(trail.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
          "secret or content in the audit trail: " + secret);
    }
    for (byte[] seed : List.of(edSeed)) {
      for (String secret : encodings(seed)) {
        assertFalse(trail.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)));
      }
    }
  }

  private static void collectAudit(Kms kms, Executable failing) {
    assertThrows(KmsException.class, failing);
  }

  /** Each value as text, hex, Base64 (with and without padding), URL-safe Base64. */
  private static List<String> publicEncodings(byte[]... values) {
    List<String> out = new ArrayList<>();
    for (byte[] v : values) {
      out.add(new String(v, StandardCharsets.UTF_8));
      out.add(Hex.encode(v));
      out.add(Base64.getEncoder().encodeToString(v));
      out.add(Base64.getEncoder().withoutPadding().encodeToString(v));
      out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(v));
      out.add(Arrays.toString(v));
    }
    out.removeIf(e -> e.length() < 8);
    return out;
  }

  /** The seed array inside a software handle, by reflection (tests only). */
  private static byte[] seedBytes(PrivateKeyHandle h) throws ReflectiveOperationException {
    Field f = SecretSeed.class.getDeclaredField("seed");
    f.setAccessible(true);
    return (byte[]) f.get(h);
  }

  private static void collect(List<String> seen, ErrorCode expected, Executable failing) {
    KmsException e = assertThrows(KmsException.class, failing);
    assertEquals(expected, e.code(), e.getMessage());
    seen.add(e.getMessage());
    seen.add(e.toString());
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    seen.add(trace.toString());
  }

  /** The seed, its SHA-512 halves (scalar source and nonce prefix), in hex and Base64. */
  private static List<String> encodings(byte[] seed) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
    List<String> out = new ArrayList<>();
    for (byte[] secret : List.of(seed, Arrays.copyOfRange(h, 0, 32),
        Arrays.copyOfRange(h, 32, 64))) {
      out.add(Hex.encode(secret));
      out.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
      out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
      out.add(Arrays.toString(secret));
    }
    return out;
  }

  private static boolean allZero(byte[] a) {
    for (byte b : a) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Delegates to a real provider but makes the seeds itself, so the test knows them. */
  private static final class RecordingProvider implements SignatureProvider {
    final SignatureProvider delegate;
    final List<byte[]> seeds = new ArrayList<>();
    final List<PrivateKeyHandle> generated = new ArrayList<>();
    final SecureRandom random = new SecureRandom();

    RecordingProvider(SignatureProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized PrivateKeyHandle generate(Algorithm algorithm) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      seeds.add(seed);
      PrivateKeyHandle g = delegate.importPrivateKey(algorithm, seed);
      generated.add(g);
      return g;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int priority() {
      return delegate.priority();
    }

    @Override
    public Set<Capability> capabilities() {
      return delegate.capabilities();
    }

    @Override
    public Set<Algorithm> algorithms() {
      return delegate.algorithms();
    }

    @Override
    public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
      return delegate.importPrivateKey(algorithm, seed);
    }

    @Override
    public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] aad) {
      return delegate.sealPrivateKey(key, sealer, aad);
    }

    @Override
    public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
        byte[] aad) {
      return delegate.openPrivateKey(algorithm, sealed, sealer, aad);
    }

    @Override
    public byte[] sign(PrivateKeyHandle key, byte[] message) {
      return delegate.sign(key, message);
    }

    @Override
    public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
        byte[] signature) {
      return delegate.verify(algorithm, publicKey, message, signature);
    }
  }
}
