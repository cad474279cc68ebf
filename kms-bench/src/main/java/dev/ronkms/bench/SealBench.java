package dev.ronkms.bench;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Sealing and opening 1 KiB, AES-256-GCM and ChaCha20-Poly1305, three ways: {@code raw}, the
 * JCE as a careful host would call it (one SunJCE {@link Cipher} per thread, reused; a
 * {@link SecretKeySpec} made once; a random nonce from a per-thread {@link SecureRandom};
 * output nonce ‖ ciphertext ‖ tag), {@code keyring} ({@link KeyringSealer} with
 * {@link AntiRollback#disabled()}: envelope header, AAD rule, provider and key handle), and
 * {@code keyring-counter} (the same with the default {@link AntiRollback#counter()}). Each
 * operation uses one of 64 contexts (associated data) in turn, so consecutive opens never repeat
 * a nonce (SunJCE's ChaCha20 refuses that) and every envelope is the newest of its context.
 *
 * <p>{@link #main} runs the sixteen benchmarks in one JMH run (one fork, 3 × 1 s warm-up,
 * 5 × 1 s measurement unless arguments say otherwise) and prints the ratios to {@code raw}.
 * Run it with {@code java -cp "kms-bench/target/kms-bench.jar:kms-bench/target/lib/*"
 * dev.ronkms.bench.SealBench} after {@code ./mvnw -pl kms-bench -am package -DskipTests}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealBench {
  static final int SIZE = 1024;
  static final int CONTEXTS = 64;

  /** {@code aes-256-gcm} or {@code chacha20-poly1305}. */
  @Param({"aes-256-gcm", "chacha20-poly1305"})
  public String algorithm;

  /**
   * {@code raw}, {@code keyring} or {@code keyring-counter}; {@code kms} and {@code kms-counter}
   * ({@code Kms.seal}/{@code open} with a sealing key of the in-memory store, the engine's whole
   * path: key lookup, version rules, envelope); {@code provider} (the softseal provider's SPI
   * alone, no envelope) shows where an overhead lies.
   */
  @Param({"raw", "provider", "keyring", "keyring-counter", "kms", "kms-counter"})
  public String path;

  private interface Seal {
    byte[] seal(byte[] plaintext, byte[] aad) throws Exception;

    byte[] open(byte[] sealed, byte[] aad) throws Exception;
  }

  private final byte[] plaintext = new byte[SIZE];
  private final byte[][] aads = new byte[CONTEXTS][];
  private final byte[][] sealed = new byte[CONTEXTS][];
  private Seal seal;
  private KeyringSealer keyring;
  private dev.ronkms.Kms kms;
  private int next;

  @Setup
  public void setUp() throws Exception {
    Random random = new Random(20261130);
    random.nextBytes(plaintext);
    byte[] key = new byte[32];
    random.nextBytes(key);
    Algorithm alg = Algorithm.fromId(algorithm);
    seal = switch (path) {
      case "raw" -> new RawJce(alg, key);
      case "provider" -> new ProviderOnly(alg, key);
      case "keyring", "keyring-counter" -> {
        keyring = KeyringSealer.builder("bench/seal").algorithm(alg).addVersion(key)
            .antiRollback(path.equals("keyring") ? AntiRollback.disabled()
                : AntiRollback.counter()).build();
        yield new Seal() {
          @Override
          public byte[] seal(byte[] p, byte[] aad) {
            return keyring.seal(p, aad);
          }

          @Override
          public byte[] open(byte[] s, byte[] aad) {
            return keyring.open(s, aad);
          }
        };
      }
      case "kms", "kms-counter" -> {
        kms = dev.ronkms.Kms.builder().antiRollback(path.equals("kms") ? AntiRollback.disabled()
            : AntiRollback.counter()).build();
        dev.ronkms.keys.KeyId sealingKey = kms.create("bench", "seal", alg);
        yield new Seal() {
          @Override
          public byte[] seal(byte[] p, byte[] aad) {
            return kms.seal(sealingKey, p, aad);
          }

          @Override
          public byte[] open(byte[] s, byte[] aad) {
            return kms.open(s, aad);
          }
        };
      }
      default -> throw new IllegalArgumentException(path);
    };
    Arrays.fill(key, (byte) 0);
    for (int i = 0; i < CONTEXTS; i++) {
      aads[i] = ("bench-context-" + i).getBytes(StandardCharsets.UTF_8);
      sealed[i] = seal.seal(plaintext, aads[i]);
    }
  }

  @TearDown
  public void tearDown() {
    if (keyring != null) {
      keyring.close();
    }
    if (kms != null) {
      kms.close();
    }
  }

  @Benchmark
  public byte[] seal() throws Exception {
    int i = next++ & (CONTEXTS - 1);
    return seal.seal(plaintext, aads[i]);
  }

  @Benchmark
  public byte[] open() throws Exception {
    int i = next++ & (CONTEXTS - 1);
    byte[] opened = seal.open(sealed[i], aads[i]);
    if (opened.length != SIZE) {
      throw new IllegalStateException(path + " opened " + opened.length + " bytes");
    }
    return opened;
  }

  /**
   * The softseal provider's raw AEAD through the SPI, framed as {@code raw} frames it: what the
   * provider layer (handle, checks, cipher per thread) adds, without the envelope.
   */
  private static final class ProviderOnly implements Seal {
    private final dev.ronkms.softseal.SoftSealProvider provider =
        new dev.ronkms.softseal.SoftSealProvider();
    private final dev.ronkms.spi.PrivateKeyHandle handle;
    private final SecureRandom random = new SecureRandom();

    ProviderOnly(Algorithm algorithm, byte[] keyBytes) {
      handle = provider.importPrivateKey(algorithm, keyBytes);
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] aad) {
      byte[] out = new byte[12 + plaintext.length + 16];
      byte[] nonce = new byte[12];
      random.nextBytes(nonce);
      System.arraycopy(nonce, 0, out, 0, 12);
      provider.encrypt(handle, nonce, new byte[][] {aad}, plaintext, out, 12);
      return out;
    }

    @Override
    public byte[] open(byte[] sealed, byte[] aad) {
      return provider.decrypt(handle, Arrays.copyOf(sealed, 12), new byte[][] {aad}, sealed, 12,
          sealed.length - 12);
    }
  }

  /** The raw JCE baseline: what a host writing its own AEAD code would do at best. */
  private static final class RawJce implements Seal {
    private final boolean aes;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    RawJce(Algorithm algorithm, byte[] keyBytes) throws GeneralSecurityException {
      aes = algorithm == Algorithm.AES_256_GCM;
      cipher = Cipher.getInstance(aes ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305", "SunJCE");
      key = new SecretKeySpec(keyBytes, aes ? "AES" : "ChaCha20");
    }

    private AlgorithmParameterSpec params(byte[] nonce, int offset) {
      return aes ? new GCMParameterSpec(128, nonce, offset, 12)
          : new IvParameterSpec(nonce, offset, 12);
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
      byte[] out = new byte[12 + plaintext.length + 16];
      byte[] nonce = new byte[12];
      random.nextBytes(nonce);
      System.arraycopy(nonce, 0, out, 0, 12);
      cipher.init(Cipher.ENCRYPT_MODE, key, params(nonce, 0));
      cipher.updateAAD(aad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, 12);
      return out;
    }

    @Override
    public byte[] open(byte[] sealed, byte[] aad) throws GeneralSecurityException {
      cipher.init(Cipher.DECRYPT_MODE, key, params(sealed, 0));
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, 12, sealed.length - 12);
    }
  }

  /**
   * Runs the benchmarks and prints µs/op and the ratios of keyring, keyring-counter, kms and
   * kms-counter to raw.
   * Arguments: {@code [warmup-iterations measurement-iterations]} (default 3 5, 1 s each).
   */
  public static void main(String[] args) throws Exception {
    int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(SealBench.class.getSimpleName())
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true)
        .build()).run();
    Map<String, Double> s = BenchMain.scoreValues(results);
    System.out.println();
    System.out.printf("SealBench, 1 KiB (µs/op; JDK %s)%n", System.getProperty("java.version"));
    for (String alg : new String[] {"aes-256-gcm", "chacha20-poly1305"}) {
      for (String op : new String[] {"seal", "open"}) {
        double raw = s.get("SealBench." + op + ":" + alg + ",raw");
        double provider = s.get("SealBench." + op + ":" + alg + ",provider");
        double keyring = s.get("SealBench." + op + ":" + alg + ",keyring");
        double counter = s.get("SealBench." + op + ":" + alg + ",keyring-counter");
        double kms = s.get("SealBench." + op + ":" + alg + ",kms");
        double kmsCounter = s.get("SealBench." + op + ":" + alg + ",kms-counter");
        System.out.printf("%-18s %-5s raw %7.3f  provider %7.3f (%.2fx)  keyring %7.3f (%.2fx)"
            + "  keyring-counter %7.3f (%.2fx)  kms %7.3f (%.2fx)  kms-counter %7.3f (%.2fx)%n",
            alg, op, raw, provider, provider / raw, keyring, keyring / raw, counter,
            counter / raw, kms, kms / raw, kmsCounter, kmsCounter / raw);
      }
    }
  }
}
