package dev.ronkms.pq.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.PublicKeyCheck;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.providers.Providers;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.seal.RollbackContext;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.Sealer;
import java.util.List;

/**
 * Seals to a recipient's ML-KEM public key without a key manager: a host that has only the
 * recipient's encapsulation key (and, ideally, its key id) seals secrets that only the holder of
 * the private key opens. The envelope is the {@link KemEnvelope} format, the one
 * {@code Kms.seal} writes for ML-KEM keys.
 *
 * <ul>
 *   <li>{@link #toKey(KeyId, byte[])}: the envelope names the recipient's key id (without
 *       version) and the version, exactly as {@code Kms.seal} would, so the recipient opens it
 *       with {@code Kms.open} or {@code Kms.sealer(key).open} (and reseals it there);</li>
 *   <li>{@link #toPublicKey(Algorithm, byte[])}: the envelope names the key by its fingerprint
 *       ({@code sha256:<hex>} of the encapsulation key, version 0); the recipient opens it with
 *       {@code Kms.sealer(key).open} of the key holding that public key ({@code Kms.open}, which
 *       cannot tell the key, refuses it).</li>
 * </ul>
 *
 * <p>The encapsulation key is validated with {@link PublicKeyCheck} (length and the FIPS 203
 * modulus check; {@code MALFORMED_KEY} otherwise). The KEM provider is, unless given with
 * {@link #withProvider}, the one a {@code Kms} would select for the algorithm: found with
 * {@link java.util.ServiceLoader} through {@link Providers} (the {@code kms.provider.<alg>}
 * property, else the highest priority), on first use. Envelopes are stamped by an
 * anti-rollback policy in the context {@code RollbackContext.of(reference, associatedData)},
 * the one the recipient checks; by default {@link AntiRollback#counter()} in this object's
 * memory (a recipient under its default counter policy refuses an unstamped envelope, and
 * refuses a counter lower than one it saw: a host that restarts needs a durable
 * {@code AntiRollback.counter(CounterStore)} or {@code timeWindow}, see
 * {@link #withAntiRollback}).
 *
 * <p>{@link #open} and {@link #reseal} throw {@code NO_PRIVATE_KEY}: this sealer holds no
 * private key. Immutable and thread-safe; no secret in any message or {@code toString}.
 */
public final class KemSealer implements Sealer {
  private final Algorithm algorithm;
  private final byte[] encapsulationKey;
  private final String reference; // written in envelopes: unversioned key id or fingerprint
  private final int version; // 0 with a fingerprint
  private final String displayReference; // keyReference(): versioned key id or fingerprint
  private final AntiRollback antiRollback;
  private final KemProvider explicitProvider;
  private volatile KemProvider discovered;

  private KemSealer(Algorithm algorithm, byte[] encapsulationKey, String reference, int version,
      String displayReference, AntiRollback antiRollback, KemProvider provider) {
    this.algorithm = algorithm;
    this.encapsulationKey = encapsulationKey;
    this.reference = reference;
    this.version = version;
    this.displayReference = displayReference;
    this.antiRollback = antiRollback;
    this.explicitProvider = provider;
  }

  /**
   * A sealer to the bare encapsulation key {@code encapsulationKey} of the ML-KEM
   * {@code algorithm}; envelopes name it by fingerprint.
   *
   * @param algorithm the algorithm
   * @param encapsulationKey the ML-KEM encapsulation key
   * @return a sealer to the bare encapsulation key {@code encapsulationKey} of the ML-KEM {@code
   *     algorithm}; envelopes name it by fingerprint
   * @throws KmsException {@code UNSUPPORTED_ALGORITHM} (null or not ML-KEM),
   *     {@code MALFORMED_KEY} (wrong length, fails the modulus check)
   */
  public static KemSealer toPublicKey(Algorithm algorithm, byte[] encapsulationKey) {
    byte[] ek = checkedKey(algorithm, encapsulationKey);
    String fingerprint = KemEnvelope.fingerprint(ek);
    return new KemSealer(algorithm, ek, fingerprint, 0, fingerprint, AntiRollback.counter(),
        null);
  }

