package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;

/**
 * A signature provider: key generation, signing and verification for one or more signature
 * {@link Algorithm}s, on one crypto library or token. Implementations are found with
 * {@link java.util.ServiceLoader} (service type {@code dev.ronkms.spi.SignatureProvider}) and
 * must have a public no-arg constructor. The engine selects one per algorithm
 * (docs/ARCHITECTURE.md).
 *
 * <p>Contract every implementation must keep (the kms-tests parity suite checks it):
 * <ul>
 *   <li>A private key is bound to its public key when it is generated or imported:
 *       {@link PrivateKeyHandle#publicKey()} is derived from the private key once, and
 *       {@link #sign} uses that key only. No caller-supplied public key ever enters a
 *       signature.</li>
 *   <li>{@link #sign} accepts only handles this provider made; any other handle fails with
 *       {@code PROVIDER_MISMATCH}, a destroyed one with {@code VERSION_DESTROYED}.</li>
 *   <li>{@link #verify} is a predicate: malformed input of any kind (null, wrong lengths,
 *       non-canonical encodings) gives false, never an exception. For Ed25519 it answers exactly
 *       as the project's one verification policy (docs/SECURITY.md).</li>
 *   <li>Thread-safe: every method may be called from many threads at once.</li>
 *   <li>No secret in any exception message, {@code toString} or log line.</li>
 * </ul>
 */
public interface SignatureProvider extends KeyProvider {

  /**
   * Signs {@code message} with the private key behind {@code key}, under the public key the
   * handle was bound to.
   *
   * @param key the private key handle
   * @param message the message
   * @return the signature
   * @throws dev.ronkms.KmsException {@code PROVIDER_MISMATCH} for a handle another provider
   *     made, {@code VERSION_DESTROYED} for a closed handle
   */
  byte[] sign(PrivateKeyHandle key, byte[] message);

  /**
   * Signs as {@link #sign(PrivateKeyHandle, byte[])}, with a context string and variant. The
   * engine has checked {@code parameters} against the key's algorithm. The default serves the
   * algorithms without context (Ed25519): an empty context and the deterministic variant sign
   * as {@link #sign(PrivateKeyHandle, byte[])}; anything else is refused.
   *
   * @param key the private key handle
   * @param message the message
   * @param parameters the parameters
   * @return the signature
   * @throws dev.ronkms.KmsException as {@link #sign(PrivateKeyHandle, byte[])};
   *     {@code UNSUPPORTED_OPERATION} when this provider cannot honour {@code parameters}
   */
  default byte[] sign(PrivateKeyHandle key, byte[] message, SigningParameters parameters) {
    if (parameters.contextLength() != 0
        || parameters.variant() != dev.ronkms.keys.SignatureVariant.DETERMINISTIC) {
      throw new dev.ronkms.KmsException(dev.ronkms.ErrorCode.UNSUPPORTED_OPERATION, "provider "
          + name() + " signs without context, deterministically only");
    }
    return sign(key, message);
  }

  /**
   * True when {@code signature} is valid for {@code message} under {@code publicKey}.
   *
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @param message the message
   * @param signature the signature bytes
   * @return true when {@code signature} is valid for {@code message} under {@code publicKey}
   */
  boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message, byte[] signature);

  /**
   * True when {@code signature} is valid for {@code message} and the context string
   * {@code context} (empty for none) under {@code publicKey}. A predicate, like
   * {@link #verify(Algorithm, byte[], byte[], byte[])}. The default serves the algorithms
   * without context: an empty context verifies as that method, any other is false.
   *
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @param message the message
   * @param signature the signature bytes
   * @param context the context string (null or empty for none)
   * @return true when {@code signature} is valid for {@code message} and the context string {@code
   *     context} (empty for none) under {@code publicKey}
   */
  default boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature, byte[] context) {
    if (context != null && context.length != 0) {
      return false;
    }
    return verify(algorithm, publicKey, message, signature);
  }
}
