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
import dev.ronkms.keys.KeyRecord;
import dev.ronkms.keys.KeyVersion;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.GeneratedKey;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SecretSeed;
import dev.ronkms.store.InMemoryKeystoreStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creates keys, signs, rotates, fails on purpose and closes; collects every string the library
 * hands out (toString of every value, every exception message and stack trace) and checks that
 * no seed, nor the secret scalar and prefix derived from it, appears in hex or Base64. Then checks
 * that closing zeroised the seed arrays themselves.
 */
class SecretHygieneTest {
  private static final byte[] MSG = "hello".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  void noSecretInAnyStringAndSeedsZeroisedOnClose(SignatureProvider backend) throws Exception {
    assumeTrue(backend.capabilities().contains(Capability.SEED_IMPORT));
    RecordingBackend recording = new RecordingBackend(backend);
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    Kms kms = Kms.builder().ed25519Backend(recording).store(store).build();
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
      seen.add(v.privateKey().toString());
      liveSeedArrays.add(((SecretSeed) v.privateKey()).apply(Function.identity()));
    }
    for (GeneratedKey g : recording.generated) {
      seen.add(g.toString());
    }

    collect(seen, () -> kms.sign(key.withVersion(1), MSG));
    collect(seen, () -> kms.verify(s1.keyId(), MSG, new byte[65]));
    collect(seen, () -> kms.destroy(v2));
    collect(seen, () -> kms.rotate(key));
    collect(seen, () -> kms.create("BAD", "x", Algorithm.ED25519));
    collect(seen, () -> backend.importSeed(new byte[31]));
    collect(seen, () -> KeyId.parse("acme/x/ed25519/" + "\u0000".repeat(36)));

    kms.destroy(key.withVersion(1));
    kms.close();
    collect(seen, () -> kms.sign(key, MSG));
    for (KeyVersion v : record.versions()) {
      seen.add(String.valueOf(v.privateKey()));
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
    for (KeyVersion v : record.versions()) {
      PrivateKeyHandle h = v.privateKey();
      assertTrue(h.isDestroyed());
      KmsException e = assertThrows(KmsException.class,
          () -> ((SecretSeed) h).apply(Function.identity()));
      assertEquals(ErrorCode.VERSION_DESTROYED, e.code());
    }
  }

  private static void collect(List<String> seen, Executable failing) {
    KmsException e = assertThrows(KmsException.class, failing);
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

  /** Delegates to a real backend but makes the seeds itself, so the test knows them. */
  private static final class RecordingBackend implements SignatureProvider {
    final SignatureProvider delegate;
    final List<byte[]> seeds = new ArrayList<>();
    final List<GeneratedKey> generated = new ArrayList<>();
    final SecureRandom random = new SecureRandom();

    RecordingBackend(SignatureProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized GeneratedKey generate() {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      seeds.add(seed);
      GeneratedKey g = delegate.importSeed(seed);
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
    public GeneratedKey importSeed(byte[] seed) {
      return delegate.importSeed(seed);
    }

    @Override
    public byte[] sign(PrivateKeyHandle key, byte[] publicKey, byte[] message) {
      return delegate.sign(key, publicKey, message);
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
      return delegate.verify(publicKey, message, signature);
    }
  }
}
