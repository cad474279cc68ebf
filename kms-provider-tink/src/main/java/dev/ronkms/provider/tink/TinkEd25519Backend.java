package dev.ronkms.provider.tink;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * An {@link Ed25519Backend} on Google Tink's {@code subtle.Ed25519Sign} / {@code Ed25519Verify},
 * priority 50 (below Bouncy Castle): for hosts standardised on Tink, and an independent
 * implementation for the parity suite.
 *
 * <p>Tink's own verification is cofactorless and accepts small-order public keys; this backend
 * answers with the project's policy instead, through {@link PolicyGate} (byte-level checks
 * first; a Tink reject is re-decided by the project's cofactored verifier). Seeds are software
 * {@link SecretSeed}s. Tink's signer expands the seed itself on every call (its API takes no
 * public key), so signing pays one fixed-base multiplication more than Bouncy Castle.
 * Thread-safe.
 */
public final class TinkEd25519Backend implements Ed25519Backend {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "tink";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 50;
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
          "provider tink signs only with software seeds, not with " + key.getClass().getName());
    }
    return seed.apply(sk -> {
      try {
        return new Ed25519Sign(sk).sign(message);
      } catch (GeneralSecurityException e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "Tink refused to sign: "
            + e.getClass().getName());
      }
    });
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return PolicyGate.verify(TinkEd25519Backend::tinkVerify, publicKey, message, signature);
  }

  /** Tink's own answer, without the policy: package-visible for the raw-vs-policy table. */
  static boolean tinkVerify(byte[] publicKey, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    new Ed25519Verify(publicKey).verify(signature, message);
    return true;
  }

  private static GeneratedKey fromOwnedSeed(byte[] seed) {
    try {
      Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
      Arrays.fill(pair.getPrivateKey(), (byte) 0);
      return new GeneratedKey(pair.getPublicKey(), SecretSeed.adopt(seed, NAME));
    } catch (GeneralSecurityException | RuntimeException e) {
      Arrays.fill(seed, (byte) 0);
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "Tink key derivation failed: "
          + e.getClass().getName());
    }
  }

  @Override
  public String toString() {
    return "TinkEd25519Backend[priority 50]";
  }
}
