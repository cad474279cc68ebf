package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.SealingProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of a {@link KemEnvelope} after the KEM: the one-envelope AES-256-GCM data key
 * derived from the ML-KEM shared secret with HKDF-SHA256 exactly as {@link KemEnvelope}'s class
 * comment (and docs/API.md, "KEM envelope format") says, and the AEAD under it, with the nonce
 * taken from the header's last 12 bytes.
 *
 * <p>Guarantees: the PRK and the data key are zeroised before every method returns (the JDK's
 * {@code SecretKeySpec} and cipher keep copies the library cannot clear; docs/SECURITY.md,
 * "Copies of sealing keys in the heap"); the shared secret is the caller's to zeroise.
 * Thread-safe: the digest, MAC and cipher are per thread, and one that failed mid-call is
 * dropped, not reused.
 */
final class KemDataKey {
  /** The HKDF info label, ASCII. */
  static final byte[] LABEL = "ron-kms kem seal v1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = SealingProvider.NONCE_LENGTH;
  private static final int TAG = SealingProvider.TAG_LENGTH;
  private static final int KEY = 32;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(
      () -> jca(() -> MessageDigest.getInstance("SHA-256")));
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(
      () -> jca(() -> Mac.getInstance("HmacSHA256")));
  private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(
      () -> jca(() -> Cipher.getInstance("AES/GCM/NoPadding")));

  private KemDataKey() {}

  /** SHA-256 of {@code data}. */
  static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  /**
   * {@code header} followed by the AES-256-GCM ciphertext and tag of {@code plaintext}, under
   * the data key of {@code sharedSecret}.
   *
   * @throws KmsException {@code BACKEND_FAILURE} when HMAC-SHA256 or AES-GCM fails
   */
  static byte[] seal(byte[] sharedSecret, byte[] header, byte[] encapsulationKey,
      byte[] plaintext, byte[] associatedData) {
    byte[] key = derive(sharedSecret, header, encapsulationKey);
    try {
      byte[] out = Arrays.copyOf(header, header.length + plaintext.length + TAG);
      Cipher gcm = GCM.get();
      try {
        init(gcm, Cipher.ENCRYPT_MODE, key, header, associatedData);
        int n = gcm.doFinal(plaintext, 0, plaintext.length, out, header.length);
        if (n != plaintext.length + TAG) {
          throw new KmsException(ErrorCode.BACKEND_FAILURE, "AES-GCM wrote " + n + " bytes");
        }
      } catch (GeneralSecurityException | RuntimeException e) {
        if (e instanceof KmsException k) {
          throw k;
        }
        throw failed(e);
      }
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The plaintext of {@code sealed} (header, ciphertext, tag; the header as given) under the
   * data key of {@code sharedSecret}.
   *
   * @throws KmsException {@code TAMPERED} when authentication fails; {@code BACKEND_FAILURE}
   *     when HMAC-SHA256 or AES-GCM fails otherwise
   */
  static byte[] open(byte[] sharedSecret, byte[] header, byte[] encapsulationKey,
      byte[] associatedData, byte[] sealed) {
    byte[] key = derive(sharedSecret, header, encapsulationKey);
    try {
      Cipher gcm = GCM.get();
      try {
        init(gcm, Cipher.DECRYPT_MODE, key, header, associatedData);
        return gcm.doFinal(sealed, header.length, sealed.length - header.length);
      } catch (AEADBadTagException e) {
        throw HeaderBytes.tampered();
      } catch (GeneralSecurityException | RuntimeException e) {
        throw failed(e);
      }
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The 32-byte data key: HKDF-SHA256 as in {@link KemEnvelope}'s class comment. */
  static byte[] derive(byte[] sharedSecret, byte[] header, byte[] encapsulationKey) {
    MessageDigest sha = SHA256.get();
    sha.update(header);
    sha.update(encapsulationKey);
    byte[] transcript = sha.digest();
    Mac hmac = HMAC.get();
    byte[] prk = null;
    try {
      hmac.init(new SecretKeySpec(new byte[KEY], "HmacSHA256"));
      prk = hmac.doFinal(sharedSecret);
      hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
      hmac.update(LABEL);
      hmac.update(transcript);
      hmac.update((byte) 1);
      return hmac.doFinal();
    } catch (GeneralSecurityException | RuntimeException e) {
      HMAC.remove();
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "HMAC-SHA256 failed: "
          + e.getClass().getName());
    } finally {
      if (prk != null) {
        Arrays.fill(prk, (byte) 0);
      }
    }
  }

  /** Sets {@code gcm} up under {@code key}, the header's nonce, and aad = header || caller's. */
  private static void init(Cipher gcm, int mode, byte[] key, byte[] header,
      byte[] associatedData) throws GeneralSecurityException {
    byte[] nonce = Arrays.copyOfRange(header, header.length - NONCE, header.length);
    gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
    gcm.updateAAD(header);
    gcm.updateAAD(associatedData);
  }

  /** Drops this thread's cipher (one that failed mid-call is not reused): BACKEND_FAILURE. */
  private static KmsException failed(Exception e) {
    GCM.remove();
    return new KmsException(ErrorCode.BACKEND_FAILURE, "AES-GCM failed: "
        + e.getClass().getName());
  }

  @FunctionalInterface
  private interface JcaFactory<T> {
    T make() throws GeneralSecurityException;
  }

  private static <T> T jca(JcaFactory<T> factory) {
    try {
      return factory.make();
    } catch (GeneralSecurityException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "the JDK lacks "
          + e.getClass().getName(), e);
    }
  }
}
