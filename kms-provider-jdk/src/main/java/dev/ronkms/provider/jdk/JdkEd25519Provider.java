package dev.ronkms.provider.jdk;

import dev.ronkms.ed25519.PolicyGate;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSignatureProvider;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/**
 * An Ed25519 provider on the JDK's own {@code SunEC} provider ({@code Signature "Ed25519"}),
 * priority 10: for hosts that want no dependency at all, and an independent implementation for
 * the parity suite.
 *
 * <p>Every JCA object comes from SunEC by name ({@link SunEcKeys}), so another installed JCA
 * provider never answers in its place. SunEC's own verification is cofactorless, accepts
 * small-order public keys, and on JDK 17 accepts a signature with a trailing extra byte; this
 * provider answers with the project's policy instead, through {@link PolicyGate}. SunEC is slow
 * (hundreds of microseconds per operation), see docs/PERFORMANCE.md. Thread-safe: JCA objects are
 * made per call.
 */
public final class JdkEd25519Provider extends SoftwareSignatureProvider {

  /** The name hosts use to pick this provider. */
  public static final String NAME = "jdk";

  /** ServiceLoader's no-arg constructor. */
  public JdkEd25519Provider() {
    super(NAME, 10, Set.of(Algorithm.ED25519));
  }

  @Override
  protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed)
      throws GeneralSecurityException {
    return SunEcKeys.derivePublicKey(seed);
  }

  @Override
  protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
      byte[] message) throws GeneralSecurityException {
    PrivateKey privateKey = SunEcKeys.privateKey(seed);
    try {
      Signature signer = SunEcKeys.signature();
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } finally {
      SunEcKeys.destroyQuietly(privateKey);
    }
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return algorithm == Algorithm.ED25519
        && PolicyGate.verify(JdkEd25519Provider::sunEcVerify, publicKey, message, signature);
  }

  /** SunEC's own answer, without the policy. */
  private static boolean sunEcVerify(byte[] publicKey, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = SunEcKeys.signature();
    verifier.initVerify(SunEcKeys.publicKey(publicKey));
    verifier.update(message);
    return verifier.verify(signature);
  }
}
