package dev.ronkms.pq;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.PublicKeyCheck;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.pq.composite.CompositeSigner;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.pq.lane.MlKemLane;
import dev.ronkms.spi.CompositeSignatureProvider;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SigningParameters;
import dev.ronkms.spi.SoftwareSignatureProvider;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the two post-quantum providers share: ML-DSA signatures and ML-KEM encapsulation on one
 * {@link MlDsaLane} and one {@link MlKemLane}, with private keys kept as seeds only (xi, 32
 * bytes; d||z, 64 bytes) and every length checked before a lane sees a byte.
 *
 * <ul>
 *   <li>Signing honours the context string and the key's variant: {@code HEDGED} draws the
 *       32-byte rnd from {@link SecureRandom}, {@code DETERMINISTIC} uses 32 zero bytes.</li>
 *   <li>{@code verify} is a predicate: null, an algorithm not served, a public key, signature or
 *       context of the wrong length give false, as does anything the library throws.</li>
 *   <li>{@code encapsulate} refuses an encapsulation key of the wrong length or one failing the
 *       FIPS 203 modulus check ({@code MALFORMED_KEY}); {@code decapsulate} a ciphertext of the
 *       wrong length ({@code MALFORMED_CIPHERTEXT}).</li>
 *   <li>An expanded private key offered on import is validated and then refused: inconsistent
 *       gives {@code MALFORMED_KEY} naming the failed check, consistent gives
 *       {@code UNSUPPORTED_OPERATION} (only seeds are kept, and an expanded key cannot give its
 *       seed back).</li>
 *   <li>The library key object prepared from a seed is kept per handle ({@link PreparedKeys}:
 *       bounded, dropped when the handle closes), so an operation does not expand the key
 *       again.</li>
 * </ul>
 */
