package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSealingProvider;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code softseal} provider: AES-256-GCM and ChaCha20-Poly1305 (RFC 8439) on the JDK's own
 * SunJCE ciphers, with 96-bit nonces and 128-bit tags. One {@link Cipher} per thread and
 * algorithm is reused: {@code Cipher.getInstance} costs about five seals.
 *
 * <p>Guarantees: as {@link SoftwareSealingProvider}; the JDK refuses to encrypt twice in a row
 * with the same key and nonce on one cipher, and that refusal is reported as
 * {@code INVALID_ARGUMENT}, never ignored. Thread-safe.
 */
public final class SoftSealProvider extends SoftwareSealingProvider {
  /** The provider's name, for {@code kms.provider.aes-256-gcm=softseal} and friends. */
  public static final String NAME = "softseal";

  private static final ThreadLocal<Cipher> AES = ThreadLocal.withInitial(
      () -> cipher("AES/GCM/NoPadding"));
  private static final ThreadLocal<Cipher> CHACHA = ThreadLocal.withInitial(
      () -> cipher("ChaCha20-Poly1305"));

  /** ServiceLoader's no-arg constructor. */
  public SoftSealProvider() {
    super(NAME, 100, Set.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305));
  }

  @Override
  protected void encryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] plaintext, byte[] out, int outOffset)
      throws GeneralSecurityException {
    Cipher c = init(algorithm, Cipher.ENCRYPT_MODE, key, nonce);
    for (byte[] part : associatedData) {
      c.updateAAD(part);
    }
    c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
  }

  @Override
  protected byte[] decryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] input, int offset, int length)
      throws GeneralSecurityException {
    Cipher c = init(algorithm, Cipher.DECRYPT_MODE, key, nonce);
    for (byte[] part : associatedData) {
      c.updateAAD(part);
    }
    try {
      return c.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      return null;
    }
  }

  private static Cipher init(Algorithm algorithm, int mode, byte[] key, byte[] nonce)
      throws GeneralSecurityException {
    boolean aes = algorithm == Algorithm.AES_256_GCM;
    Cipher c = (aes ? AES : CHACHA).get();
    SecretKeySpec spec = new SecretKeySpec(key, aes ? "AES" : "ChaCha20");
    AlgorithmParameterSpec params = aes ? new GCMParameterSpec(TAG_LENGTH * 8, nonce)
        : new IvParameterSpec(nonce);
    try {
      c.init(mode, spec, params);
    } catch (InvalidAlgorithmParameterException | InvalidKeyException reuse) {
      if (mode == Cipher.ENCRYPT_MODE) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the cipher refused to encrypt"
            + " twice with one key and nonce");
      }
      if (aes) {
        throw reuse;
      }
      // SunJCE's ChaCha20 refuses any init that repeats the previous key and nonce, even to
      // decrypt the same envelope twice; an init with another nonce clears that memory.
      byte[] other = nonce.clone();
      other[0] ^= 1;
      c.init(mode, spec, new IvParameterSpec(other));
      c.init(mode, spec, params);
    }
    return c;
  }

  private static Cipher cipher(String transformation) {
    try {
      return Cipher.getInstance(transformation, "SunJCE");
    } catch (GeneralSecurityException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "the JDK has no " + transformation
          + ": " + e.getClass().getName(), e);
    }
  }
}
