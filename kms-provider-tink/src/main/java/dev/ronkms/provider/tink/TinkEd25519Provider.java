package dev.ronkms.provider.tink;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.ronkms.ed25519.PolicyGate;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSignatureProvider;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * An Ed25519 provider on Google Tink's {@code subtle.Ed25519Sign} / {@code Ed25519Verify},
 * priority 50 (below Bouncy Castle): for hosts standardised on Tink, and an independent
 * implementation for the parity suite.
 *
 * <p>Tink's own verification is cofactorless and accepts small-order public keys; this provider
 * answers with the project's policy instead, through {@link PolicyGate} (byte-level checks
 * first; a Tink reject is re-decided by the project's cofactored verifier). Seeds are software
 * seeds. Tink's signer takes no public key: it derives its own from the seed on every call, so
 * signing pays one fixed-base multiplication more than Bouncy Castle, and Tink keeps copies of
 * the expanded key this project cannot zeroise (docs/SECURITY.md). Thread-safe.
 */
public final class TinkEd25519Provider extends SoftwareSignatureProvider {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "tink";

  /** ServiceLoader's no-arg constructor. */
  public TinkEd25519Provider() {
    super(NAME, 50, Set.of(Algorithm.ED25519));
  }

  @Override
  protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed)
      throws GeneralSecurityException {
    // getPrivateKey() returns a fresh copy in Tink 1.24, so there is nothing of ours to zero.
    return Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) throws GeneralSecurityException {
    return new Ed25519Sign(seed).sign(message);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return algorithm == Algorithm.ED25519
        && PolicyGate.verify(TinkEd25519Provider::tinkVerify, publicKey, message, signature);
  }

  /** Tink's own answer, without the policy. */
  private static boolean tinkVerify(byte[] publicKey, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    new Ed25519Verify(publicKey).verify(signature, message);
    return true;
  }
}
