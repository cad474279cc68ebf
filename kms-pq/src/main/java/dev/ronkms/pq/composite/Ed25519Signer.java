package dev.ronkms.pq.composite;

/**
 * Ed25519 (RFC 8032, pure) key derivation and signing from a 32-byte seed on one library, for
 * the traditional half of a composite signature. Both providers use Bouncy Castle's
 * ({@link #bouncyCastle()}): Ed25519 is deterministic, so any correct library gives the same
 * bytes, and SunEC's took about half of a composite signature's time on pq-jdk. Verification is not here: the traditional half
 * is always verified by the project's policy verifier ({@code dev.ronkms.ed25519}), whatever
 * library signed. Implementations are stateless and thread-safe; callers have checked that the
 * seed is 32 bytes.
 */
public interface Ed25519Signer {

  /**
   * A short name for diagnostics, for example {@code bc} or {@code jdk}.
   *
   * @return a short name for diagnostics, for example {@code bc} or {@code jdk}
   */
  String name();

  /**
   * The 32-byte public key of the 32-byte {@code seed}.
   *
   * @param seed the private seed
   * @return the 32-byte public key of the 32-byte {@code seed}
   * @throws Exception if the underlying library fails
   */
  byte[] publicKey(byte[] seed) throws Exception;

  /**
   * The 64-byte signature of {@code message} by the key of {@code seed}.
   *
   * @param seed the private seed
   * @param message the message
   * @return the 64-byte signature of {@code message} by the key of {@code seed}
   * @throws Exception if the underlying library fails
   */
  byte[] sign(byte[] seed, byte[] message) throws Exception;

  /**
   * As {@link #sign(byte[], byte[])}, given the seed's public key as {@link #publicKey} derived
   * it, so that an implementation need not derive it again (a prepared key keeps it). The
   * caller vouches that {@code publicKey} is the seed's own: it never comes from outside (RFC
   * 8032 signing with a mismatched public key leaks the private key). The default ignores it.
   *
   * @param seed the private seed
   * @param publicKey the public key
   * @param message the message
   * @return as {@link #sign(byte[], byte[])}, given the seed's public key as {@link #publicKey}
   *     derived it, so that an implementation need not derive it again (a prepared key keeps it)
   * @throws Exception if the underlying library fails
   */
  default byte[] sign(byte[] seed, byte[] publicKey, byte[] message) throws Exception {
    return sign(seed, message);
  }

  /**
   * Ed25519 on Bouncy Castle's {@code org.bouncycastle.math.ec.rfc8032.Ed25519}.
   *
   * @return Ed25519 on Bouncy Castle's {@code org.bouncycastle.math.ec.rfc8032.Ed25519}
   */
  static Ed25519Signer bouncyCastle() {
    return BcEd25519Signer.INSTANCE;
  }
}
