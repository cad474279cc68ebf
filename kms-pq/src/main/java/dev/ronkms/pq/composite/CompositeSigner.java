package dev.ronkms.pq.composite;

import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.pq.lane.PublicKeyCache;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Composite ML-DSA + Ed25519 signatures (draft-ietf-lamps-pq-composite-sigs;
 * {@link Algorithm#MLDSA44_ED25519} and {@link Algorithm#MLDSA65_ED25519}) on one ML-DSA lane and
 * one Ed25519 signer.
 *
 * <ul>
 *   <li>Seed (64 bytes): ML-DSA seed xi (32) || Ed25519 seed (32).</li>
 *   <li>Public key: ML-DSA public key || Ed25519 public key (32).</li>
 *   <li>Signature: ML-DSA.Sign(xi, M', ctx = Label) || Ed25519.Sign(seed, M'), with M' from
 *       {@link CompositeMessage#representative}.</li>
 * </ul>
 *
 * <p>Verification ({@link #verifyComponents}) checks every length first, then always checks
 * both halves over the same M' whatever the other's outcome; the Ed25519 half is checked by the
 * project's policy verifier ({@link Ed25519PublicKey}), never by the signing library. It is a
 * predicate: malformed input of any kind gives {@link ComponentVerdict#NEITHER}, never an
 * exception. The Ed25519 halves' decoded public keys are kept in a bounded cache keyed by
 * content ({@link PublicKeyCache}; public data only), as the JDK lane keeps its ML-DSA keys.
 * Thread-safe if the lane and signer are.
 */
public final class CompositeSigner {

  /** The length of the ML-DSA randomiser rnd. */
  public static final int RND_LENGTH = 32;

  private final MlDsaLane mlDsa;
  private final Ed25519Signer ed25519;
  private final PublicKeyCache<Ed25519PublicKey> edPublicKeys = new PublicKeyCache<>();

  /**
   * A composite signer on {@code mlDsa} and {@code ed25519}.
   *
   * @param mlDsa the ML-DSA lane both halves' ML-DSA work runs on
   * @param ed25519 the Ed25519 key derivation and signing (verification is always the policy
   *     verifier's)
   */
  @SuppressWarnings("exports") // the lanes are kms-pq internals; hosts use bouncyCastle()
  public CompositeSigner(MlDsaLane mlDsa, Ed25519Signer ed25519) {
    this.mlDsa = Objects.requireNonNull(mlDsa, "mlDsa");
    this.ed25519 = Objects.requireNonNull(ed25519, "ed25519");
  }

  /**
   * Composite signatures on Bouncy Castle throughout (ML-DSA and Ed25519 signing).
   *
   * @return composite signatures on Bouncy Castle throughout (ML-DSA and Ed25519 signing)
   */
  public static CompositeSigner bouncyCastle() {
    return new CompositeSigner(BcMlDsaLane.INSTANCE, Ed25519Signer.bouncyCastle());
  }

  /**
   * A short name for diagnostics, e.g. {@code bc+bc} (ML-DSA lane + Ed25519 signer).
   *
   * @return a short name for diagnostics, e.g
   */
  public String name() {
    return mlDsa.name() + "+" + ed25519.name();
  }

  /**
   * The composite public key of a 64-byte composite seed.
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @return the composite public key of a 64-byte composite seed
   * @throws IllegalArgumentException for a non-composite algorithm or a seed of another length
   * @throws Exception what the lane or the Ed25519 signer throws
   */
  public byte[] publicKey(Algorithm algorithm, byte[] seed) throws Exception {
    CompositeParameters p = CompositeParameters.of(algorithm);
    checkSeed(algorithm, seed);
    byte[] xi = Arrays.copyOfRange(seed, 0, CompositeParameters.ML_DSA_SEED_LENGTH);
    byte[] edSeed = Arrays.copyOfRange(seed, CompositeParameters.ML_DSA_SEED_LENGTH,
        seed.length);
    try {
      byte[] mlPk = mlDsa.publicKey(p.mlDsa(), xi);
      byte[] edPk = ed25519.publicKey(edSeed);
      if (mlPk.length != p.mlDsaPublicKeyLength()
          || edPk.length != CompositeParameters.ED25519_KEY_LENGTH) {
        throw new IllegalStateException("a component library returned a key of the wrong length");
      }
      return concat(mlPk, edPk);
    } finally {
      Arrays.fill(xi, (byte) 0);
      Arrays.fill(edSeed, (byte) 0);
    }
  }

  /**
   * The composite signature of {@code message} under {@code context} (null or empty for none):
   * the ML-DSA half with the 32-byte randomiser {@code rnd} (all zeros for the deterministic
   * variant, see {@link #randomiser}), then the Ed25519 half (deterministic by definition).
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @param message the message
   * @param context the context string (null or empty for none)
   * @param rnd the 32-byte ML-DSA randomiser
   * @return the composite signature of {@code message} under {@code context} (null or empty for
   *     none): the ML-DSA half with the 32-byte randomiser {@code rnd} (all zeros for the
   *     deterministic variant, see {@link #randomiser}), then the Ed25519 half (deterministic by
   *     definition)
   * @throws IllegalArgumentException for a non-composite algorithm, a seed that is not 64
   *     bytes, a null message, a context over 255 bytes or an rnd that is not 32 bytes
   * @throws Exception what the lane or the Ed25519 signer throws
   */
  public byte[] sign(Algorithm algorithm, byte[] seed, byte[] message, byte[] context,
      byte[] rnd) throws Exception {
    CompositeParameters p = CompositeParameters.of(algorithm);
    checkSeed(algorithm, seed);
    if (rnd == null || rnd.length != RND_LENGTH) {
      throw new IllegalArgumentException("rnd is " + RND_LENGTH + " bytes");
    }
    byte[] mPrime = CompositeMessage.representative(p, message, context);
    byte[] xi = Arrays.copyOfRange(seed, 0, CompositeParameters.ML_DSA_SEED_LENGTH);
    byte[] edSeed = Arrays.copyOfRange(seed, CompositeParameters.ML_DSA_SEED_LENGTH,
        seed.length);
    try {
      byte[] mlSig = mlDsa.sign(p.mlDsa(), xi, mPrime, p.label(), rnd);
      byte[] edSig = ed25519.sign(edSeed, mPrime);
      if (mlSig.length != p.mlDsaSignatureLength()
          || edSig.length != CompositeParameters.ED25519_SIGNATURE_LENGTH) {
        throw new IllegalStateException(
            "a component library returned a signature of the wrong length");
      }
      return concat(mlSig, edSig);
    } finally {
      Arrays.fill(xi, (byte) 0);
      Arrays.fill(edSeed, (byte) 0);
    }
  }

  /**
   * A composite private key prepared once for many signatures: the ML-DSA half through the
   * lane's {@link MlDsaLane#prepare} (the expanded key is kept), the Ed25519 seed copied with
   * its public key derived once and handed to every Ed25519 signature
   * ({@link Ed25519Signer#sign(byte[], byte[], byte[])}). Signs exactly as {@link #sign} with
   * the same seed.
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @return a composite private key prepared once for many signatures: the ML-DSA half through the
   *     lane's {@link MlDsaLane#prepare} (the expanded key is kept), the Ed25519 seed copied with
   *     its public key derived once and handed to every Ed25519 signature ({@link
   *     Ed25519Signer#sign(byte[], byte[], byte[])})
   * @throws IllegalArgumentException for a non-composite algorithm or a seed of another length
   * @throws Exception what the lane or the Ed25519 signer throws
   */
  public PreparedKey prepare(Algorithm algorithm, byte[] seed) throws Exception {
    CompositeParameters p = CompositeParameters.of(algorithm);
    checkSeed(algorithm, seed);
    byte[] xi = Arrays.copyOfRange(seed, 0, CompositeParameters.ML_DSA_SEED_LENGTH);
    byte[] edSeed = Arrays.copyOfRange(seed, CompositeParameters.ML_DSA_SEED_LENGTH,
        seed.length);
    MlDsaLane.PreparedKey ml;
    try {
      ml = mlDsa.prepare(p.mlDsa(), xi);
    } finally {
      Arrays.fill(xi, (byte) 0);
    }
    byte[] edPublicKey;
    byte[] publicKey;
    try {
      edPublicKey = ed25519.publicKey(edSeed);
      publicKey = concat(ml.publicKey(), edPublicKey);
    } catch (Exception e) {
      ml.destroy();
      Arrays.fill(edSeed, (byte) 0);
      throw e;
    }
    return new PreparedKey(p, ml, edSeed, edPublicKey, publicKey);
  }

  /** A composite private key prepared by {@link #prepare}; thread-safe until destroyed. */
  public final class PreparedKey {
    private final CompositeParameters parameters;
    private final MlDsaLane.PreparedKey mlDsaKey;
    private final byte[] edSeed;
    private final byte[] edPublicKey;
    private final byte[] publicKey;

    private PreparedKey(CompositeParameters parameters, MlDsaLane.PreparedKey mlDsaKey,
        byte[] edSeed, byte[] edPublicKey, byte[] publicKey) {
      this.parameters = parameters;
      this.mlDsaKey = mlDsaKey;
      this.edSeed = edSeed;
      this.edPublicKey = edPublicKey;
      this.publicKey = publicKey;
    }

    /**
     * The composite public key (a copy).
     *
     * @return the composite public key (a copy)
     */
    public byte[] publicKey() {
      return publicKey.clone();
    }

    /**
     * As {@link CompositeSigner#sign} with this key.
     *
     * @param message the message
     * @param context the context string (null or empty for none)
     * @param rnd the 32-byte ML-DSA randomiser
     * @return as {@link CompositeSigner#sign} with this key
     * @throws IllegalArgumentException for a null message, a context over 255 bytes or an rnd
     *     that is not 32 bytes
     * @throws Exception if the underlying library fails
     */
    public byte[] sign(byte[] message, byte[] context, byte[] rnd) throws Exception {
      if (rnd == null || rnd.length != RND_LENGTH) {
        throw new IllegalArgumentException("rnd is " + RND_LENGTH + " bytes");
      }
      byte[] mPrime = CompositeMessage.representative(parameters, message, context);
      byte[] mlSig = mlDsaKey.sign(mPrime, parameters.label(), rnd);
      byte[] edSig = ed25519.sign(edSeed, edPublicKey, mPrime);
      if (mlSig.length != parameters.mlDsaSignatureLength()
          || edSig.length != CompositeParameters.ED25519_SIGNATURE_LENGTH) {
        throw new IllegalStateException(
            "a component library returned a signature of the wrong length");
      }
      return concat(mlSig, edSig);
    }

    /** Drops the key material where the libraries allow it; the key is not used after. */
    public void destroy() {
      mlDsaKey.destroy();
      Arrays.fill(edSeed, (byte) 0);
    }
  }

  /**
   * What each half of {@code signature} says about {@code message} and {@code context} (null or
   * empty for none) under the composite {@code publicKey}. Lengths are checked first (public
   * key and signature of the algorithm's exact length, context at most 255 bytes, no null
   * message); if any is wrong, or the algorithm is not a composite, the answer is
   * {@link ComponentVerdict#NEITHER}. Otherwise both halves are checked, each over M'. Never
   * throws.
   *
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @param message the message
   * @param signature the signature bytes
   * @param context the context string (null or empty for none)
   * @return what each half of {@code signature} says about {@code message} and {@code context}
   *     (null or empty for none) under the composite {@code publicKey}
   */
  public ComponentVerdict verifyComponents(Algorithm algorithm, byte[] publicKey,
      byte[] message, byte[] signature, byte[] context) {
    CompositeParameters p = CompositeParameters.find(algorithm).orElse(null);
    if (p == null || publicKey == null || message == null || signature == null
        || publicKey.length != algorithm.publicKeyLength()
        || signature.length != algorithm.outputLength()
        || (context != null && context.length > CompositeMessage.MAX_CONTEXT_LENGTH)) {
      return ComponentVerdict.NEITHER;
    }
    int mlPkLen = p.mlDsaPublicKeyLength();
    int mlSigLen = p.mlDsaSignatureLength();
    byte[] mPrime = CompositeMessage.representative(p, message, context);
    byte[] mlPk = Arrays.copyOfRange(publicKey, 0, mlPkLen);
    byte[] edPk = Arrays.copyOfRange(publicKey, mlPkLen, publicKey.length);
    byte[] mlSig = Arrays.copyOfRange(signature, 0, mlSigLen);
    byte[] edSig = Arrays.copyOfRange(signature, mlSigLen, signature.length);
    boolean postQuantum = verifyMlDsa(p, mlPk, mPrime, mlSig);
    Ed25519PublicKey edKey = edPublicKey(edPk);
    boolean traditional = edKey != null && edKey.verify(mPrime, edSig);
    return new ComponentVerdict(postQuantum, traditional);
  }

  /**
   * True when both halves verify ({@link #verifyComponents} {@code .both()}).
   *
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @param message the message
   * @param signature the signature bytes
   * @param context the context string (null or empty for none)
   * @return true when both halves verify ({@link #verifyComponents} {@code .both()})
   */
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature, byte[] context) {
    return verifyComponents(algorithm, publicKey, message, signature, context).both();
  }

  /**
   * The ML-DSA randomiser for {@code variant}: 32 zero bytes for
   * {@link SignatureVariant#DETERMINISTIC}, 32 bytes from {@code random} otherwise (hedged).
   *
   * @param variant the signature variant
   * @param random the source of randomness
   * @return the ML-DSA randomiser for {@code variant}: 32 zero bytes for {@link
   *     SignatureVariant#DETERMINISTIC}, 32 bytes from {@code random} otherwise (hedged)
   */
  public static byte[] randomiser(SignatureVariant variant, SecureRandom random) {
    byte[] rnd = new byte[RND_LENGTH];
    if (variant != SignatureVariant.DETERMINISTIC) {
      random.nextBytes(rnd);
    }
    return rnd;
  }

  /** The decoded Ed25519 half, or null when the policy refuses it (never cached). */
  private Ed25519PublicKey edPublicKey(byte[] edPk) {
    try {
      return edPublicKeys.get(edPk, bytes -> Ed25519PublicKey.tryDecode(bytes).orElse(null));
    } catch (Exception e) {
      return null;
    }
  }

  /** The Ed25519 decoded-key cache (tests). */
  int cachedEd25519Keys() {
    return edPublicKeys.size();
  }

  private boolean verifyMlDsa(CompositeParameters p, byte[] mlPk, byte[] mPrime, byte[] mlSig) {
    try {
      return mlDsa.verify(p.mlDsa(), mlPk, mPrime, p.label(), mlSig);
    } catch (Exception e) {
      return false; // a library that throws on a valid-length input has not verified it
    }
  }

  private static void checkSeed(Algorithm algorithm, byte[] seed) {
    if (seed == null || seed.length != algorithm.seedLength()) {
      throw new IllegalArgumentException("an " + algorithm.id() + " seed is "
          + algorithm.seedLength() + " bytes");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public String toString() {
    return "CompositeSigner[" + name() + "]";
  }
}
