package dev.ronkms.provider.bc;

import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSignatureProvider;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The default Ed25519 provider: Bouncy Castle's low-level RFC 8032 code, priority 100.
 *
 * <p>Verification follows the project's policy exactly: {@link Ed25519Policy#admits} first
 * (which adds the length and small-order R rules Bouncy Castle's low-level call lacks), then
 * Bouncy Castle's own equation, which is the cofactored one and rejects small-order A. Signing
 * passes Bouncy Castle the public key bound to the seed when it was generated or imported, never
 * one from outside (docs/SECURITY.md, "Key material bound to its public key"). Seeds are
 * software seeds, zeroised when closed. Thread-safe.
 */
public final class BouncyCastleEd25519Provider extends SoftwareSignatureProvider {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "bc";

  static {
    Ed25519.precompute();
  }

  /** ServiceLoader's no-arg constructor. */
  public BouncyCastleEd25519Provider() {
    super(NAME, 100, Set.of(Algorithm.ED25519));
  }

  @Override
  protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed) {
    byte[] publicKey = new byte[Ed25519Policy.PUBLIC_KEY_LENGTH];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return publicKey;
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) {
    byte[] signature = new byte[Ed25519Policy.SIGNATURE_LENGTH];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    if (algorithm != Algorithm.ED25519 || !Ed25519Policy.admits(publicKey, message, signature)) {
      return false;
    }
    try {
      return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    } catch (RuntimeException malformed) {
      return false;
    }
  }
}
