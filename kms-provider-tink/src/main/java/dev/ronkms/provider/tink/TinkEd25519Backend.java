package dev.ronkms.provider.tink;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.ronkms.ed25519.PolicyGate;
import dev.ronkms.spi.SecretSeed;
import dev.ronkms.spi.SoftwareEd25519Backend;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * An Ed25519 backend on Google Tink's {@code subtle.Ed25519Sign} / {@code Ed25519Verify},
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
public final class TinkEd25519Backend extends SoftwareEd25519Backend {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "tink";

  /** ServiceLoader's no-arg constructor. */
  public TinkEd25519Backend() {
    super();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  protected byte[] derivePublicKey(byte[] seed) throws GeneralSecurityException {
    Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
    Arrays.fill(pair.getPrivateKey(), (byte) 0);
    return pair.getPublicKey();
  }

  @Override
  protected byte[] signWithSeed(byte[] seed, byte[] publicKey, byte[] message)
      throws GeneralSecurityException {
    return new Ed25519Sign(seed).sign(message);
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return PolicyGate.verify(TinkEd25519Backend::tinkVerify, publicKey, message, signature);
  }

  /** Tink's own answer, without the policy. */
  private static boolean tinkVerify(byte[] publicKey, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    new Ed25519Verify(publicKey).verify(signature, message);
    return true;
  }

  @Override
  public String toString() {
    return "TinkEd25519Backend[priority 50]";
  }
}
