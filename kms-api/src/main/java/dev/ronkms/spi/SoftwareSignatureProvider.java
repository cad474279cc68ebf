package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * The part every software signature provider shares: seeds drawn from {@link SecureRandom},
 * held as {@link SecretSeed}s bound to the public key derived from them once, length-checked on
 * import, zeroised if deriving the public key fails, and lent to the library only for the
 * duration of one signature. A subclass supplies its library's two primitives,
 * {@link #derivePublicKey} and {@link #signWithSeed}, plus {@code verify}; its name, priority
 * and algorithms go to the constructor.
 *
 * <p>Guarantees: signing uses the public key bound to the seed, never one from outside; a
 * handle that a provider of another class or name made is refused with
 * {@code PROVIDER_MISMATCH}, a closed
 * one with {@code VERSION_DESTROYED}; the seed never reaches an exception message.
 */
public abstract class SoftwareSignatureProvider implements SignatureProvider {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final int priority;
  private final Set<Algorithm> algorithms;

  /**
   * @param name the provider's stable lowercase name, for example {@code bc}
   * @param priority its selection priority (highest wins)
   * @param algorithms the algorithms it serves (not empty)
   */
  protected SoftwareSignatureProvider(String name, int priority, Set<Algorithm> algorithms) {
    if (name == null || name.isEmpty() || algorithms == null || algorithms.isEmpty()) {
      throw new IllegalArgumentException("a provider has a name and serves an algorithm");
    }
    this.name = name;
    this.priority = priority;
    this.algorithms = Set.copyOf(algorithms);
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

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + ", priority " + priority + "]";
  }

  /**
   * The library's public key for {@code seed}. Must not keep or change the array. A library
   * failure may be thrown as any exception; it becomes {@code BACKEND_FAILURE}.
   */
  protected abstract byte[] derivePublicKey(Algorithm algorithm, byte[] seed) throws Exception;

  /**
   * The library's signature over {@code message}. {@code seed} is lent for the call only;
   * {@code publicKey} is the key {@link #derivePublicKey} gave for it when the seed was bound.
   */
  protected abstract byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) throws Exception;

  /** Software seeds can be imported. */
  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.SEED_IMPORT);
  }

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
    if (seed == null || seed.length != algorithm.seedLength()) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an " + algorithm.id() + " seed is "
          + algorithm.seedLength() + " bytes, got "
          + (seed == null ? "null" : seed.length + " bytes"));
    }
    return bind(algorithm, seed.clone());
  }

  @Override
  public final byte[] sign(PrivateKeyHandle key, byte[] message) {
    if (!(key instanceof SecretSeed seed) || !seed.ownedBy(getClass())
        || !seed.provider().equals(name())) {
      throw new KmsException(ErrorCode.PROVIDER_MISMATCH, "provider " + name()
          + " did not make this key handle (it names provider "
          + (key == null ? "none" : key.provider()) + ")");
    }
    if (message == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "message is null");
    }
    byte[] publicKey = seed.publicKey();
    return seed.apply(sk -> {
      try {
        return signWithSeed(seed.algorithm(), sk, publicKey, message);
      } catch (KmsException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
            + " failed to sign: " + e.getClass().getName());
      }
    });
  }

  private void requireServed(Algorithm algorithm) {
    if (algorithm == null || !algorithms().contains(algorithm)) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "provider " + name()
          + " does not serve " + (algorithm == null ? "null" : algorithm.id()));
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
    return new SecretSeed(seed, publicKey, algorithm, name(), getClass());
  }
}
