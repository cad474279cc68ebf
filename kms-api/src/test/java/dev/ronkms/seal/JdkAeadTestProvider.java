package dev.ronkms.seal;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SoftwareSealingProvider;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-scope AEAD provider on the JDK's ciphers, a fresh {@link Cipher} per call (kms-api's
 * tests cannot reach kms-softseal, which depends on kms-api).
 */
final class JdkAeadTestProvider extends SoftwareSealingProvider {

  JdkAeadTestProvider() {
    super("jdk-aead-test", 1, Set.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305));
  }

  /** A cipher for {@code algorithm} set up for {@code mode}. */
  static Cipher cipher(Algorithm algorithm, int mode, byte[] key, byte[] nonce)
      throws Exception {
    if (algorithm == Algorithm.AES_256_GCM) {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      return c;
    }
    Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
    c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    return c;
  }

  @Override
  protected void encryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] plaintext, byte[] out, int outOffset) throws Exception {
    Cipher c = cipher(algorithm, Cipher.ENCRYPT_MODE, key, nonce);
    for (byte[] part : associatedData) {
      c.updateAAD(part);
    }
    c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
  }

  @Override
  protected byte[] decryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
      byte[][] associatedData, byte[] input, int offset, int length) throws Exception {
    Cipher c = cipher(algorithm, Cipher.DECRYPT_MODE, key, nonce);
    for (byte[] part : associatedData) {
      c.updateAAD(part);
    }
    try {
      return c.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      return null;
    }
  }
}
