package dev.ronkms.pq.composite;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * {@link Ed25519Signer} on SunEC. SunEC has no "public key of this seed" call; its key pair
 * generator draws exactly the 32 seed bytes from the SecureRandom it is given, so a
 * SecureRandom that hands out the seed once (and refuses any other draw) yields the seed's key
 * pair. A JDK that draws differently fails loudly instead of deriving a wrong key.
 *
 * <p>Not kms-provider-jdk's {@code SunEcKeys}: a provider module depends on kms-api and its own
 * library only, and requiring that module would register its Ed25519 provider for every kms-pq
 * host (docs/ARCHITECTURE.md, "Modules and dependency direction", "Provider selection").
 */
final class JdkEd25519Signer implements Ed25519Signer {
  static final JdkEd25519Signer INSTANCE = new JdkEd25519Signer();
  private static final String ALGORITHM = "Ed25519";
  private static final String PROVIDER = "SunEC";

  private JdkEd25519Signer() {}

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public byte[] publicKey(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM, PROVIDER);
    generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
    KeyPair pair = generator.generateKeyPair();
    destroyQuietly(pair.getPrivate());
    return encode(((EdECPublicKey) pair.getPublic()).getPoint());
  }

  @Override
  public byte[] sign(byte[] seed, byte[] message) throws GeneralSecurityException {
    PrivateKey key = KeyFactory.getInstance(ALGORITHM, PROVIDER).generatePrivate(
        new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    try {
      Signature signer = Signature.getInstance(ALGORITHM, PROVIDER);
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } finally {
      destroyQuietly(key);
    }
  }

  /** RFC 8032 encoding: y little-endian, the parity of x in bit 255. */
  private static byte[] encode(EdECPoint point) {
    byte[] out = new byte[32];
    byte[] be = point.getY().toByteArray();
    for (int i = 0; i < 32 && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    if (point.isXOdd()) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  private static void destroyQuietly(Object key) {
    if (key instanceof Destroyable d && !d.isDestroyed()) {
      try {
        d.destroy();
      } catch (DestroyFailedException notSupportedByThisJdk) {
        // SunEC keys of some JDKs cannot be destroyed; nothing more can be done here
      }
    }
  }

  /** Hands out the seed once, then refuses. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private boolean used;

    SeedRandom(byte[] seed) {
      super(new byte[0]);
      this.seed = seed;
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected draw from the key pair generator");
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }

    @Override
    public String toString() {
      return "SeedRandom";
    }
  }
}
