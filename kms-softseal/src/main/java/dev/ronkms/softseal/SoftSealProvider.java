package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSealingProvider;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
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
 * {@code INVALID_ARGUMENT}, never ignored; any decryption, and an encryption after a decryption
 * with the same key and nonce, is never refused (SunJCE's ChaCha20 would refuse both; see
 * {@code Ciphers}). Thread-safe.
 */
public final class SoftSealProvider extends SoftwareSealingProvider {
  /** The provider's name, for {@code kms.provider.aes-256-gcm=softseal} and friends. */
  public static final String NAME = "softseal";

  private static final ThreadLocal<Ciphers> CIPHERS = ThreadLocal.withInitial(Ciphers::new);

  /** ServiceLoader's no-arg constructor. */
  public SoftSealProvider() {
    super(NAME, 100, Set.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305));
  }

  @Override
  protected void encryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] plaintext, byte[] out, int outOffset)
      throws GeneralSecurityException {
    Cipher c = init(algorithm, Cipher.ENCRYPT_MODE, key, nonce);
    updateAad(c, associatedData);
    c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
  }

  @Override
  protected byte[] decryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] input, int offset, int length)
      throws GeneralSecurityException {
    Cipher c = init(algorithm, Cipher.DECRYPT_MODE, key, nonce);
    updateAad(c, associatedData);
    try {
      return c.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      return null;
    }
  }

  /**
   * Feeds the associated data in one call: SunJCE's GCM buffers each call in a synchronized
   * stream that grows per part, so joining the (small) parts first is cheaper.
   */
  private static void updateAad(Cipher c, byte[][] parts) {
    if (parts.length == 1) {
      c.updateAAD(parts[0]);
      return;
    }
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] joined = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    if (length > 0) {
      c.updateAAD(joined);
    }
  }

  private static Cipher init(Algorithm algorithm, int mode, byte[] key, byte[] nonce)
      throws GeneralSecurityException {
    Ciphers ciphers = CIPHERS.get();
    return algorithm == Algorithm.AES_256_GCM ? ciphers.initAes(mode, key, nonce)
        : ciphers.initChaCha(mode, key, nonce);
  }

  /**
   * One thread's ciphers, made on first use. SunJCE keeps a memory per cipher that this class
   * must respect without letting it refuse legitimate calls:
   * <ul>
   *   <li>AES-GCM refuses an encryption init with the key and nonce of the previous
   *       <em>encryption</em> init; decryptions are never refused.</li>
   *   <li>ChaCha20-Poly1305 refuses <em>any</em> init (either mode) with the key and nonce of
   *       the previous init. A refused decryption, or an encryption refused because the cipher's
   *       state came from a decryption, is legitimate: an init with another nonce clears the
   *       memory, then the real init runs. An encryption refused because the state came from an
   *       encryption is a repeated (key, nonce): {@code INVALID_ARGUMENT}, as for AES.</li>
   * </ul>
   */
  private static final class Ciphers {
    private Cipher aes;
    private Cipher chacha;
    /** True while ChaCha's remembered (key, nonce) is that of an encryption on this thread. */
    private boolean chachaStateFromEncryption;

    Cipher initAes(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
      if (aes == null) {
        aes = cipher("AES/GCM/NoPadding");
      }
      try {
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8,
            nonce));
      } catch (InvalidAlgorithmParameterException reuse) {
        if (mode == Cipher.ENCRYPT_MODE) {
          throw repeatedNonce();
        }
        throw reuse;
      }
      return aes;
    }

    Cipher initChaCha(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
      if (chacha == null) {
        chacha = cipher("ChaCha20-Poly1305");
      }
      SecretKeySpec spec = new SecretKeySpec(key, "ChaCha20");
      try {
        chacha.init(mode, spec, new IvParameterSpec(nonce));
      } catch (InvalidAlgorithmParameterException | InvalidKeyException sameAsLastInit) {
        if (mode == Cipher.ENCRYPT_MODE && chachaStateFromEncryption) {
          throw repeatedNonce();
        }
        byte[] other = nonce.clone();
        other[0] ^= 1;
        chacha.init(mode, spec, new IvParameterSpec(other));
        chacha.init(mode, spec, new IvParameterSpec(nonce));
        // the state is again the refused init's (key, nonce); only an encryption changes whose
        chachaStateFromEncryption |= mode == Cipher.ENCRYPT_MODE;
        return chacha;
      }
      chachaStateFromEncryption = mode == Cipher.ENCRYPT_MODE;
      return chacha;
    }
  }

  private static KmsException repeatedNonce() {
    return new KmsException(ErrorCode.INVALID_ARGUMENT, "the cipher refused to encrypt twice"
        + " in a row with one key and nonce");
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
