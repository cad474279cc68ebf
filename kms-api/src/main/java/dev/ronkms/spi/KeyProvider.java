package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;

/**
 * A provider that holds private (or secret) keys: it makes them, imports them, and is the only
 * code that may turn its key material into bytes, and then only sealed. The engine and durable
 * stores reach key material through these methods alone; {@link SignatureProvider} and
 * {@link SealingProvider} add what each primitive does with a key.
 *
 * <p>Contract every implementation must keep:
 * <ul>
 *   <li>A handle is bound to its public key (for a secret key: its key check value) when it is
 *       made; a handle built by {@link #openPrivateKey} is bound the same way, so the caller can
 *       compare it with the public key it stored.</li>
 *   <li>{@link #sealPrivateKey} accepts only handles this provider made and writes the key
 *       material nowhere but into {@link Sealer#seal}; a provider whose keys never leave it
 *       ({@link Capability#NON_EXTRACTABLE_KEYS}) seals a reference to the key instead.</li>
 *   <li>Thread-safe; no secret in any exception message, {@code toString} or log line.</li>
 * </ul>
 * Whether a key may be exported at all is the engine's decision (its export policy,
 * docs/SECURITY.md); a provider does what it is asked.
 */
public interface KeyProvider extends Provider {

  /**
   * The names of other providers whose sealed keys this one opens as its own, because they keep
   * the same key form (for example two lanes of one algorithm family on different libraries).
   * A stored key whose provider is absent is then held by a present provider that names it
   * (docs/ARCHITECTURE.md, "Provider selection"). Empty by default.
   *
   * @return the names of other providers whose sealed keys this one opens as its own, because they
   *     keep the same key form (for example two lanes of one algorithm family on different
   *     libraries)
   */
  default java.util.Set<String> holdsKeysOf() {
    return java.util.Set.of();
  }

  /**
   * Generates a new key from a cryptographically strong source.
   *
   * @param algorithm the algorithm
   * @return the private key handle
   * @throws dev.ronkms.KmsException {@code UNSUPPORTED_ALGORITHM} for an algorithm not in
   *     {@link #algorithms()}
   */
  PrivateKeyHandle generate(Algorithm algorithm);

  /**
   * Generates a new key for version {@code version} of a key: the engine's call, so that a
   * provider keeping keys in a token can label the token object after the version it holds
   * (docs/ARCHITECTURE.md, "Token keys"). The default ignores the id.
   *
   * @param algorithm the algorithm
   * @param version a versioned key id, naming one version
   * @return the private key handle
   * @throws dev.ronkms.KmsException as {@link #generate(Algorithm)}
   */
  default PrivateKeyHandle generate(Algorithm algorithm, dev.ronkms.keys.KeyId version) {
    return generate(algorithm);
  }

  /**
   * Builds a key from existing private material of {@link Algorithm#seedLength()} bytes (a seed
   * for a signature key, the key itself for an AEAD key). The array is copied, not kept.
   *
   * @param algorithm the algorithm
   * @param seed the private seed
   * @return the private key handle
   * @throws dev.ronkms.KmsException {@code MALFORMED_KEY} for material of the wrong length;
   *     {@code UNSUPPORTED_OPERATION} when the provider lacks {@link Capability#SEED_IMPORT}
   */
  PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed);

  /**
   * The key behind {@code key}, sealed with {@code sealer} under {@code associatedData}: the
   * form a durable store writes and an export carries.
   *
   * @param key the private key handle
   * @param sealer the sealer
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the key behind {@code key}, sealed with {@code sealer} under {@code associatedData}:
   *     the form a durable store writes and an export carries
   * @throws dev.ronkms.KmsException {@code PROVIDER_MISMATCH} for a handle another provider
   *     made, {@code VERSION_DESTROYED} for a closed one
   */
  byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData);

  /**
   * Rebuilds a handle from the output of {@link #sealPrivateKey} (of this provider or of another
   * provider of the same algorithm that keeps the same seed form).
   *
   * @param algorithm the algorithm
   * @param sealed the sealed bytes
   * @param sealer the sealer
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the private key handle
   * @throws dev.ronkms.KmsException {@code TAMPERED} when {@code sealer} does not open it under
   *     {@code associatedData}, {@code MALFORMED_KEY} when what it holds is not a key of
   *     {@code algorithm}
   */
  PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData);
}
