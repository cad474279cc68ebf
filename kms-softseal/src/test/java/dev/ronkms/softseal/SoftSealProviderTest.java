package dev.ronkms.softseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SoftSealProvider} on what the vectors do not show: an encryption repeating the previous
 * encryption's key handle and nonce on a thread is refused, and nothing else is, whatever the
 * order of calls and whichever JDK (SunJCE's own memory of the last key and nonce differs
 * between JDK 17 and 25).
 */
class SoftSealProviderTest {
  private static final SealingProvider PROVIDER = new SoftSealProvider();
  private static final byte[][] AAD = {"aad".getBytes(StandardCharsets.UTF_8)};
  private static final byte[] MESSAGE = "a secret".getBytes(StandardCharsets.UTF_8);

  private static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  private static byte[] nonce(int fill) {
    byte[] nonce = new byte[SealingProvider.NONCE_LENGTH];
    Arrays.fill(nonce, (byte) fill);
    return nonce;
  }

  private static byte[] encrypt(PrivateKeyHandle key, byte[] nonce) {
    byte[] out = new byte[MESSAGE.length + SealingProvider.TAG_LENGTH];
    PROVIDER.encrypt(key, nonce, AAD, MESSAGE, out, 0);
    return out;
  }

  private static byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[] sealed) {
    return PROVIDER.decrypt(key, nonce, AAD, sealed, 0, sealed.length);
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void encryptingTwiceInARowWithOneKeyAndNonceIsRefused(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, key(1))) {
      encrypt(key, nonce(7));
      KmsException e = assertThrows(KmsException.class, () -> encrypt(key, nonce(7)));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void openingWhatWasJustSealedThenSealingAgainWithThatNonceIsStillRefused(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, key(2))) {
      byte[] sealed = encrypt(key, nonce(8));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(8), sealed));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(8), sealed));
      KmsException e = assertThrows(KmsException.class, () -> encrypt(key, nonce(8)));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void decryptionsAndAnEncryptionAfterADecryptionAreNeverRefused(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, key(3));
        PrivateKeyHandle other = PROVIDER.importPrivateKey(algorithm, key(4))) {
      byte[] sealed = encrypt(key, nonce(9));
      encrypt(other, nonce(10)); // the cipher's state moves on
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(MESSAGE, decrypt(key, nonce(9), sealed));
      }
      // state now from decryptions of (key, 9): an encryption with them is not a repeat here
      // for ChaCha's memory; AES remembers (other, 10) as its last encryption
      assertArrayEquals(sealed, encrypt(key, nonce(9)));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(9), sealed));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void oneNonceUnderTwoKeysIsNotARepeatAndOnlyARepeatInARowIsCaught(Algorithm algorithm) {
    try (PrivateKeyHandle one = PROVIDER.importPrivateKey(algorithm, key(6));
        PrivateKeyHandle two = PROVIDER.importPrivateKey(algorithm, key(7))) {
      byte[] first = encrypt(one, nonce(12));
      byte[] second = encrypt(two, nonce(12));
      assertArrayEquals(first, encrypt(one, nonce(12)), "not in a row: the guard is no ledger");
      assertEquals(MESSAGE.length + SealingProvider.TAG_LENGTH, second.length);
      assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
          () -> encrypt(one, nonce(12))).code());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aWrongTagAfterARefusedInitIsStillTampered(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, key(5))) {
      byte[] sealed = encrypt(key, nonce(11));
      sealed[sealed.length - 1] ^= 1;
      for (int i = 0; i < 2; i++) {
        KmsException e = assertThrows(KmsException.class, () -> decrypt(key, nonce(11), sealed));
        assertEquals(ErrorCode.TAMPERED, e.code());
      }
    }
  }

  @Test
  void servesBothAeadAlgorithmsUnderItsName() {
    assertEquals("softseal", PROVIDER.name());
    assertEquals(Set.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305),
        PROVIDER.algorithms());
    assertEquals(100, PROVIDER.priority());
  }
}
