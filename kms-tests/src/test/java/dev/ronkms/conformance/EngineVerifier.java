package dev.ronkms.conformance;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.VerificationRoute;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine as a {@link PolicyVerifier}: each case's public key is imported into a
 * {@link Kms} as a verify-only key, and {@code Kms.verify} answers. The engine's own rule for
 * malformed input (docs/API.md) is mapped back to the predicate the suite compares: a public
 * key the import refuses ({@code MALFORMED_KEY}: wrong length, non-canonical, small order, not
 * on the curve) and a signature of the wrong length ({@code MALFORMED_SIGNATURE}) answer false,
 * as the policy does; any other exception fails the suite.
 */
final class EngineVerifier implements PolicyVerifier {
  private final String name;
  private final Kms kms;
  private final Map<ByteBuffer, KeyId> imported = new ConcurrentHashMap<>();

  private EngineVerifier(String name, VerificationRoute route) {
    this.name = name;
    this.kms = Kms.builder().verificationRoute(route).build();
  }

  /** {@code Kms.verify} on the default route (the policy verifier with cached keys). */
  static EngineVerifier policyRoute() {
    return new EngineVerifier("kms", VerificationRoute.POLICY_VERIFIER);
  }

  /** {@code Kms.verify} routed through the default provider. */
  static EngineVerifier providerRoute() {
    return new EngineVerifier("kms-provider-route", VerificationRoute.PROVIDER);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null) {
      return false; // the engine refuses a null key with MALFORMED_KEY
    }
    KeyId version;
    try {
      version = imported.computeIfAbsent(ByteBuffer.wrap(publicKey.clone()),
          k -> kms.importPublicKey("parity", "case", Algorithm.ED25519, publicKey)
              .withVersion(1));
    } catch (KmsException e) {
      if (e.code() == ErrorCode.MALFORMED_KEY) {
        return false;
      }
      throw e;
    }
    try {
      return kms.verify(version, message, signature);
    } catch (KmsException e) {
      if (e.code() == ErrorCode.MALFORMED_SIGNATURE) {
        return false;
      }
      throw e;
    }
  }
}
