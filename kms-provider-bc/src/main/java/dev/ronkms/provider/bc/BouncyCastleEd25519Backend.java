package dev.ronkms.provider.bc;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.Ed25519Backend;
import dev.ronkms.spi.GeneratedKey;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SecretSeed;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The default {@link Ed25519Backend}: Bouncy Castle's low-level RFC 8032 code, priority 100.
 *
 * <p>Verification follows the project's policy exactly: {@link Ed25519Policy#precheck} first
 * (which adds the small-order R rule Bouncy Castle lacks), then Bouncy Castle's own equation,
 * which is the cofactored one and rejects small-order A. Seeds are software
 * {@link SecretSeed}s, zeroised when closed. Thread-safe.
 */
public final class BouncyCastleEd25519Backend implements Ed25519Backend {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "bc";

  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    Ed25519.precompute();
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
  public Set<Capability> capabilities() {
    return Set.of(Capability.SEED_IMPORT);
  }

  @Override
  public GeneratedKey generate() {
    byte[] seed = new byte[Ed25519Policy.SEED_LENGTH];
    RANDOM.nextBytes(seed);
    return fromOwnedSeed(seed);
  }

  @Override
  public GeneratedKey importSeed(byte[] seed) {
    if (seed == null || seed.length != Ed25519Policy.SEED_LENGTH) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an Ed25519 seed is 32 bytes, got "
          + (seed == null ? "null" : seed.length + " bytes"));
    }
    return fromOwnedSeed(seed.clone());
  }

  @Override
  public byte[] sign(PrivateKeyHandle key, byte[] publicKey, byte[] message) {
    if (!(key instanceof SecretSeed seed)) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION,
          "provider bc signs only with software seeds, not with " + key.getClass().getName());
    }
    if (publicKey == null || publicKey.length != Ed25519Policy.PUBLIC_KEY_LENGTH) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an Ed25519 public key is 32 bytes");
    }
    byte[] signature = new byte[Ed25519Policy.SIGNATURE_LENGTH];
    seed.apply(sk -> {
      Ed25519.sign(sk, 0, publicKey, 0, message, 0, message.length, signature, 0);
      return null;
    });
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

  private static GeneratedKey fromOwnedSeed(byte[] seed) {
    byte[] publicKey = new byte[Ed25519Policy.PUBLIC_KEY_LENGTH];
    try {
      Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    } catch (RuntimeException e) {
      Arrays.fill(seed, (byte) 0);
      throw e;
    }
    return new GeneratedKey(publicKey, SecretSeed.adopt(seed, NAME));
  }

  @Override
  public String toString() {
    return "BouncyCastleEd25519Backend[priority 100]";
  }
}
