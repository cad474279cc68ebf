package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.Sealer;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A tiny AES-256-GCM sealer for tests: nonce (12) || ciphertext and tag. */
final class TestSealer implements Sealer {
  private final SecretKeySpec key;

  TestSealer(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  static TestSealer random() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new TestSealer(key);
  }

  byte[] key() {
    return key.getEncoded();
  }

  @Override
  public String algorithm() {
    return "AES-256-GCM";
  }

  @Override
  public String keyReference() {
    return "test";
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    try {
      byte[] nonce = new byte[12];
      new SecureRandom().nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(associatedData);
      byte[] body = c.doFinal(plaintext);
      return ByteBuffer.allocate(12 + body.length).put(nonce).put(body).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
      c.updateAAD(associatedData);
      return c.doFinal(sealed, 12, sealed.length - 12);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new KmsException(ErrorCode.TAMPERED, "test sealer");
    }
  }
}
