package dev.ronkms.providers;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.Ed25519Backend;
import dev.ronkms.spi.GeneratedKey;
import dev.ronkms.spi.PrivateKeyHandle;
import java.util.Set;

/** A discoverable test double for selection tests: it has a name and a priority, no crypto. */
public class FakeBackend implements Ed25519Backend {
  /** ServiceLoader's no-arg constructor. */
  public FakeBackend() {
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
  public GeneratedKey generate() {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public GeneratedKey importSeed(byte[] seed) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public byte[] sign(PrivateKeyHandle key, byte[] publicKey, byte[] message) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "test double");
  }

  @Override
  public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    return false;
  }
}
