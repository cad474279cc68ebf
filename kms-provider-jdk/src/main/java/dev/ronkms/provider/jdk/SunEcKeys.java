package dev.ronkms.provider.jdk;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/** Conversions between raw RFC 8032 bytes and SunEC's key objects. */
final class SunEcKeys {
  private static final byte[] CHECK_MESSAGE = "ron-kms key derivation check".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  private SunEcKeys() {}

  static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePrivate(
        new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  /** Decodes a 32-byte encoding; the caller has checked it is canonical. */
  static PublicKey publicKey(byte[] encoded) throws GeneralSecurityException {
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = encoded[31 - i];
    }
    boolean xOdd = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519").generatePublic(
        new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  static byte[] encode(EdECPoint point) {
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

  /**
   * The public key of {@code seed}. SunEC has no public "derive" call; its key pair generator
   * draws exactly the 32 seed bytes from the SecureRandom it is given, so a SecureRandom that
   * returns the seed yields the seed's key pair. The result is checked by signing with the seed
   * and verifying with the derived key, so a JDK that draws differently fails loudly.
   */
  static byte[] derivePublicKey(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
    KeyPair pair = generator.generateKeyPair();
    JdkEd25519Backend.destroyQuietly(pair.getPrivate());
    byte[] encoded = encode(((EdECPublicKey) pair.getPublic()).getPoint());

    PrivateKey key = privateKey(seed);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(CHECK_MESSAGE);
      byte[] sig = signer.sign();
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey(encoded));
      verifier.update(CHECK_MESSAGE);
      if (!verifier.verify(sig)) {
        throw new GeneralSecurityException("derived public key does not match the seed");
      }
    } finally {
      JdkEd25519Backend.destroyQuietly(key);
    }
    return encoded;
  }

  /** Hands out the seed, then refuses: a generator that asks for more is not the one we know. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private boolean used;

    SeedRandom(byte[] seed) {
      super(new byte[0]);
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected draw from the key generator");
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
