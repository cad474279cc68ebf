package dev.ronkms.spi;

/**
 * An Ed25519 provider: key generation, signing and verification on one crypto library or token.
 * Implementations are found with {@link java.util.ServiceLoader} and must have a public no-arg
 * constructor. The default provider (Bouncy Castle) has priority 100.
 *
 * <p>Contract every implementation must keep (the kms-tests conformance suite checks it):
 * <ul>
 *   <li>{@link #verify} answers exactly as the project's one verification policy
 *       (docs/SECURITY.md): byte-level checks of {@link dev.ronkms.ed25519.Ed25519Policy} first,
 *       then the cofactored equation. It never throws for malformed input; it returns false.</li>
 *   <li>{@link #sign} produces RFC 8032 signatures (deterministic for software keys).</li>
 *   <li>Thread-safe: every method may be called from many threads at once.</li>
 *   <li>No secret in any exception message, {@code toString} or log line.</li>
 * </ul>
 */
public interface Ed25519Backend extends Provider {

  /** Generates a new key pair from a cryptographically strong source. */
  GeneratedKey generate();

  /**
   * Builds a key pair from an existing 32-byte seed (RFC 8032 private key).
   *
   * @throws dev.ronkms.KmsException {@code MALFORMED_KEY} for a seed that is not 32 bytes;
   *     {@code UNSUPPORTED_OPERATION} when the provider lacks {@link Capability#SEED_IMPORT}
   */
  GeneratedKey importSeed(byte[] seed);

  /**
   * Signs {@code message} with the private key behind {@code key}, whose public key is
   * {@code publicKey}.
   *
   * @throws dev.ronkms.KmsException {@code UNSUPPORTED_OPERATION} for a handle of another kind,
   *     {@code VERSION_DESTROYED} for a closed handle
   */
  byte[] sign(PrivateKeyHandle key, byte[] publicKey, byte[] message);

  /** True when {@code signature} is valid for {@code message} under {@code publicKey}. */
  boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