abstract class PqProvider extends SoftwareSignatureProvider
    implements KemProvider, CompositeSignatureProvider {
  static final Set<Algorithm> ML_DSA = Set.of(Algorithm.ML_DSA_44, Algorithm.ML_DSA_65,
      Algorithm.ML_DSA_87);
  static final Set<Algorithm> ML_KEM = Set.of(Algorithm.ML_KEM_512, Algorithm.ML_KEM_768,
      Algorithm.ML_KEM_1024);
  static final Set<Algorithm> COMPOSITE = Set.of(Algorithm.MLDSA44_ED25519,
      Algorithm.MLDSA65_ED25519);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ZEROS = new byte[32];
  private static final byte[] EMPTY = new byte[0];

  private final MlDsaLane dsa;
  private final MlKemLane kem;
  private final CompositeSigner composite;
  private final PreparedKeys<MlDsaLane.PreparedKey> dsaKeys =
      new PreparedKeys<>(MlDsaLane.PreparedKey::destroy);
  private final PreparedKeys<MlKemLane.PreparedKey> kemKeys =
      new PreparedKeys<>(MlKemLane.PreparedKey::destroy);
  private final PreparedKeys<CompositeSigner.PreparedKey> compositeKeys =
      new PreparedKeys<>(CompositeSigner.PreparedKey::destroy);

  PqProvider(String name, int priority, Set<Algorithm> algorithms, MlDsaLane dsa,
      MlKemLane kem, CompositeSigner composite) {
    super(name, priority, algorithms);
    this.dsa = dsa;
    this.kem = kem;
    this.composite = composite;
  }

  /**
   * The algorithms the lanes' library has: its ML-DSA and ML-KEM parameter sets, and each
   * composite whose ML-DSA parameter set is among them.
   */
  static Set<Algorithm> served(Set<Algorithm> dsaAlgorithms, Set<Algorithm> kemAlgorithms) {
    Set<Algorithm> out = EnumSet.noneOf(Algorithm.class);
    out.addAll(dsaAlgorithms);
    out.addAll(kemAlgorithms);
    if (dsaAlgorithms.contains(Algorithm.ML_DSA_44)) {
      out.add(Algorithm.MLDSA44_ED25519);
    }
    if (dsaAlgorithms.contains(Algorithm.ML_DSA_65)) {
      out.add(Algorithm.MLDSA65_ED25519);
    }
    return out;
  }

  /** The ML-DSA lane this provider signs on (the composite signer uses it too). */
  MlDsaLane mlDsaLane() {
    return dsa;
  }

  /** The ML-KEM lane this provider encapsulates on. */
  MlKemLane mlKemLane() {
    return kem;
  }

  /** Keys prepared per handle (tests). */
  int preparedKeys() {
    return dsaKeys.size() + kemKeys.size() + compositeKeys.size();
  }

  @Override
  protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed) throws Exception {
    if (ML_DSA.contains(algorithm)) {
      MlDsaLane.PreparedKey prepared = dsa.prepare(algorithm, seed);
      dsaKeys.put(seed, prepared);
      return prepared.publicKey();
    }
    if (ML_KEM.contains(algorithm)) {
      MlKemLane.PreparedKey prepared = kem.prepare(algorithm, seed);
      kemKeys.put(seed, prepared);
      return prepared.publicKey();
    }
    if (COMPOSITE.contains(algorithm)) {
      CompositeSigner.PreparedKey prepared = composite.prepare(algorithm, seed);
      compositeKeys.put(seed, prepared);
      return prepared.publicKey();
    }
    throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "provider " + name()
        + " does not serve " + algorithm.id());
  }

  @Override
  protected void seedClosed(byte[] seed) {
    dsaKeys.drop(seed);
    kemKeys.drop(seed);
    compositeKeys.drop(seed);
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) throws Exception {
    return signWithSeed(algorithm, seed, publicKey, message, SigningParameters.deterministic());
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message, SigningParameters parameters) throws Exception {
    if (COMPOSITE.contains(algorithm)) {
      return compositeKeys.get(seed, s -> composite.prepare(algorithm, s))
          .sign(message, parameters.context(), rnd(parameters.variant()));
    }
    if (!ML_DSA.contains(algorithm)) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "an " + algorithm.id()
          + " key does not sign");
    }
    byte[] rnd = rnd(parameters.variant());
    byte[] context = parameters.contextLength() == 0 ? EMPTY : parameters.context();
    MlDsaLane.PreparedKey key = dsaKeys.get(seed, s -> dsa.prepare(algorithm, s));
    return key.sign(message, context, rnd);
  }

  static byte[] rnd(SignatureVariant variant) {
    if (variant == SignatureVariant.DETERMINISTIC) {
      return ZEROS.clone();
    }
    byte[] rnd = new byte[32];
    RANDOM.nextBytes(rnd);
    return rnd;
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return verify(algorithm, publicKey, message, signature, EMPTY);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature, byte[] context) {
    byte[] ctx = context == null ? EMPTY : context;
    if (algorithm != null && COMPOSITE.contains(algorithm)) {
      return algorithms().contains(algorithm)
          && verifyComponents(algorithm, publicKey, message, signature, ctx).both();
    }
    if (algorithm == null || !ML_DSA.contains(algorithm) || !algorithms().contains(algorithm)
        || publicKey == null || message == null || signature == null
        || publicKey.length != algorithm.publicKeyLength()
        || signature.length != algorithm.outputLength()
        || ctx.length > Algorithm.MAX_CONTEXT_LENGTH) {
      return false;
    }
    try {
      return dsa.verify(algorithm, publicKey, message, ctx, signature);
    } catch (Exception | LinkageError e) {
      return false;
    }
  }

  @Override
  public ComponentVerdict verifyComponents(Algorithm algorithm, byte[] publicKey,
      byte[] message, byte[] signature, byte[] context) {
    if (algorithm == null || !COMPOSITE.contains(algorithm)
        || !algorithms().contains(algorithm)) {
      return ComponentVerdict.NEITHER;
    }
    try {
      return composite.verifyComponents(algorithm, publicKey, message, signature, context);
    } catch (RuntimeException | LinkageError e) {
      return ComponentVerdict.NEITHER;
    }
  }

  @Override
  public Encapsulation encapsulate(Algorithm algorithm, byte[] publicKey) {
    if (algorithm == null || !ML_KEM.contains(algorithm) || !algorithms().contains(algorithm)) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "provider " + name()
          + " does not encapsulate " + (algorithm == null ? "null" : algorithm.id()));
    }
    if (publicKey == null || publicKey.length != algorithm.publicKeyLength()) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an " + algorithm.id()
          + " encapsulation key is " + algorithm.publicKeyLength() + " bytes, got "
          + (publicKey == null ? "null" : publicKey.length + " bytes"));
    }
    if (!PublicKeyCheck.accepts(algorithm, publicKey)) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "the " + algorithm.id()
          + " encapsulation key fails " + PublicKeyCheck.describe(algorithm));
    }
    try {
      return kem.encapsulate(algorithm, publicKey);
    } catch (KmsException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
          + " failed to encapsulate: " + e.getClass().getName());
    }
  }

  @Override
  public byte[] decapsulate(PrivateKeyHandle key, byte[] ciphertext) {
    return withKey(key, "decapsulate", (algorithm, seed) -> {
      if (!ML_KEM.contains(algorithm)) {
        throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "an " + algorithm.id()
            + " key does not decapsulate");
      }
      if (ciphertext == null || ciphertext.length != algorithm.outputLength()) {
        throw new KmsException(ErrorCode.MALFORMED_CIPHERTEXT, "an " + algorithm.id()
            + " ciphertext is " + algorithm.outputLength() + " bytes, got "
            + (ciphertext == null ? "null" : ciphertext.length + " bytes"));
      }
      return kemKeys.get(seed, s -> kem.prepare(algorithm, s)).decapsulate(ciphertext);
    });
  }

  @Override
  protected void refuseOtherForm(Algorithm algorithm, byte[] material) {
    if (ML_KEM.contains(algorithm) && material.length == MlKemExpanded.expandedLength(algorithm)) {
      MlKemExpanded.check(algorithm, material);
      throw seedsOnly(algorithm, "the 64-byte seed d||z");
    }
    if (ML_DSA.contains(algorithm) && material.length == MlDsaExpanded.expandedLength(algorithm)) {
      MlDsaExpanded.check(algorithm, material);
      throw seedsOnly(algorithm, "the 32-byte seed xi");
    }
  }

  private static KmsException seedsOnly(Algorithm algorithm, String seed) {
    return new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "this is a valid expanded "
        + algorithm.id() + " private key, but kms keeps seeds only; import " + seed);
  }
}
