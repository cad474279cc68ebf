package dev.ronkms.provider.jdk;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.ed25519.PolicyGate;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.Ed25519Backend;
import dev.ronkms.spi.GeneratedKey;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SecretSeed;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Set;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * An {@link Ed25519Backend} on the JDK's own {@code SunEC} provider ({@code Signature "Ed25519"}),
 * priority 10: for hosts that want no dependency at all, and an independent implementation for
 * the parity suite.
 *
 * <p>SunEC's own verification is cofactorless, accepts small-order public keys, and on JDK 17
 * accepts a signature with a trailing extra byte; this backend answers with the project's policy
 * instead, through {@link PolicyGate}. SunEC is slow (hundreds of microseconds per operation) —
 * see docs/PERFORMANCE.md. Thread-safe: JCA objects are made per call.
 */
public final class JdkEd25519Backend implements Ed25519Backend {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "jdk";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 10;
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
          "provider jdk signs only with software seeds, not with " + key.getClass().getName());
    }
    return seed.apply(sk -> {
      PrivateKey privateKey = null;
      try {
        privateKey = JdkKeys.privateKey(sk);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(message);
        return signer.sign();
      } catch (GeneralSecurityException e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "SunEC refused to sign: "
            + e.getClass().getName());
      } finally {
        destroyQuietly(privateKey);
      }
    });
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return PolicyGate.verify(JdkEd25519Backend::sunEcVerify, publicKey, message, signature);
  }

  /** SunEC's own answer, without the policy: package-visible for the raw-vs-policy table. */
  static boolean sunEcVerify(byte[] publicKey, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(JdkKeys.publicKey(publicKey));
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static GeneratedKey fromOwnedSeed(byte[] seed) {
    try {
      return new GeneratedKey(JdkKeys.derivePublicKey(seed), SecretSeed.adopt(seed, NAME));
    } catch (GeneralSecurityException | RuntimeException e) {
      Arrays.fill(seed, (byte) 0);
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "SunEC key derivation failed: "
          + e.getClass().getName());
    }
  }

  static void destroyQuietly(Object key) {
    if (key instanceof Destroyable d && !d.isDestroyed()) {
      try {
        d.destroy();
      } catch (DestroyFailedException notSupportedByThisJdk) {
        // best effort: older SunEC keys cannot be destroyed
      }
    }
  }

  @Override
  public String toString() {
    return "JdkEd25519Backend[priority 10]";
  }
}
