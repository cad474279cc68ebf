package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.spi.Encapsulation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * ML-KEM on the JDK's own implementation (JDK 24+, {@code javax.crypto.KEM} "ML-KEM").
 *
 * <p>{@code javax.crypto.KEM} exists since JDK 21, so it is not in the Java 17 API this module
 * compiles against: the lane reaches it through {@link MethodHandle}s looked up once, erased to
 * {@code Object} and called with {@code invokeExact} (no per-call reflection). A multi-release
 * jar would need a JDK 21+ compiler to build, and the build must also work on JDK 17; the
 * handles keep one source tree and one class file. On a JDK without the class or the algorithm,
 * {@link #supported()} is empty and the constructor throws, so the provider never uses it.
 *
 * <p>Keys from a seed: {@code KeyPairGenerator("ML-KEM-768")} draws d then z (32 bytes each)
 * from the {@code SecureRandom} given to {@code initialize}; a {@link FixedRandom} holding d||z
 * gives KeyGen_internal(d, z). Everything else (encapsulation, decapsulation with implicit
 * rejection) is plain FIPS 203; the JDK refuses a ciphertext of the wrong length with
 * {@code DecapsulateException}, but callers check lengths first.
 *
 * <p>Encapsulation keys: the JDK {@link PublicKey} decoded from the raw bytes and its
 * {@code Encapsulator} (with the lane's {@link SecureRandom}) are kept in a bounded
 * {@link PublicKeyCache} per parameter set, keyed by the bytes' content, so encapsulating to
 * the same key again decodes nothing. {@code javax.crypto.KEM} documents its
 * {@code Encapsulator} as immutable and safe to call from several threads at once, and each
 * {@code encapsulate} draws a fresh message from the random source. The overload with a given
 * message m (tests) reuses the cached key and makes its own {@code Encapsulator}.
 */
public final class JdkMlKemLane implements MlKemLane {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Handles HANDLES = Handles.lookup();
  private static final Set<Algorithm> SUPPORTED = probe();
  /** The immutable {@code javax.crypto.KEM} "ML-KEM" (null where unsupported). */
  private static final Object KEM = SUPPORTED.isEmpty() ? null : kemOrNull();

  /** A decoded encapsulation key and its encapsulator drawing from {@link #RANDOM}. */
  private record EncapsulationKey(PublicKey key, Object encapsulator) {}

  private final Map<Algorithm, PublicKeyCache<EncapsulationKey>> encapsulationKeys =
      new EnumMap<>(Algorithm.class);

  /**
   * @throws IllegalStateException when this JDK has no ML-KEM (before JDK 24)
   */
  public JdkMlKemLane() {
    if (SUPPORTED.isEmpty()) {
      throw new IllegalStateException("this JDK (" + System.getProperty("java.version")
          + ") has no ML-KEM; the JDK lane needs JDK 24 or later");
    }
    for (Algorithm a : SUPPORTED) {
      encapsulationKeys.put(a, new PublicKeyCache<>());
    }
  }

  /** The encapsulation-key cache of {@code algorithm} (tests). */
  PublicKeyCache<?> encapsulationKeyCache(Algorithm algorithm) {
    return encapsulationKeys.get(algorithm);
  }

  /** The ML-KEM parameter sets this JDK implements (empty before JDK 24). */
  public static Set<Algorithm> supported() {
    return SUPPORTED;
  }

  @Override
  public String name() {
    return "jdk";
  }

  /** The handles into javax.crypto.KEM, or null on a JDK without it. */
  private static final class Handles {
    final MethodHandle getInstance;
    final MethodHandle newEncapsulator;
    final MethodHandle encapsulate;
    final MethodHandle key;
    final MethodHandle encapsulation;
    final MethodHandle newDecapsulator;
    final MethodHandle decapsulate;

    private Handles(MethodHandles.Lookup l, Class<?> kem, Class<?> enc, Class<?> encd,
        Class<?> dec) throws ReflectiveOperationException {
      MethodType object0 = MethodType.methodType(Object.class, Object.class);
      getInstance = l.findStatic(kem, "getInstance", MethodType.methodType(kem, String.class))
          .asType(MethodType.methodType(Object.class, String.class));
      newEncapsulator = l.findVirtual(kem, "newEncapsulator",
          MethodType.methodType(enc, PublicKey.class, SecureRandom.class))
          .asType(MethodType.methodType(Object.class, Object.class, PublicKey.class,
              SecureRandom.class));
      encapsulate = l.findVirtual(enc, "encapsulate", MethodType.methodType(encd))
          .asType(object0);
      key = l.findVirtual(encd, "key", MethodType.methodType(SecretKey.class))
          .asType(MethodType.methodType(SecretKey.class, Object.class));
      encapsulation = l.findVirtual(encd, "encapsulation", MethodType.methodType(byte[].class))
          .asType(MethodType.methodType(byte[].class, Object.class));
      newDecapsulator = l.findVirtual(kem, "newDecapsulator",
          MethodType.methodType(dec, PrivateKey.class))
          .asType(MethodType.methodType(Object.class, Object.class, PrivateKey.class));
      decapsulate = l.findVirtual(dec, "decapsulate",
          MethodType.methodType(SecretKey.class, byte[].class))
          .asType(MethodType.methodType(SecretKey.class, Object.class, byte[].class));
    }

    static Handles lookup() {
      try {
        Class<?> kem = Class.forName("javax.crypto.KEM");
        return new Handles(MethodHandles.publicLookup(), kem,
            Class.forName("javax.crypto.KEM$Encapsulator"),
            Class.forName("javax.crypto.KEM$Encapsulated"),
            Class.forName("javax.crypto.KEM$Decapsulator"));
      } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
        return null;
      }
    }
  }

  static String jdkName(Algorithm algorithm) {
    return ParameterSets.mlKem(algorithm, "ML-KEM-512", "ML-KEM-768", "ML-KEM-1024");
  }

  private static Set<Algorithm> probe() {
    Set<Algorithm> out = EnumSet.noneOf(Algorithm.class);
    if (HANDLES == null) {
      return Set.of();
    }
    for (Algorithm a : ParameterSets.ML_KEM) {
      try {
        KeyPairGenerator.getInstance(jdkName(a));
        KeyFactory.getInstance(jdkName(a));
        kem();
        out.add(a);
      } catch (Throwable absent) {
        // not on this JDK
      }
    }
    return Set.copyOf(out);
  }

  private static Object kem() throws Throwable {
    return (Object) HANDLES.getInstance.invokeExact("ML-KEM");
  }

  private static Object kemOrNull() {
    try {
      return kem();
    } catch (Throwable absent) {
      return null;
    }
  }

  private static KeyPair keyPair(Algorithm algorithm, byte[] seed) throws Exception {
    String name = jdkName(algorithm);
    KeyPairGenerator generator = KeyPairGenerator.getInstance(name);
    generator.initialize(new NamedParameterSpec(name), new FixedRandom(seed));
    return generator.generateKeyPair();
  }

  @Override
  public byte[] publicKey(Algorithm algorithm, byte[] seed) throws Exception {
    return PublicKeyEncoding.toRaw(algorithm, keyPair(algorithm, seed).getPublic().getEncoded());
  }

  @Override
  public Encapsulation encapsulate(Algorithm algorithm, byte[] encapsulationKey)
      throws Exception {
    return encapsulate(encapsulationKey(algorithm, encapsulationKey).encapsulator());
  }

  /** As {@link #encapsulate(Algorithm, byte[])} with the 32-byte message m given (tests). */
  public Encapsulation encapsulate(Algorithm algorithm, byte[] encapsulationKey, byte[] m)
      throws Exception {
    PublicKey ek = encapsulationKey(algorithm, encapsulationKey).key();
    return encapsulate(newEncapsulator(ek, new FixedRandom(m)));
  }

  private EncapsulationKey encapsulationKey(Algorithm algorithm, byte[] raw) throws Exception {
    PublicKeyCache.Decoder<EncapsulationKey> decoder = bytes -> {
      PublicKey ek = KeyFactory.getInstance(jdkName(algorithm)).generatePublic(
          new X509EncodedKeySpec(PublicKeyEncoding.toSpki(algorithm, bytes)));
      return new EncapsulationKey(ek, newEncapsulator(ek, RANDOM));
    };
    PublicKeyCache<EncapsulationKey> cache = encapsulationKeys.get(algorithm);
    return cache == null ? decoder.decode(raw) : cache.get(raw, decoder);
  }

  private static Object newEncapsulator(PublicKey ek, SecureRandom random) throws Exception {
    try {
      return (Object) HANDLES.newEncapsulator.invokeExact(KEM != null ? KEM : kem(), ek, random);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static Encapsulation encapsulate(Object encapsulator) throws Exception {
    try {
      Object encapsulated = (Object) HANDLES.encapsulate.invokeExact(encapsulator);
      byte[] ciphertext = (byte[]) HANDLES.encapsulation.invokeExact(encapsulated);
      SecretKey key = (SecretKey) HANDLES.key.invokeExact(encapsulated);
      byte[] secret = key.getEncoded();
      try {
        return new Encapsulation(ciphertext, secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public byte[] decapsulate(Algorithm algorithm, byte[] seed, byte[] ciphertext)
      throws Exception {
    PreparedKey key = prepare(algorithm, seed);
    try {
      return key.decapsulate(ciphertext);
    } finally {
      key.destroy();
    }
  }

  @Override
  public PreparedKey prepare(Algorithm algorithm, byte[] seed) throws Exception {
    KeyPair pair = keyPair(algorithm, seed);
    byte[] publicKey = PublicKeyEncoding.toRaw(algorithm, pair.getPublic().getEncoded());
    Object decapsulator;
    try {
      decapsulator = (Object) HANDLES.newDecapsulator.invokeExact(KEM != null ? KEM : kem(),
          pair.getPrivate());
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    return new PreparedKey() {
      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] decapsulate(byte[] ciphertext) throws Exception {
        try {
          SecretKey key = (SecretKey) HANDLES.decapsulate.invokeExact(decapsulator, ciphertext);
          return key.getEncoded();
        } catch (Exception | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IllegalStateException(t);
        }
      }

      @Override
      public void destroy() {
        try {
          pair.getPrivate().destroy();
        } catch (javax.security.auth.DestroyFailedException | RuntimeException unsupported) {
          // the JDK's key objects cannot be destroyed; dropping the reference is what remains
        }
      }
    };
  }
}
