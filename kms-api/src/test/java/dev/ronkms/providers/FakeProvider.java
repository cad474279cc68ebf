package dev.ronkms.providers;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import java.util.Set;

/** A discoverable test double for selection tests: it has a name and a priority, no crypto. */
public class FakeProvider implements SignatureProvider {
  /** ServiceLoader's no-arg constructor. */
  public FakeProvider() {
    super();
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public int priority() {
    return 5;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.BATCH_VERIFY);
  }

  @Override
  public Set<Algorithm> algorithms() {
    return Set.of(Algorithm.ED25519);
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public byte[] sign(PrivateKeyHandle key, byte[] message) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return false;
  }
}
