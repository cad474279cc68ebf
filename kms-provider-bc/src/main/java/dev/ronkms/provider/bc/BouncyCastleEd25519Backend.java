package dev.ronkms.provider.bc;

import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.spi.SecretSeed;
import dev.ronkms.spi.SoftwareEd25519Backend;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The default Ed25519 backend: Bouncy Castle's low-level RFC 8032 code, priority 100.
 *
 * <p>Verification follows the project's policy exactly: {@link Ed25519Policy#precheck} first
 * (which adds the length and small-order R rules Bouncy Castle's low-level call lacks), then
 * Bouncy Castle's own equation, which is the cofactored one and rejects small-order A. Seeds are
 * software {@link SecretSeed}s, zeroised when closed. Thread-safe.
 */
public final class BouncyCastleEd25519Backend extends SoftwareEd25519Backend {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "bc";

  static {
    Ed25519.precompute();
  }

  /** ServiceLoader's no-arg constructor. */
  public BouncyCastleEd25519Backend() {
    super();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  protected byte[] derivePublicKey(byte[] seed) {
    byte[] publicKey = new byte[Ed25519Policy.PUBLIC_KEY_LENGTH];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    return publicKey;
  }

  @Override
  protected byte[] signWithSeed(byte[] seed, byte[] publicKey, byte[] message) {
    byte[] signature = new byte[Ed25519Policy.SIGNATURE_LENGTH];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (message == null || !Ed25519Policy.precheck(publicKey, signature).passed()) {
      return false;
    }
    try {
      return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "BouncyCastleEd25519Backend[priority 100]";
  }
}
