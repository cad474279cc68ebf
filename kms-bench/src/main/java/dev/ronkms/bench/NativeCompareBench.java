package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.ed25519.Ed25519Verifier;
import dev.ronkms.ed25519.VerifyItem;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ed25519 against native libsodium 1.0.18 called through JNI ({@link Libsodium}), side by side
 * in one run on the same inputs as {@link VerifyBench}, {@link BatchBench} and {@link SignBench}
 * (64 distinct keys, 128-byte messages, seed 20261123): libsodium verify and sign, the project's
 * verifier ({@code Ed25519Verifier}, and {@code Ed25519PublicKey} with the key decoded once),
 * raw Bouncy Castle, the project's batch of 64 (reported per signature) and {@code Kms.sign}.
 * One method per contender rather than a parameter, so every method runs exactly once per run
 * and the batch can be reported per signature ({@code @OperationsPerInvocation(64)}).
 *
 * <p>Opt-in ({@code ./kms bench --native}): the shim is built outside Maven
 * (docs/PERFORMANCE.md, "Against native libsodium"). The set-up refuses to run without it, and
 * refuses when libsodium and the project disagree on the fixture ({@link #checkAgreement}).
 * Every verification's result is checked.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NativeCompareBench {

  /** JMH makes the instances. */
  public NativeCompareBench() {}

  /** The fixture's seed, as in the other Ed25519 benches. */
  static final long SEED = 20261123;

  /** The fixture's size: distinct keys, and the batch. */
  static final int KEYS = 64;

  /** The benchmark methods, in JMH's (alphabetical) run order. */
  static final List<String> METHODS = List.of("signBcRaw", "signKms", "signLibsodium",
      "verifyBatch64", "verifyBcRaw", "verifyEngineBatch64", "verifyLibsodium", "verifyOwn",
      "verifyOwnKey");

  private Fixture fixture;
  private Ed25519PublicKey[] decoded;
  private List<VerifyItem> batch;
  private final BatchVerifier batchVerifier = new BatchVerifier();
  private Kms kms;
  private KeyId[] kmsKeys;
  private List<VerifyRequest> engineBatch;
  private int next;

  /**
   * Loads the fixture, checks libsodium against the project ({@link #checkAgreement}) and
   * {@code Kms.sign} against Bouncy Castle, decodes the keys and imports the seeds.
   *
   * @throws IllegalStateException without the shim (saying how to build it) or on a
   *     disagreement
   */
  @Setup
  public void setUp() {
    if (!Libsodium.available()) {
      throw new IllegalStateException("NativeCompareBench: " + Libsodium.problem());
    }
    fixture = new Fixture(KEYS, SEED);
    checkAgreement(fixture);
    decoded = new Ed25519PublicKey[KEYS];
    for (int i = 0; i < KEYS; i++) {
      decoded[i] = Ed25519PublicKey.decode(fixture.publicKeys[i]);
    }
    batch = fixture.items(KEYS);
    kms = Kms.builder().provider(Algorithm.ED25519, "bc").build();
    kmsKeys = new KeyId[KEYS];
    for (int i = 0; i < KEYS; i++) {
      kmsKeys[i] = kms.importPrivateKey("bench", "native-" + i, Algorithm.ED25519,
          fixture.seeds[i], KeyOptions.defaults());
    }
    // Ed25519 is deterministic: Kms.sign must give the fixture's (Bouncy Castle) signatures.
    for (int i = 0; i < KEYS; i++) {
      if (!Arrays.equals(kms.sign(kmsKeys[i], fixture.messages[i]).signature(),
          fixture.signatures[i])) {
        throw new IllegalStateException("Kms.sign and Bouncy Castle differ on key " + i);
      }
    }
    engineBatch = new ArrayList<>(KEYS);
    for (int i = 0; i < KEYS; i++) {
      engineBatch.add(VerifyRequest.of(kms.sign(kmsKeys[i], fixture.messages[i]),
          fixture.messages[i]));
    }
    verifyEngineBatch64(); // fills the engine's decoded-key cache
  }

  /** Closes the key manager. */
  @TearDown
  public void tearDown() {
    if (kms != null) {
      kms.close();
    }
  }

  /**
   * Throws unless libsodium and the project agree on {@code f}: every signature is accepted by
   * both libsodium and {@code Ed25519Verifier}; libsodium signs each message to the fixture's
   * (Bouncy Castle) signature, byte for byte; and a signature tampered in R or S, or a tampered
   * message, is rejected by both.
   */
  static void checkAgreement(Fixture f) {
    for (int i = 0; i < f.publicKeys.length; i++) {
      byte[] pk = f.publicKeys[i];
      byte[] msg = f.messages[i];
      byte[] sig = f.signatures[i];
      agree("valid signature " + i, true, pk, msg, sig);
      byte[] mine = Libsodium.sign(f.seeds[i], pk, msg);
      if (!Arrays.equals(mine, sig)) {
        throw new IllegalStateException("libsodium's signature with key " + i
            + " differs from Bouncy Castle's");
      }
      agree("signature " + i + " with a bit of R flipped", false, pk, msg, flip(sig, i % 32));
      agree("signature " + i + " with a bit of S flipped", false, pk, msg, flip(sig, 32 + i % 31));
      agree("signature " + i + " on a tampered message", false, pk, flip(msg, i), sig);
    }
  }

  private static void agree(String what, boolean expected, byte[] pk, byte[] msg, byte[] sig) {
    boolean sodium = Libsodium.verify(pk, msg, sig);
    boolean own = Ed25519Verifier.verify(pk, msg, sig);
    if (sodium != expected || own != expected) {
      throw new IllegalStateException(what + ": libsodium " + (sodium ? "accepts" : "rejects")
          + ", the project (Ed25519Verifier) " + (own ? "accepts" : "rejects") + ", expected "
          + (expected ? "accept" : "reject"));
    }
  }

  private static byte[] flip(byte[] b, int index) {
    byte[] out = b.clone();
    out[index] ^= 0x01;
    return out;
  }

  private static boolean accepted(boolean ok, String who) {
    if (!ok) {
      throw new IllegalStateException(who + " rejected a valid signature");
    }
    return true;
  }

  /**
   * libsodium {@code crypto_sign_verify_detached} through JNI.
   *
   * @return true (a rejection throws)
   */
  @Benchmark
  public boolean verifyLibsodium() {
    int i = next++ & (KEYS - 1);
    return accepted(Libsodium.verify(fixture.publicKeys[i], fixture.messages[i],
        fixture.signatures[i]), "libsodium");
  }

  /**
   * The project's single verifier, {@code Ed25519Verifier.verify} (VerifyBench {@code own}).
   *
   * @return true (a rejection throws)
   */
  @Benchmark
  public boolean verifyOwn() {
    int i = next++ & (KEYS - 1);
    return accepted(Ed25519Verifier.verify(fixture.publicKeys[i], fixture.messages[i],
        fixture.signatures[i]), "Ed25519Verifier");
  }

  /**
   * {@code Ed25519PublicKey.verify}, the key decoded once (VerifyBench {@code own-key}).
   *
   * @return true (a rejection throws)
   */
  @Benchmark
  public boolean verifyOwnKey() {
    int i = next++ & (KEYS - 1);
    return accepted(decoded[i].verify(fixture.messages[i], fixture.signatures[i]),
        "Ed25519PublicKey");
  }

  /**
   * Raw Bouncy Castle verify (VerifyBench {@code bc-raw}).
   *
   * @return true (a rejection throws)
   */
  @Benchmark
  public boolean verifyBcRaw() {
    int i = next++ & (KEYS - 1);
    byte[] msg = fixture.messages[i];
    return accepted(Ed25519.verify(fixture.signatures[i], 0, fixture.publicKeys[i], 0, msg, 0,
        msg.length), "Bouncy Castle");
  }

  /**
   * One {@code BatchVerifier} call over the 64 signatures; the score is per signature.
   *
   * @return the 64 answers, all true (a rejection throws)
   */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public boolean[] verifyBatch64() {
    boolean[] result = batchVerifier.verify(batch);
    for (boolean ok : result) {
      accepted(ok, "BatchVerifier");
    }
    return result;
  }

  /**
   * {@code Kms.verifyBatch} over the 64 signatures by known key versions (the engine passes
   * the public keys its policy verifier decoded and cached); the score is per signature.
   *
   * @return the 64 answers, all valid (a rejection throws)
   */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public List<VerifyResult> verifyEngineBatch64() {
    List<VerifyResult> result = kms.verifyBatch(engineBatch);
    for (VerifyResult r : result) {
      accepted(r.isValid(), "Kms.verifyBatch");
    }
    return result;
  }

  /**
   * libsodium {@code crypto_sign_detached} through JNI (a new 64-byte array per call).
   *
   * @return the signature
   */
  @Benchmark
  public byte[] signLibsodium() {
    int i = next++ & (KEYS - 1);
    return Libsodium.sign(fixture.seeds[i], fixture.publicKeys[i], fixture.messages[i]);
  }

  /**
   * Raw Bouncy Castle sign into a new 64-byte array (as the JNI call returns one).
   *
   * @return the signature
   */
  @Benchmark
  public byte[] signBcRaw() {
    int i = next++ & (KEYS - 1);
    byte[] msg = fixture.messages[i];
    byte[] sig = new byte[64];
    Ed25519.sign(fixture.seeds[i], 0, fixture.publicKeys[i], 0, msg, 0, msg.length, sig, 0);
    return sig;
  }

  /**
   * {@code Kms.sign}, the whole path (in-memory store, bc provider), the fixture's seeds.
   *
   * @return the signature
   */
  @Benchmark
  public byte[] signKms() {
    int i = next++ & (KEYS - 1);
    return kms.sign(kmsKeys[i], fixture.messages[i]).signature();
  }
}
