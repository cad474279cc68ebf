package dev.ronkms.provider.jdk;

import dev.ronkms.ed25519.PolicyGate;
import dev.ronkms.spi.SoftwareEd25519Backend;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * An Ed25519 backend on the JDK's own {@code SunEC} provider ({@code Signature "Ed25519"}),
 * priority 10: for hosts that want no dependency at all, and an independent implementation for
 * the parity suite.
 *
 * <p>SunEC's own verification is cofactorless, accepts small-order public keys, and on JDK 17
 * accepts a signature with a trailing extra byte; this backend answers with the project's policy
 * instead, through {@link PolicyGate}. SunEC is slow (hundreds of microseconds per operation) —
 * see docs/PERFORMANCE.md. Thread-safe: JCA objects are made per call.
 */
public final class JdkEd25519Backend extends SoftwareEd25519Backend {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "jdk";

  /** ServiceLoader's no-arg constructor. */
  public JdkEd25519Backend() {
    super();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  protected byte[] derivePublicKey(byte[] seed) throws GeneralSecurityException {
    return SunEcKeys.derivePublicKey(seed);
  }

  @Override
  protected byte[] signWithSeed(byte[] seed, byte[] publicKey, byte[] message)
      throws GeneralSecurityException {
    PrivateKey privateKey = SunEcKeys.privateKey(seed);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } finally {
      destroyQuietly(privateKey);
    }
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return PolicyGate.verify(JdkEd25519Backend::sunEcVerify, publicKey, message, signature);
  }

  /** SunEC's own answer, without the policy. */
  private static boolean sunEcVerify(byte[] publicKey, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(SunEcKeys.publicKey(publicKey));
    verifier.update(message);
    return verifier.verify(signature);
  }

  /** Destroys a JCA key object where the JDK supports it (best effort). */
  static void destroyQuietly(Object key) {
    if (key instanceof Destroyable d && !d.isDestroyed()) {
      try {
        d.destroy();
      } catch (DestroyFailedException notSupportedByThisJdk) {
        // older SunEC keys cannot be destroyed; nothing more can be done from here
      }
    }
  }

  @Override
  public String toString() {
    return "JdkEd25519Backend[priority 10]";
  }
}