  /**
   * A sealer to the recipient key version {@code version} (a versioned ML-KEM key id, for
   * example what {@code Kms.encapsulate(key).keyId()} or the recipient's attestation names),
   * whose encapsulation key is {@code encapsulationKey}; envelopes name the key id and version,
   * so the recipient's {@code Kms.open} opens them. A key that is not the version's public key
   * gives envelopes the recipient refuses ({@code TAMPERED}).
   *
   * @param version a versioned key id, naming one version
   * @param encapsulationKey the ML-KEM encapsulation key
   * @return a sealer to the recipient key version {@code version} (a versioned ML-KEM key id, for
   *     example what {@code Kms.encapsulate(key).keyId()} or the recipient's attestation names),
   *     whose encapsulation key is {@code encapsulationKey}; envelopes name the key id and version,
   *     so the recipient's {@code Kms.open} opens them
   * @throws KmsException {@code INVALID_KEY_ID} (null), {@code VERSION_REQUIRED},
   *     {@code UNSUPPORTED_OPERATION} (not a KEM key id), {@code MALFORMED_KEY}
   */
  public static KemSealer toKey(KeyId version, byte[] encapsulationKey) {
    if (version == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    if (!version.hasVersion()) {
      throw new KmsException(ErrorCode.VERSION_REQUIRED, version + " names no version; add /vN");
    }
    if (version.algorithm().kind() != Algorithm.Kind.KEM) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "an " + version.algorithm().id()
          + " key is not a KEM key; only KEM keys are sealed to");
    }
    byte[] ek = checkedKey(version.algorithm(), encapsulationKey);
    return new KemSealer(version.algorithm(), ek, version.unversioned().format(),
        version.version(), version.format(), AntiRollback.counter(), null);
  }

  /**
   * This sealer with {@code provider} doing the encapsulation (it must serve the algorithm).
   *
   * @param provider the provider
   * @return this sealer with {@code provider} doing the encapsulation (it must serve the algorithm)
   */
  public KemSealer withProvider(KemProvider provider) {
    if (provider == null || !provider.algorithms().contains(algorithm)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the provider must serve "
          + algorithm.id());
    }
    return new KemSealer(algorithm, encapsulationKey, reference, version, displayReference,
        antiRollback, provider);
  }

  /**
   * This sealer stamping envelopes with {@code policy} (the recipient must accept its kind).
   *
   * @param policy the policy
   * @return this sealer stamping envelopes with {@code policy} (the recipient must accept its kind)
   */
  public KemSealer withAntiRollback(AntiRollback policy) {
    if (policy == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "anti-rollback policy is null");
    }
    return new KemSealer(algorithm, encapsulationKey, reference, version, displayReference,
        policy, explicitProvider);
  }

  /** The KEM algorithm id, for example {@code ml-kem-768}. */
  @Override
  public String algorithm() {
    return algorithm.id();
  }

  /** The versioned key id sealed to, or the encapsulation key's fingerprint. */
  @Override
  public String keyReference() {
    return displayReference;
  }

  /**
   * The encapsulation key sealed to (a copy).
   *
   * @return the encapsulation key sealed to (a copy)
   */
  public byte[] encapsulationKey() {
    return encapsulationKey.clone();
  }

  /**
   * Seals {@code plaintext} to the recipient under {@code associatedData} (empty for none).
   *
   * @throws KmsException {@code INVALID_ARGUMENT} (null data), {@code NO_PROVIDER} (no KEM
   *     provider for the algorithm), {@code BACKEND_FAILURE}
   */
  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    if (plaintext == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, (plaintext == null ? "plaintext"
          : "associated data") + " is null (use an empty array for none)");
    }
    KemProvider provider = provider();
    long stamp = antiRollback == AntiRollback.disabled() ? 0
        : antiRollback.stamp(RollbackContext.of(reference, associatedData));
    return KemEnvelope.seal(provider, algorithm, encapsulationKey, reference, version,
        antiRollback.kind(), stamp, plaintext, associatedData);
  }

  /** @throws KmsException {@code NO_PRIVATE_KEY}, always: this sealer holds no private key */
  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    throw noPrivateKey();
  }

  /** @throws KmsException {@code NO_PRIVATE_KEY}, always */
  @Override
  public byte[] reseal(byte[] sealed, byte[] associatedData) {
    throw noPrivateKey();
  }

  @Override
  public String toString() {
    return "KemSealer[" + displayReference + ", " + algorithm.id() + "]";
  }

  private KmsException noPrivateKey() {
    return new KmsException(ErrorCode.NO_PRIVATE_KEY, "a KemSealer seals to the public key "
        + displayReference + " and holds no private key; the recipient opens with its Kms");
  }

  private KemProvider provider() {
    if (explicitProvider != null) {
      return explicitProvider;
    }
    KemProvider p = discovered;
    if (p == null) {
      List<KemProvider> found = Providers.discover(KemProvider.class,
          KemSealer.class.getClassLoader());
      found.removeIf(k -> !k.algorithms().contains(algorithm));
      p = Providers.select(algorithm.id(), found, null, algorithm.moduleHint());
      discovered = p;
    }
    return p;
  }

  private static byte[] checkedKey(Algorithm algorithm, byte[] encapsulationKey) {
    if (algorithm == null || algorithm.kind() != Algorithm.Kind.KEM) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, (algorithm == null ? "null"
          : algorithm.id()) + " is not an ML-KEM algorithm");
    }
    if (!PublicKeyCheck.accepts(algorithm, encapsulationKey)) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "not an " + algorithm.id()
          + " encapsulation key: " + algorithm.publicKeyLength() + " bytes passing "
          + PublicKeyCheck.describe(algorithm) + " expected");
    }
    return encapsulationKey.clone();
  }
}
