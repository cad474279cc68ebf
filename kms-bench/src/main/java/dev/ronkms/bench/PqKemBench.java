package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.KeyId;
import dev.ronkms.pq.BcPqProvider;
import dev.ronkms.pq.JdkPqProvider;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
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
 * ML-KEM-512/768/1024 encapsulation and decapsulation, four ways ({@link #path}):
 * <ul>
 *   <li>{@code raw-bc}: Bouncy Castle's low-level API as a careful host would call it: the
 *       {@link MLKEMPublicKeyParameters} and {@link MLKEMPrivateKeyParameters} made once (from
 *       a 64-byte seed d||z), one {@link MLKEMGenerator} (with one {@link SecureRandom}) and one
 *       {@link MLKEMExtractor} per thread, reused;</li>
 *   <li>{@code raw-jdk}: {@code javax.crypto.KEM("ML-KEM")} with its {@code Encapsulator} and
 *       {@code Decapsulator} made once from keys made once (JDK 24+ only). The module compiles
 *       for Java 17, where {@code javax.crypto.KEM} does not exist, so the calls go through
 *       {@link MethodHandle}s looked up once in {@code @Setup}: the per-operation cost is an
 *       {@code invokeExact};</li>
 *   <li>{@code kms-bc}, {@code kms-jdk}: {@code Kms.encapsulate}/{@code Kms.decapsulate} on the
 *       in-memory store with provider {@code pq-bc} or {@code pq-jdk} selected.</li>
 * </ul>
 * Every path returns the 32-byte shared secret as bytes (and, for encapsulation, the
 * ciphertext); decapsulation opens the same valid ciphertext every time. Run through
 * {@link PqBench#main}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PqKemBench {

  @Param({"ml-kem-512", "ml-kem-768", "ml-kem-1024"})
  public String kem;

  @Param({"raw-bc", "raw-jdk", "kms-bc", "kms-jdk"})
  public String path;

  private Algorithm algorithm;
  private byte[] ciphertext;
  // raw-bc
  private MLKEMPublicKeyParameters bcPublic;
  private MLKEMGenerator bcGenerator;
  private MLKEMExtractor bcExtractor;
  // raw-jdk
  private Object jdkEncapsulator;
  private Object jdkDecapsulator;
  private MethodHandle encapsulate;
  private MethodHandle encapsulation;
  private MethodHandle key;
  private MethodHandle decapsulate;
  // kms-*
  private Kms kms;
  private KeyId id;
  private KeyId version;

  @Setup
  public void setUp() throws Throwable {
    PqSignBench.requireJdk(path);
    algorithm = Algorithm.fromId(kem);
    byte[] seed = PqSignBench.bytes(64, kem.hashCode());
    switch (path) {
      case "raw-bc" -> {
        MLKEMParameters params = algorithm == Algorithm.ML_KEM_512 ? MLKEMParameters.ml_kem_512
            : algorithm == Algorithm.ML_KEM_768 ? MLKEMParameters.ml_kem_768
            : MLKEMParameters.ml_kem_1024;
        MLKEMPrivateKeyParameters bcPrivate = new MLKEMPrivateKeyParameters(params, seed);
        bcPublic = new MLKEMPublicKeyParameters(params, bcPrivate.getPublicKey());
        bcGenerator = new MLKEMGenerator(new SecureRandom());
        bcExtractor = new MLKEMExtractor(bcPrivate);
      }
      case "raw-jdk" -> setUpJdk(seed);
      case "kms-bc", "kms-jdk" -> {
        String name = path.equals("kms-bc") ? BcPqProvider.NAME : JdkPqProvider.NAME;
        kms = PqSignBench.kms(algorithm, name);
        if (!kms.provider(algorithm).equals(name)) {
          throw new IllegalStateException(kms.provider(algorithm) + " selected, not " + name);
        }
        id = kms.create("bench", "kem", algorithm);
      }
      default -> throw new IllegalArgumentException(path);
    }
    byte[][] first = encapsulate();
    ciphertext = first[0];
    if (!Arrays.equals(first[1], decapsulate())) {
      throw new IllegalStateException(path + ": decapsulation gives another secret");
    }
  }

  private void setUpJdk(byte[] seed) throws Throwable {
    String name = kem.toUpperCase(java.util.Locale.ROOT);
    KeyPairGenerator generator = KeyPairGenerator.getInstance(name);
    generator.initialize(new NamedParameterSpec(name), new PqSignBench.SeedRandom(seed));
    KeyPair pair = generator.generateKeyPair();
    MethodHandles.Lookup l = MethodHandles.publicLookup();
    Class<?> kemClass = Class.forName("javax.crypto.KEM");
    Class<?> enc = Class.forName("javax.crypto.KEM$Encapsulator");
    Class<?> encd = Class.forName("javax.crypto.KEM$Encapsulated");
    Class<?> dec = Class.forName("javax.crypto.KEM$Decapsulator");
    Object instance = l.findStatic(kemClass, "getInstance", MethodType.methodType(kemClass, String.class))
        .invoke("ML-KEM");
    jdkEncapsulator = l.findVirtual(kemClass, "newEncapsulator",
        MethodType.methodType(enc, PublicKey.class, SecureRandom.class))
        .invoke(instance, pair.getPublic(), new SecureRandom());
    jdkDecapsulator = l.findVirtual(kemClass, "newDecapsulator",
        MethodType.methodType(dec, PrivateKey.class)).invoke(instance, pair.getPrivate());
    encapsulate = l.findVirtual(enc, "encapsulate", MethodType.methodType(encd))
        .asType(MethodType.methodType(Object.class, Object.class));
    encapsulation = l.findVirtual(encd, "encapsulation", MethodType.methodType(byte[].class))
        .asType(MethodType.methodType(byte[].class, Object.class));
    key = l.findVirtual(encd, "key", MethodType.methodType(SecretKey.class))
        .asType(MethodType.methodType(SecretKey.class, Object.class));
    decapsulate = l.findVirtual(dec, "decapsulate",
        MethodType.methodType(SecretKey.class, byte[].class))
        .asType(MethodType.methodType(SecretKey.class, Object.class, byte[].class));
  }

  /** {ciphertext, shared secret}. */
  private byte[][] encapsulate() throws Throwable {
    switch (path) {
      case "raw-bc" -> {
        SecretWithEncapsulation e = bcGenerator.generateEncapsulated(bcPublic);
        byte[][] out = {e.getEncapsulation(), e.getSecret()};
        e.destroy();
        return out;
      }
      case "raw-jdk" -> {
        Object e = (Object) encapsulate.invokeExact(jdkEncapsulator);
        return new byte[][] {(byte[]) encapsulation.invokeExact(e),
            ((SecretKey) key.invokeExact(e)).getEncoded()};
      }
      default -> {
        try (Encapsulated e = kms.encapsulate(id)) {
          if (version == null) {
            version = e.keyId();
          }
          return new byte[][] {e.ciphertext(), e.sharedSecret()};
        }
      }
    }
  }

  private byte[] decapsulate() throws Throwable {
    return switch (path) {
      case "raw-bc" -> bcExtractor.extractSecret(ciphertext);
      case "raw-jdk" -> ((SecretKey) decapsulate.invokeExact(jdkDecapsulator, ciphertext))
          .getEncoded();
      default -> kms.decapsulate(version, ciphertext);
    };
  }

  @TearDown
  public void tearDown() {
    if (kms != null) {
      kms.close();
    }
  }

  @Benchmark
  public byte[][] encaps() throws Throwable {
    return encapsulate();
  }

  @Benchmark
  public byte[] decaps() throws Throwable {
    return decapsulate();
  }
}
