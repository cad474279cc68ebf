package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.pq.BcPqProvider;
import dev.ronkms.pq.JdkPqProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ML-DSA-44/65/87 key generation, signing and verification of a 128-byte message (empty
 * context), four ways ({@link Dsa#path}):
 * <ul>
 *   <li>{@code raw-bc}: Bouncy Castle's low-level API as a careful host would call it: the
 *       {@link MLDSAPrivateKeyParameters} / {@link MLDSAPublicKeyParameters} made once, one
 *       {@link MLDSASigner} per thread initialised for every operation, one
 *       {@link SecureRandom} made once;</li>
 *   <li>{@code raw-jdk}: {@code java.security.Signature("ML-DSA")} made once with the
 *       {@link PrivateKey} / {@link PublicKey} made once, {@code initSign}/{@code initVerify}
 *       for every operation (JDK 24+ only);</li>
 *   <li>{@code kms-bc}, {@code kms-jdk}: {@code Kms.sign}/{@code Kms.verify} on the in-memory
 *       store with provider {@code pq-bc} or {@code pq-jdk} selected for the algorithm.</li>
 * </ul>
 * Signing is hedged on every path (FIPS 204's default and the raw libraries' default: 32 fresh
 * bytes of rnd per signature), so the rejection loop's iteration count varies from signature
 * to signature as it does in use, and the average is over that distribution.
 *
 * <p>{@code keygen}: {@code raw-*} derive the key pair from a 32-byte seed xi in the library
 * (BC: {@code new MLDSAPrivateKeyParameters(params, xi)}; JDK: {@code KeyPairGenerator} whose
 * random source hands out xi); {@code kms-*} is the provider's {@code generate} (a fresh seed,
 * the key expanded once and prepared for signing, the public key bound) followed by the handle's
 * {@code close}. {@code Kms.create} is not measured: it adds a store write.
 *
 * <p>{@link Kmsonly} covers what has no raw counterpart: the composites ML-DSA-44/65 + Ed25519
 * through {@code Kms} on each lane, and Ed25519 through {@code Kms} (provider {@code bc}) for the
 * PQ ÷ Ed25519 ratio. Run through {@link PqBench#main}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PqSignBench {

  /** True when this JDK has ML-DSA and ML-KEM (JDK 24+): the {@code *-jdk} paths exist. */
  static boolean jdkHasPq() {
    return JdkPqProvider.available();
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  static void requireJdk(String path) {
    if (path.endsWith("jdk") && !jdkHasPq()) {
      throw new IllegalStateException(path + " needs JDK 24 or later; this is "
          + System.getProperty("java.version") + " (PqBench leaves it out on this JDK)");
    }
  }

  static Kms kms(Algorithm algorithm, String provider) {
    return Kms.builder().provider(algorithm, provider).build();
  }

  static MLDSAParameters bcParameters(Algorithm a) {
    return a == Algorithm.ML_DSA_44 ? MLDSAParameters.ml_dsa_44
        : a == Algorithm.ML_DSA_65 ? MLDSAParameters.ml_dsa_65 : MLDSAParameters.ml_dsa_87;
  }

  static String jdkName(Algorithm a) {
    return a.id().toUpperCase(java.util.Locale.ROOT);
  }

  /** ML-DSA on the four paths. */
  @State(Scope.Thread)
  public static class Dsa {
    @Param({"ml-dsa-44", "ml-dsa-65", "ml-dsa-87"})
    public String dsa;

    @Param({"raw-bc", "raw-jdk", "kms-bc", "kms-jdk"})
    public String path;

    final byte[] message = bytes(128, 20261130);
    Algorithm algorithm;
    byte[] xi;
    // raw-bc
    final SecureRandom random = new SecureRandom();
    MLDSAParameters bcParams;
    MLDSAPrivateKeyParameters bcPrivate;
    MLDSAPublicKeyParameters bcPublic;
    final MLDSASigner bcSigner = new MLDSASigner();
    // raw-jdk
    Signature jdkSigner;
    Signature jdkVerifier;
    PrivateKey jdkPrivate;
    PublicKey jdkPublic;
    KeyPairGenerator jdkGenerator;
    // kms-*
    Kms kms;
    KeyId key;
    KeyId version;
    SignatureProvider provider;
    byte[] signature;

    @Setup
    public void setUp() throws Exception {
      requireJdk(path);
      algorithm = Algorithm.fromId(dsa);
      xi = bytes(32, dsa.hashCode());
      switch (path) {
        case "raw-bc" -> {
          bcParams = bcParameters(algorithm);
          bcPrivate = new MLDSAPrivateKeyParameters(bcParams, xi);
          bcPublic = new MLDSAPublicKeyParameters(bcParams, bcPrivate.getPublicKey());
          signature = signBc();
        }
        case "raw-jdk" -> {
          jdkGenerator = KeyPairGenerator.getInstance(jdkName(algorithm));
          jdkGenerator.initialize(new NamedParameterSpec(jdkName(algorithm)), new SeedRandom(xi));
          KeyPair pair = jdkGenerator.generateKeyPair();
          jdkPrivate = pair.getPrivate();
          jdkPublic = pair.getPublic();
          jdkSigner = Signature.getInstance("ML-DSA");
          jdkVerifier = Signature.getInstance("ML-DSA");
          signature = signJdk();
        }
        case "kms-bc", "kms-jdk" -> {
          String name = path.equals("kms-bc") ? BcPqProvider.NAME : JdkPqProvider.NAME;
          provider = path.equals("kms-bc") ? new BcPqProvider() : new JdkPqProvider();
          kms = kms(algorithm, name);
          key = kms.create("bench", "sign", algorithm,
              KeyOptions.defaults().with(SignatureVariant.HEDGED));
          var signed = kms.sign(key, message);
          version = signed.keyId();
          signature = signed.signature();
          if (!kms.provider(algorithm).equals(name)) {
            throw new IllegalStateException(kms.provider(algorithm) + " selected, not " + name);
          }
        }
        default -> throw new IllegalArgumentException(path);
      }
      if (!verify()) {
        throw new IllegalStateException(path + " does not verify its own signature");
      }
    }

    byte[] signBc() throws Exception {
      bcSigner.init(true, new ParametersWithRandom(bcPrivate, random));
      bcSigner.update(message, 0, message.length);
      return bcSigner.generateSignature();
    }

    byte[] signJdk() throws Exception {
      jdkSigner.initSign(jdkPrivate);
      jdkSigner.update(message);
      return jdkSigner.sign();
    }

    byte[] sign() throws Exception {
      return switch (path) {
        case "raw-bc" -> signBc();
        case "raw-jdk" -> signJdk();
        default -> kms.sign(key, message).signature();
      };
    }

    boolean verify() throws Exception {
      switch (path) {
        case "raw-bc" -> {
          bcSigner.init(false, bcPublic);
          bcSigner.update(message, 0, message.length);
          return bcSigner.verifySignature(signature);
        }
        case "raw-jdk" -> {
          jdkVerifier.initVerify(jdkPublic);
          jdkVerifier.update(message);
          return jdkVerifier.verify(signature);
        }
        default -> {
          return kms.verify(version, message, signature);
        }
      }
    }

    Object keygen() throws Exception {
      switch (path) {
        case "raw-bc" -> {
          return new MLDSAPrivateKeyParameters(bcParams, xi);
        }
        case "raw-jdk" -> {
          return jdkGenerator.generateKeyPair();
        }
        default -> {
          PrivateKeyHandle h = provider.generate(algorithm);
          h.close();
          return h;
        }
      }
    }

    @TearDown
    public void tearDown() {
      if (kms != null) {
        kms.close();
      }
    }
  }

  /** Composites and Ed25519, through {@code Kms} only: {@code algorithm/lane}. */
  @State(Scope.Thread)
  public static class Kmsonly {
    @Param({"ed25519/bc", "mldsa44-ed25519/bc", "mldsa44-ed25519/jdk", "mldsa65-ed25519/bc",
        "mldsa65-ed25519/jdk"})
    public String key;

    final byte[] message = bytes(128, 20261130);
    Kms kms;
    KeyId id;
    KeyId version;
    byte[] signature;

    @Setup
    public void setUp() {
      String lane = key.substring(key.indexOf('/') + 1);
      requireJdk(lane);
      Algorithm algorithm = Algorithm.fromId(key.substring(0, key.indexOf('/')));
      String name = algorithm == Algorithm.ED25519 ? "bc"
          : lane.equals("bc") ? BcPqProvider.NAME : JdkPqProvider.NAME;
      kms = kms(algorithm, name);
      id = kms.create("bench", "sign", algorithm);
      var signed = kms.sign(id, message);
      version = signed.keyId();
      signature = signed.signature();
      if (!kms.provider(algorithm).equals(name) || !kms.verify(version, message, signature)) {
        throw new IllegalStateException(key + ": provider " + kms.provider(algorithm));
      }
    }

    @TearDown
    public void tearDown() {
      kms.close();
    }
  }

  @Benchmark
  public Object keygen(Dsa s) throws Exception {
    return s.keygen();
  }

  @Benchmark
  public byte[] sign(Dsa s) throws Exception {
    return s.sign();
  }

  @Benchmark
  public boolean verify(Dsa s) throws Exception {
    return s.verify();
  }

  @Benchmark
  public byte[] kmsSign(Kmsonly s) {
    return s.kms.sign(s.id, s.message).signature();
  }

  @Benchmark
  public boolean kmsVerify(Kmsonly s) {
    return s.kms.verify(s.version, s.message, s.signature);
  }

  /**
   * A random source that hands out the same seed for every request of its length: the JDK's
   * {@code KeyPairGenerator} draws xi (32 bytes) or d and z (32 each) from it, so every key pair
   * is KeyGen_internal of the seed. Benchmarks only.
   */
  static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeedRandom(byte[] seed) {
      super(new SecureRandomSpi() {
        private static final long serialVersionUID = 1L;
        private int at;

        @Override
        protected void engineSetSeed(byte[] s) {}

        @Override
        protected synchronized void engineNextBytes(byte[] out) {
          for (int i = 0; i < out.length; i++) {
            out[i] = seed[at];
            at = (at + 1) % seed.length;
          }
        }

        @Override
        protected byte[] engineGenerateSeed(int n) {
          return new byte[n];
        }
      }, null);
    }
  }
}
