package dev.ronkms.pq.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import java.util.Set;

/**
 * A test-only KEM provider, registered for discovery in this module's tests, that outranks every
 * other one and serves no algorithm (as pq-jdk would serve only the ML-KEM sets its JDK has): a
 * {@code Kms} never selects it, and neither may {@link KemSealer}'s discovery. Every operation
 * fails, so a sealer that picked it could not seal.
 */
public final class ServesNoKemProvider implements KemProvider {
  static final String NAME = "kem-serves-none";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public Set<Algorithm> algorithms() {
    return Set.of();
  }

  private static KmsException refused() {
    return new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, NAME + " serves no algorithm");
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    throw refused();
  }

  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    throw refused();
  }

  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    throw refused();
  }

  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData) {
    throw refused();
  }

  @Override
  public Encapsulation encapsulate(Algorithm algorithm, byte[] publicKey) {
    throw refused();
  }

  @Override
  public byte[] decapsulate(PrivateKeyHandle key, byte[] ciphertext) {
    throw refused();
  }
}
