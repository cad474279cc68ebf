package dev.ronkms.provider.jdk;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * The project's one codec between raw RFC 8032 Ed25519 bytes (32-byte seeds, 32-byte encoded
 * public keys) and the JDK's SunEC key objects. The jdk backend, the conformance suite's
 * raw-library table and the benchmarks all convert through it.
 *
 * <p>Every JCA object is requested from the {@value #PROVIDER} provider by name
 * ({@code getInstance("Ed25519", "SunEC")}), never from the provider list: a host that installs
 * another JCA provider claiming "Ed25519" (Bouncy Castle's, say) at a higher position does not
 * change what these methods return, so "SunEC" in the project's tables stays true.
 *
 * <p>Stateless and thread-safe; every call makes fresh JCA objects.
 */
public final class SunEcKeys {
  /** The JCA provider every object comes from. */
  public static final String PROVIDER = "SunEC";
  /** The JCA algorithm name. */
  public static final String ALGORITHM = "Ed25519";

  private static final byte[] CHECK_MESSAGE =
      "ron-kms key derivation check".getBytes(StandardCharsets.US_ASCII);

  private SunEcKeys() {}

  /**
   * SunEC's private key for a 32-byte RFC 8032 seed. SunEC keeps its own copy of the seed;
   * {@link #destroyQuietly} it when done.
   *
   * @param seed the private seed
   * @return SunEC's private key for a 32-byte RFC 8032 seed
   * @throws GeneralSecurityException if SunEC is missing or rejects the seed (wrong length)
   */
  public static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM, PROVIDER).generatePrivate(
        new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  /**
   * SunEC's public key for a 32-byte RFC 8032 encoding: bit 255 is the parity of x, the rest is
   * y little-endian. Nothing else is checked here (y &ge; p, a y with no point, small order):
   * SunEC gets the point as encoded, and the caller decides whether to check first.
   *
   * @param encoded the encoded bytes
   * @return SunEC's public key for a 32-byte RFC 8032 encoding: bit 255 is the parity of x, the
   *     rest is y little-endian
   * @throws InvalidKeySpecException if {@code encoded} is not 32 bytes
   * @throws GeneralSecurityException if SunEC is missing or rejects the point
   */
  public static PublicKey publicKey(byte[] encoded) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM, PROVIDER).generatePublic(
        new EdECPublicKeySpec(NamedParameterSpec.ED25519, point(encoded)));
  }

  /**
   * The {@link EdECPoint} of a 32-byte encoding (the inverse of {@link #encode}).
   *
   * @param encoded the encoded bytes
   * @return the {@link EdECPoint} of a 32-byte encoding (the inverse of {@link #encode})
   * @throws InvalidKeySpecException if {@code encoded} is not 32 bytes
   */
  public static EdECPoint point(byte[] encoded) throws InvalidKeySpecException {
    if (encoded == null || encoded.length != 32) {
      throw new InvalidKeySpecException("an Ed25519 public key is 32 bytes");
    }
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = encoded[31 - i];
    }
    boolean xOdd = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    return new EdECPoint(xOdd, new BigInteger(1, be));
  }

  /**
   * The 32-byte RFC 8032 encoding of {@code point} (y little-endian, x's parity in bit 255).
   *
   * @param point the point
   * @return the 32-byte RFC 8032 encoding of {@code point} (y little-endian, x's parity in bit 255)
   */
  public static byte[] encode(EdECPoint point) {
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
   * The 32-byte encoding of a SunEC (or any {@link EdECPublicKey}) public key.
   *
   * @param key the key
   * @return the 32-byte encoding of a SunEC (or any {@link EdECPublicKey}) public key
   */
  public static byte[] encode(EdECPublicKey key) {
    return encode(key.getPoint());
  }

  /**
   * A fresh, uninitialised SunEC {@code Signature} for Ed25519 (pure, no context).
   *
   * @return a fresh, uninitialised SunEC {@code Signature} for Ed25519 (pure, no context)
   * @throws GeneralSecurityException if SunEC is missing
   */
  public static Signature signature() throws GeneralSecurityException {
    return Signature.getInstance(ALGORITHM, PROVIDER);
  }

  /**
   * The 32-byte public key of {@code seed}, computed by SunEC. SunEC has no public "derive"
   * call; its key pair generator draws exactly the 32 seed bytes from the SecureRandom it is
   * given, so a SecureRandom that returns the seed yields the seed's key pair. The result is
   * checked by signing with the seed and verifying with the derived key, so a JDK that draws
   * differently fails loudly instead of returning a wrong key.
   *
   * @param seed the private seed
   * @return the 32-byte public key of {@code seed}, computed by SunEC
   * @throws GeneralSecurityException if SunEC is missing, or the check fails
   */
  public static byte[] derivePublicKey(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM, PROVIDER);
    generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
    KeyPair pair = generator.generateKeyPair();
    destroyQuietly(pair.getPrivate());
    byte[] encoded = encode((EdECPublicKey) pair.getPublic());

    PrivateKey key = privateKey(seed);
    try {
      Signature signer = signature();
      signer.initSign(key);
      signer.update(CHECK_MESSAGE);
      byte[] sig = signer.sign();
      Signature verifier = signature();
      verifier.initVerify(publicKey(encoded));
      verifier.update(CHECK_MESSAGE);
      if (!verifier.verify(sig)) {
        throw new GeneralSecurityException("derived public key does not match the seed");
      }
    } finally {
      destroyQuietly(key);
    }
    return encoded;
  }

  /**
   * Destroys a JCA key object where the JDK supports it (best effort: SunEC's Ed25519 private
   * keys do not implement {@code destroy} on every JDK, and then nothing more can be done).
   *
   * @param key the key
   */
  public static void destroyQuietly(Object key) {
    if (key instanceof Destroyable d && !d.isDestroyed()) {
      try {
        d.destroy();
      } catch (DestroyFailedException notSupportedByThisJdk) {
        // older SunEC keys cannot be destroyed; nothing more can be done from here
      }
    }
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
