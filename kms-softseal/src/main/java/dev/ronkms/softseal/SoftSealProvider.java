package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSealingProvider;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.lang.ref.WeakReference;
import java.util.Arrays;
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
 * <p>Guarantees: as {@link SoftwareSealingProvider}; an encryption with the same key (handle, or
 * another handle of the same key bytes) and nonce as the previous encryption of its algorithm on
 * the same thread is refused with
 * {@code INVALID_ARGUMENT} on every JDK (SunJCE's own refusals of a repeat are reported the same
 * way, never ignored); a decryption is never refused, nor an encryption whose key and nonce
 * only a decryption used before (SunJCE's ChaCha20 on JDK 17 would refuse both; see
 * {@code Ciphers}). This guard catches a caller or a random source that repeats a nonce; it is
 * no substitute for fresh nonces. Thread-safe.
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
   * One thread's ciphers, made on first use, and the guard against a repeated nonce.
   *
   * <p>The provider refuses an encryption with the same key handle and nonce as the previous
   * encryption of that algorithm on this thread, whatever the JDK. SunJCE has checks of its own
   * that differ between JDKs, which this class respects without letting them refuse legitimate
   * calls:
   * <ul>
   *   <li>AES-GCM refuses an encryption init with the key bytes and nonce of the previous
   *       <em>encryption</em> init; decryptions are never refused.</li>
   *   <li>ChaCha20-Poly1305 on JDK 17 refuses <em>any</em> init (either mode) with the key and
   *       nonce of the previous init. A refused decryption, or an encryption refused because the
   *       cipher's state came from a decryption, is legitimate: an init with another nonce clears
   *       the memory, then the real init runs. An encryption refused because the state came from
   *       an encryption is a repeated (key, nonce): {@code INVALID_ARGUMENT}, as for AES.</li>
   * </ul>
   */
  private static final class Ciphers {
    private Cipher aes;
    private Cipher chacha;
    private final LastEncryption lastAes = new LastEncryption();
    private final LastEncryption lastChaCha = new LastEncryption();
    /** True while ChaCha's remembered (key, nonce) is that of an encryption on this thread. */
    private boolean chachaStateFromEncryption;

    Cipher initAes(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
      if (aes == null) {
        aes = cipher("AES/GCM/NoPadding");
      }
      boolean encrypt = mode == Cipher.ENCRYPT_MODE;
      if (encrypt && lastAes.repeats(key, nonce)) {
        throw repeatedNonce();
      }
      try {
        aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8,
            nonce));
      } catch (InvalidAlgorithmParameterException reuse) {
        if (encrypt) {
          throw repeatedNonce();
        }
        throw reuse;
      }
      if (encrypt) {
        lastAes.record(key, nonce);
      }
      return aes;
    }

    Cipher initChaCha(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
      if (chacha == null) {
        chacha = cipher("ChaCha20-Poly1305");
      }
      boolean encrypt = mode == Cipher.ENCRYPT_MODE;
      if (encrypt && lastChaCha.repeats(key, nonce)) {
        throw repeatedNonce();
      }
      SecretKeySpec spec = new SecretKeySpec(key, "ChaCha20");
      try {
        chacha.init(mode, spec, new IvParameterSpec(nonce));
        chachaStateFromEncryption = encrypt;
      } catch (InvalidAlgorithmParameterException | InvalidKeyException sameAsLastInit) {
        if (encrypt && chachaStateFromEncryption) {
          throw repeatedNonce();
        }
        byte[] other = nonce.clone();
        other[0] ^= 1;
        chacha.init(mode, spec, new IvParameterSpec(other));
        chacha.init(mode, spec, new IvParameterSpec(nonce));
        // the state is again the refused init's (key, nonce); only an encryption changes whose
        chachaStateFromEncryption |= encrypt;
      }
      if (encrypt) {
        lastChaCha.record(key, nonce);
      }
      return chacha;
    }
  }

  /**
   * The last encryption of one algorithm on one thread: the key array the handle lent (held
   * weakly, so a dropped handle's key is not kept reachable), a 32-bit digest of the key's
   * bytes (so another handle of the same key bytes repeats too, whatever the JDK's own cipher
   * remembers), and a copy of the nonce. The nonce is compared first: the key is looked at
   * only when the nonce repeats.
   */
  private static final class LastEncryption {
    private WeakReference<byte[]> key = new WeakReference<>(null);
    private int keyDigest;
    private final byte[] nonce = new byte[NONCE_LENGTH];

    boolean repeats(byte[] lentKey, byte[] newNonce) {
      return Arrays.equals(nonce, newNonce)
          && (key.get() == lentKey || keyDigest == Arrays.hashCode(lentKey));
    }

    void record(byte[] lentKey, byte[] usedNonce) {
      if (key.get() != lentKey) {
        key = new WeakReference<>(lentKey);
        keyDigest = Arrays.hashCode(lentKey);
      }
      System.arraycopy(usedNonce, 0, nonce, 0, NONCE_LENGTH);
    }
  }

  private static KmsException repeatedNonce() {
    return new KmsException(ErrorCode.INVALID_ARGUMENT, "refused to encrypt twice in a row with"
        + " one key and nonce");
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
