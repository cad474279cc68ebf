package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.SignatureVariant;
import java.util.Set;

/**
 * The part every software signature provider shares ({@link SoftwareKeyProvider}: seeds bound to
 * their public key, sealed as the only way out) plus signing: the seed is lent to the library for
 * one signature, under the public key bound to it, never one from outside. A subclass supplies
 * {@link #derivePublicKey}, {@link #signWithSeed} and {@code verify}; its name, priority and
 * algorithms go to the constructor.
 *
 * <p>Guarantees: as {@link SoftwareKeyProvider}; a handle that a provider of another class or
 * name made is refused with {@code PROVIDER_MISMATCH}, a closed one with
 * {@code VERSION_DESTROYED}.
 */
public abstract class SoftwareSignatureProvider extends SoftwareKeyProvider
    implements SignatureProvider {

  /**
   * A signature provider serving {@code algorithms}.
   *
   * @param name the provider's stable lowercase name, for example {@code bc}
   * @param priority its selection priority (highest wins)
   * @param algorithms the algorithms it serves (not empty)
   */
  protected SoftwareSignatureProvider(String name, int priority, Set<Algorithm> algorithms) {
    super(name, priority, algorithms);
  }

  /**
   * The library's signature over {@code message}. {@code seed} is lent for the call only;
   * {@code publicKey} is the key {@link #derivePublicKey} gave for it when the seed was bound.
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @param publicKey the public key
   * @param message the message
   * @return the library's signature over {@code message}
   * @throws Exception if the underlying library fails
   */
  protected abstract byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) throws Exception;

  /**
   * The library's signature over {@code message} with a context string and variant, as
   * {@link #signWithSeed(Algorithm, byte[], byte[], byte[])}. The default serves algorithms
   * without context: an empty context with the deterministic variant signs as that method,
   * anything else is {@code UNSUPPORTED_OPERATION}.
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @param publicKey the public key
   * @param message the message
   * @param parameters the parameters
   * @return the library's signature over {@code message} with a context string and variant, as
   *     {@link #signWithSeed(Algorithm, byte[], byte[], byte[])}
   * @throws Exception if the underlying library fails
   */
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message, SigningParameters parameters) throws Exception {
    if (parameters.contextLength() != 0
        || parameters.variant() != SignatureVariant.DETERMINISTIC) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "provider " + name()
          + " signs " + algorithm.id() + " without context, deterministically only");
    }
    return signWithSeed(algorithm, seed, publicKey, message);
  }

  @Override
  public final byte[] sign(PrivateKeyHandle key, byte[] message) {
    return sign(key, message, SigningParameters.deterministic());
  }

  @Override
  public final byte[] sign(PrivateKeyHandle key, byte[] message,
      SigningParameters parameters) {
    return withKey(key, "sign", (algorithm, seed) -> {
      if (message == null || parameters == null) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "message and parameters are"
            + " required");
      }
      return signWithSeed(algorithm, seed, key.publicKey(), message, parameters);
    });
  }
}
