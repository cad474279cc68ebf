package dev.ronkms;

import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.CompositeMode;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.CompositeSignatureProvider;
import dev.ronkms.spi.CompositeSignatureProvider.ComponentVerdict;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.SigningParameters;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.concurrent.atomic.LongAdder;

/**
 * Signing and single verification for every signature algorithm, shared by {@link Kms} and
 * {@link BatchVerification} so that a batch item answers exactly as a single call: the head
 * signs with the key's variant and the caller's context; a version verifies through the
 * engine's policy verifier (Ed25519 without context, when routed so) or its provider; a
 * composite key's {@link CompositeMode} decides what its halves must say, and in
 * {@link CompositeMode#MIRROR} every ML-DSA failure is counted.
 */
final class Signatures {
  private final KeyAccess keys;
  private final ProviderRegistry providers;
  private final VerificationRoute route;
  private final PolicyVerifier policy;
  private final LongAdder mirrorChecked = new LongAdder();
  private final LongAdder mirrorFailures = new LongAdder();

  Signatures(KeyAccess keys, ProviderRegistry providers, VerificationRoute route,
      PolicyVerifier policy) {
    this.keys = keys;
    this.providers = providers;
    this.route = route;
    this.policy = policy;
  }

  Signed sign(KeyId key, byte[] message, byte[] context) {
    KeyAccess.requireMessage(message);
    KeyAccess.requireKind(key, Algorithm.Kind.SIGNATURE, "sign");
    KeyRecord record = keys.load(key);
    Algorithm algorithm = record.id().algorithm();
    byte[] ctx = SigningParameters.checkedContext(algorithm, context);
    KeyVersion version = record.signingVersion(key);
    PrivateKeyHandle handle = KeyAccess.privateKey(record, version);
    SignatureProvider provider = providers.signing(record);
    SigningParameters parameters = SigningParameters.of(algorithm, ctx,
        record.options().signatureVariant());
    byte[] signature = Kms.call(() -> provider.sign(handle, message, parameters));
    if (signature == null || signature.length != algorithm.outputLength()) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
          + " returned a signature of the wrong length");
    }
    return new Signed(record.id().withVersion(version.number()), signature);
  }

  boolean verify(KeyId version, byte[] message, byte[] signature, byte[] context) {
    KeyAccess.requireVerifyArguments(version, message, signature);
    byte[] ctx = SigningParameters.checkedContext(version.algorithm(), context);
    KeyRecord record = keys.load(version);
    byte[] publicKey = record.verifyingVersion(version.version()).publicKey();
    if (byPolicy(version.algorithm(), ctx)) {
      return policy.verify(version, publicKey, message, signature);
    }
    return byProvider(record, publicKey, message, signature, ctx);
  }

  /**
   * The policy verifier's decoded form of {@code version}'s public key (cached per version), or
   * null when the policy refuses that key.
   */
  Ed25519PublicKey policyKey(KeyId version, byte[] publicKey) {
    return policy.decoded(version, publicKey);
  }

  /** True when the engine's own verifier answers for {@code algorithm} with {@code context}. */
  boolean byPolicy(Algorithm algorithm, byte[] context) {
    return route == VerificationRoute.POLICY_VERIFIER && PolicyVerifier.covers(algorithm)
        && context.length == 0;
  }

  /** The provider's answer, under the key's composite mode for a composite key. */
  boolean byProvider(KeyRecord record, byte[] publicKey, byte[] message, byte[] signature,
      byte[] context) {
    Algorithm algorithm = record.id().algorithm();
    SignatureProvider provider = providers.signing(record);
    if (!algorithm.composite()) {
      return Kms.call(() -> provider.verify(algorithm, publicKey, message, signature, context));
    }
    if (!(provider instanceof CompositeSignatureProvider composite)) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
          + " serves " + algorithm.id() + " but cannot verify its halves");
    }
    ComponentVerdict verdict = Kms.call(() -> composite.verifyComponents(algorithm, publicKey,
        message, signature, context));
    if (verdict == null) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
          + " gave no verdict");
    }
    if (record.options().compositeMode() == CompositeMode.MIRROR) {
      mirrorChecked.increment();
      if (!verdict.postQuantum()) {
        mirrorFailures.increment();
      }
      return verdict.traditional();
    }
    return verdict.both();
  }

  MirrorStats mirrorStats() {
    return new MirrorStats(mirrorChecked.sum(), mirrorFailures.sum());
  }
}
