package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * The part every software key provider shares, whatever its primitive: private material drawn
 * from {@link SecureRandom}, held as {@link SecretSeed}s bound once to the public key (or key
 * check value) derived from them, length-checked on import, zeroised when deriving fails, lent
 * to the library for the duration of one call only, and sealed with a {@link Sealer} as the one
 * way it leaves the provider. {@link SoftwareSignatureProvider} and
 * {@link SoftwareSealingProvider} build on it.
 *
 * <p>Guarantees: a handle that a provider of another class or name made is refused with
 * {@code PROVIDER_MISMATCH}, a closed one with {@code VERSION_DESTROYED}; no key byte reaches
 * an exception message; a library failure becomes {@code BACKEND_FAILURE}.
 */
public abstract class SoftwareKeyProvider implements KeyProvider {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final int priority;
  private final Set<Algorithm> algorithms;

  /**
   * A provider serving {@code algorithms}.
   *
   * @param name the provider's stable lowercase name, for example {@code bc}
   * @param priority its selection priority (highest wins)
   * @param algorithms the algorithms it serves (not empty)
   */
  protected SoftwareKeyProvider(String name, int priority, Set<Algorithm> algorithms) {
    if (name == null || name.isEmpty() || algorithms == null || algorithms.isEmpty()) {
      throw new IllegalArgumentException("a provider has a name and serves an algorithm");
    }
    this.name = name;
    this.priority = priority;
    this.algorithms = Set.copyOf(algorithms);
  }

  /**
   * What a library call does with the lent key bytes.
   *
   * @param <R> the result type
   */
  @FunctionalInterface
  protected interface KeyUse<R> {
    /**
     * Uses {@code key}, which must not be kept or changed.
     *
     * @param algorithm the algorithm
     * @param key the key bytes
     * @return what the library call returns
     * @throws Exception if the underlying library fails
     */
    R apply(Algorithm algorithm, byte[] key) throws Exception;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int priority() {
    return priority;
  }

  @Override
  public final Set<Algorithm> algorithms() {
    return algorithms;
  }

  /** Software keys can be imported. */
  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.SEED_IMPORT);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + ", priority " + priority + "]";
  }

  /**
   * The public key (for a secret key: the key check value) for {@code seed}. Must not keep or
   * change the array. A library failure may be thrown as any exception.
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @return the public key (for a secret key: the key check value) for {@code seed}
   * @throws Exception if the underlying library fails
   */
  protected abstract byte[] derivePublicKey(Algorithm algorithm, byte[] seed) throws Exception;

  @Override
  public final PrivateKeyHandle generate(Algorithm algorithm) {
    requireServed(algorithm);
    byte[] seed = new byte[algorithm.seedLength()];
    RANDOM.nextBytes(seed);
    return bind(algorithm, seed);
  }

  @Override
  public final PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    requireServed(algorithm);
    if (seed != null && seed.length != algorithm.seedLength()) {
      refuseOtherForm(algorithm, seed);
    }
    requireSeedLength(algorithm, seed);
    return bind(algorithm, seed.clone());
  }

  @Override
  public final byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer,
      byte[] associatedData) {
    if (sealer == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealer and associated data are"
          + " required");
    }
    SecretSeed seed = owned(key);
    return seed.apply(sk -> sealer.seal(sk, associatedData));
  }

  @Override
  public final PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed,
      Sealer sealer, byte[] associatedData) {
    requireServed(algorithm);
    if (sealed == null || sealer == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealed key, sealer and associated"
          + " data are required");
    }
    byte[] seed = sealer.open(sealed, associatedData);
    if (seed == null || seed.length != algorithm.seedLength()) {
      if (seed != null) {
        Arrays.fill(seed, (byte) 0);
      }
      throw new KmsException(ErrorCode.MALFORMED_KEY, "the sealed " + algorithm.id()
          + " key does not hold " + algorithm.seedLength() + " bytes");
    }
    return bind(algorithm, seed);
  }

  /**
   * Called on import with private material that is not a seed of the algorithm's length, before
   * it is refused as {@code MALFORMED_KEY}: a provider that knows another encoding of the key
   * (an expanded private key, say) throws a more precise typed error here, after validating it.
   * Must not keep or change the array. Does nothing by default.
   *
   * @param algorithm the algorithm
   * @param material the key material
   */
  protected void refuseOtherForm(Algorithm algorithm, byte[] material) {
    // no other form is known
  }

  /**
   * Runs {@code use} with the key bytes behind {@code key}, for the duration of the call only.
   *
   * @param <R> the result type
   * @param key the private key handle
   * @param operation the operation
   * @param use the use
   * @return what the library call returns
   * @throws KmsException {@code PROVIDER_MISMATCH} for a handle this provider did not make,
   *     {@code VERSION_DESTROYED} for a closed one, {@code BACKEND_FAILURE} when the library
   *     fails
   */
  protected final <R> R withKey(PrivateKeyHandle key, String operation, KeyUse<R> use) {
    SecretSeed seed = owned(key);
    return seed.apply(sk -> {
      try {
        return use.apply(seed.algorithm(), sk);
      } catch (KmsException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
            + " failed to " + operation + ": " + e.getClass().getName());
      }
    });
  }

  private SecretSeed owned(PrivateKeyHandle key) {
    if (!(key instanceof SecretSeed seed) || !seed.ownedBy(getClass())
        || !seed.provider().equals(name())) {
      throw new KmsException(ErrorCode.PROVIDER_MISMATCH, "provider " + name()
          + " did not make this key handle (it names provider "
          + (key == null ? "none" : key.provider()) + ")");
    }
    return seed;
  }

  private void requireServed(Algorithm algorithm) {
    if (algorithm == null || !algorithms().contains(algorithm)) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "provider " + name()
          + " does not serve " + (algorithm == null ? "null" : algorithm.id()));
    }
  }

  private static void requireSeedLength(Algorithm algorithm, byte[] seed) {
    if (seed == null || seed.length != algorithm.seedLength()) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an " + algorithm.id() + " seed is "
          + algorithm.seedLength() + " bytes, got "
          + (seed == null ? "null" : seed.length + " bytes"));
    }
  }

  /** Derives the public key once and binds it to the seed, which the handle now owns. */
  private PrivateKeyHandle bind(Algorithm algorithm, byte[] seed) {
    byte[] publicKey;
    try {
      publicKey = derivePublicKey(algorithm, seed);
    } catch (Exception | LinkageError e) {
      Arrays.fill(seed, (byte) 0);
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
          + " failed to derive a public key: " + e.getClass().getName());
    }
    if (publicKey == null || publicKey.length != algorithm.publicKeyLength()) {
      Arrays.fill(seed, (byte) 0);
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
          + " derived a public key of the wrong length");
    }
    return new SecretSeed(seed, publicKey, algorithm, name(), getClass(),
        () -> seedClosed(seed));
  }

  /**
   * Called once when a handle this provider made is closed, before its seed is zeroised and
   * while no call holds it: a provider that keeps library key objects prepared from a seed (to
   * avoid expanding the key on every call) drops them here. {@code seed} is the very array
   * lent to {@link KeyUse#apply} and the {@code ...WithSeed} methods for that handle, so it can
   * serve as an identity key; it must not be kept or changed. Does nothing by default.
   *
   * @param seed the private seed
   */
  protected void seedClosed(byte[] seed) {
    // nothing prepared
  }
}
