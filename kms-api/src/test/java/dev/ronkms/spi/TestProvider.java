package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A real Ed25519 provider for kms-api's own tests (Bouncy Castle, test scope), named as the test
 * wishes, that remembers every handle it made so tests can check they were zeroised. Also makes
 * bare seeds for record-level tests.
 */
public final class TestProvider implements SignatureProvider {
  private final String name;
  private final Bc bc;
  private final List<PrivateKeyHandle> made = Collections.synchronizedList(new ArrayList<>());

  public TestProvider(String name) {
    this.name = name;
    this.bc = new Bc(name);
  }

  /** Every handle this provider generated or imported, in order. */
  public List<PrivateKeyHandle> made() {
    synchronized (made) {
      return List.copyOf(made);
    }
  }

  /** A seed handle bound to {@code publicKey} without any derivation: for record tests only. */
  public static PrivateKeyHandle unboundSeed(byte[] publicKey, String provider) {
    return new SecretSeed(new byte[32], publicKey, Algorithm.ED25519, provider,
        TestProvider.class);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int priority() {
    return 1;
  }

  @Override
  public Set<Capability> capabilities() {
    return bc.capabilities();
  }

  @Override
  public Set<Algorithm> algorithms() {
    return Set.of(Algorithm.ED25519);
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    PrivateKeyHandle h = bc.generate(algorithm);
    made.add(h);
    return h;
  }

  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    PrivateKeyHandle h = bc.importPrivateKey(algorithm, seed);
    made.add(h);
    return h;
  }

  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    return bc.sealPrivateKey(key, sealer, associatedData);
  }

  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData) {
    PrivateKeyHandle h = bc.openPrivateKey(algorithm, sealed, sealer, associatedData);
    made.add(h);
    return h;
  }

  @Override
  public byte[] sign(PrivateKeyHandle key, byte[] message) {
    return bc.sign(key, message);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    return message != null && publicKey != null && publicKey.length == 32 && signature != null
        && signature.length == 64
        && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /** The software provider underneath; its handles name the outer provider. */
  private final class Bc extends SoftwareSignatureProvider {
    Bc(String name) {
      super(name, 1, Set.of(Algorithm.ED25519));
    }

    @Override
    protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed) {
      byte[] pk = new byte[32];
      Ed25519.generatePublicKey(seed, 0, pk, 0);
      return pk;
    }

    @Override
    protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
        byte[] message) {
      byte[] sig = new byte[64];
      Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
      return sig;
    }

    @Override
    public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
        byte[] signature) {
      return TestProvider.this.verify(algorithm, publicKey, message, signature);
    }
  }
}
