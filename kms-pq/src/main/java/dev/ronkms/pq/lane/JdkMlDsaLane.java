package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.PublicKeyEncoding;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * ML-DSA on the JDK's own implementation (JDK 24+, provider "SUN"), through APIs that exist in
 * Java 17 so the class compiles on release 17 ({@code KeyPairGenerator}, {@code Signature},
 * {@code KeyFactory} by name; {@link NamedParameterSpec} built from its name).
 *
 * <p>What the JDK does and how this lane bridges the rest (measured on JDK 25.0.3):
 * <ul>
 *   <li>Key from a seed: {@code KeyPairGenerator("ML-DSA-65")} draws exactly the 32 bytes of xi
 *       from the {@code SecureRandom} given to {@code initialize}, so a {@link FixedRandom}
 *       holding xi gives KeyGen_internal(xi). (JDK 25 encodes the private key in its expanded
 *       PKCS#8 form only; the key object is kept in memory and never encoded.)</li>
 *   <li>Deterministic and given-rnd signing: {@code Signature.initSign(key, random)} draws the
 *       32-byte rnd from {@code random}, so a {@link FixedRandom} holding zeros (or the given rnd)
 *       signs exactly as FIPS 204 with that rnd.</li>
 *   <li>Context strings: the JDK's "ML-DSA" signature takes no parameters
 *       ({@code setParameter} throws "does not take any parameters"), so it signs and verifies
 *       with the empty context only. A call with a non-empty context goes to
 *       {@link BcMlDsaLane} for that call; both compute FIPS 204 algorithm 2/3, so the answer
 *       is the same (the lane parity tests check it).</li>
 *   <li>Verification: the JDK {@link PublicKey} decoded from the raw bytes (SPKI encoding,
 *       {@code KeyFactory.generatePublic}) is kept in a bounded {@link PublicKeyCache} per
 *       parameter set, keyed by the bytes' content, and each thread reuses one
 *       {@code Signature} for verifying ({@code initVerify} resets it; it holds public keys
 *       only). Signing makes its {@code Signature} per call, so no thread keeps a private key
 *       reachable.</li>
 * </ul>
 */
public final class JdkMlDsaLane implements MlDsaLane {
  private static final Set<Algorithm> SUPPORTED = probe();

  private static final ThreadLocal<Signature> VERIFIER = ThreadLocal.withInitial(() -> {
    try {
      return Signature.getInstance("ML-DSA");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private final BcMlDsaLane fallback = BcMlDsaLane.INSTANCE;
  private final Map<Algorithm, PublicKeyCache<PublicKey>> publicKeys =
      new EnumMap<>(Algorithm.class);

  /**
   * @throws IllegalStateException when this JDK has no ML-DSA (before JDK 24)
   */
  public JdkMlDsaLane() {
    if (SUPPORTED.isEmpty()) {
      throw new IllegalStateException("this JDK (" + System.getProperty("java.version")
          + ") has no ML-DSA; the JDK lane needs JDK 24 or later");
    }
    for (Algorithm a : SUPPORTED) {
      publicKeys.put(a, new PublicKeyCache<>());
    }
  }

  /** The decoded-key cache of {@code algorithm} (tests). */
  PublicKeyCache<PublicKey> publicKeyCache(Algorithm algorithm) {
    return publicKeys.get(algorithm);
  }

  private PublicKey decodedPublicKey(Algorithm algorithm, byte[] raw) throws Exception {
    PublicKeyCache<PublicKey> cache = publicKeys.get(algorithm);
    PublicKeyCache.Decoder<PublicKey> decoder = bytes -> KeyFactory.getInstance(
        jdkName(algorithm)).generatePublic(
            new X509EncodedKeySpec(PublicKeyEncoding.toSpki(algorithm, bytes)));
    return cache == null ? decoder.decode(raw) : cache.get(raw, decoder);
  }

  /** The ML-DSA parameter sets this JDK implements (empty before JDK 24). */
  public static Set<Algorithm> supported() {
    return SUPPORTED;
  }

  @Override
  public String name() {
    return "jdk";
  }

  static String jdkName(Algorithm algorithm) {
    return ParameterSets.mlDsa(algorithm, "ML-DSA-44", "ML-DSA-65", "ML-DSA-87");
  }

  private static Set<Algorithm> probe() {
    Set<Algorithm> out = EnumSet.noneOf(Algorithm.class);
    for (Algorithm a : ParameterSets.ML_DSA) {
      try {
        KeyPairGenerator.getInstance(jdkName(a));
        Signature.getInstance("ML-DSA");
        KeyFactory.getInstance(jdkName(a));
        out.add(a);
      } catch (Exception | LinkageError absent) {
        // not on this JDK
      }
    }
    return Set.copyOf(out);
  }

  private static KeyPair keyPair(Algorithm algorithm, byte[] xi) throws Exception {
    String name = jdkName(algorithm);
    KeyPairGenerator generator = KeyPairGenerator.getInstance(name);
    generator.initialize(new NamedParameterSpec(name), new FixedRandom(xi));
    return generator.generateKeyPair();
  }

  @Override
  public byte[] publicKey(Algorithm algorithm, byte[] xi) throws Exception {
    return PublicKeyEncoding.toRaw(algorithm, keyPair(algorithm, xi).getPublic().getEncoded());
  }

  @Override
  public byte[] sign(Algorithm algorithm, byte[] xi, byte[] message, byte[] context,
      byte[] rnd) throws Exception {
    if (context != null && context.length != 0) {
      return fallback.sign(algorithm, xi, message, context, rnd);
    }
    return sign(keyPair(algorithm, xi).getPrivate(), message, rnd);
  }

  private static byte[] sign(PrivateKey key, byte[] message, byte[] rnd) throws Exception {
    Signature signer = Signature.getInstance("ML-DSA");
    signer.initSign(key, new FixedRandom(rnd));
    signer.update(message);
    return signer.sign();
  }

  @Override
  public PreparedKey prepare(Algorithm algorithm, byte[] xi) throws Exception {
    KeyPair pair = keyPair(algorithm, xi);
    byte[] publicKey = PublicKeyEncoding.toRaw(algorithm, pair.getPublic().getEncoded());
    byte[] seed = xi.clone();
    return new PreparedKey() {
      private volatile PreparedKey bc;

      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] sign(byte[] message, byte[] context, byte[] rnd) throws Exception {
        if (context != null && context.length != 0) {
          return bcKey().sign(message, context, rnd);
        }
        return JdkMlDsaLane.sign(pair.getPrivate(), message, rnd);
      }

      private PreparedKey bcKey() throws Exception {
        PreparedKey k = bc;
        if (k == null) {
          synchronized (this) {
            k = bc;
            if (k == null) {
              k = fallback.prepare(algorithm, seed);
              bc = k;
            }
          }
        }
        return k;
      }

      @Override
      public void destroy() {
        Arrays.fill(seed, (byte) 0);
        PreparedKey k = bc;
        if (k != null) {
          k.destroy();
        }
        try {
          pair.getPrivate().destroy();
        } catch (javax.security.auth.DestroyFailedException | RuntimeException unsupported) {
          // the JDK's key objects cannot be destroyed; dropping the reference is what remains
        }
      }
    };
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message, byte[] context,
      byte[] signature) {
    if (context != null && context.length != 0) {
      return fallback.verify(algorithm, publicKey, message, context, signature);
    }
    try {
      PublicKey key = decodedPublicKey(algorithm, publicKey);
      Signature verifier = VERIFIER.get();
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (Exception e) {
      return false;
    }
  }
}
