package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import java.util.Set;

/** A provider that forwards every call to a real one; test doubles override what they change. */
class DelegatingProvider implements SignatureProvider {
  final SignatureProvider real;

  DelegatingProvider(SignatureProvider real) {
    this.real = real;
  }

  @Override
  public String name() {
    return real.name();
  }

  @Override
  public int priority() {
    return 1;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public Set<Algorithm> algorithms() {
    return real.algorithms();
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    return real.generate(algorithm);
  }

  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    return real.importPrivateKey(algorithm, seed);
  }

  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    return real.sealPrivateKey(key, sealer, associatedData);
  }

  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData) {
    return real.openPrivateKey(algorithm, sealed, sealer, associatedData);
  }

  @Override
  public byte[] sign(PrivateKeyHandle key, byte[] message) {
    return real.sign(key, message);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return real.verify(algorithm, publicKey, message, signature);
  }
}
