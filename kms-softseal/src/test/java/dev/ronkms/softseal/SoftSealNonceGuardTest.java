package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SoftSealProvider}'s repeated-nonce guard where SunJCE's own memory would not catch the
 * repeat (a decryption in between), where only SunJCE's would (two handles of one key), and the
 * associated data given in parts.
 */
class SoftSealNonceGuardTest {
  private static final SealingProvider PROVIDER = new SoftSealProvider();
  private static final byte[] MESSAGE = "a secret".getBytes(StandardCharsets.UTF_8);

  private static byte[] bytes(int length, int fill) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  private static byte[] nonce(int fill) {
    return bytes(SealingProvider.NONCE_LENGTH, fill);
  }

  private static byte[] encrypt(PrivateKeyHandle key, byte[] nonce, byte[]... aad) {
    byte[] out = new byte[MESSAGE.length + SealingProvider.TAG_LENGTH];
    PROVIDER.encrypt(key, nonce, aad, MESSAGE, out, 0);
    return out;
  }

  private static byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[] sealed,
      byte[]... aad) {
    return PROVIDER.decrypt(key, nonce, aad, sealed, 0, sealed.length);
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aDecryptionWithAnotherNonceInBetweenDoesNotHideARepeat(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, bytes(32, 21));
        PrivateKeyHandle other = PROVIDER.importPrivateKey(algorithm, bytes(32, 22))) {
      byte[] first = encrypt(key, nonce(31), bytes(3, 1));
      byte[] elsewhere = encrypt(other, nonce(32), bytes(3, 1));
      // SunJCE's ChaCha20 now remembers only the decryption's (key, nonce)
      assertArrayEquals(MESSAGE, decrypt(other, nonce(32), elsewhere, bytes(3, 1)));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(33), encrypt(key, nonce(33), bytes(3, 1)),
          bytes(3, 1)));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> encrypt(key, nonce(33), bytes(3, 1)));
      // a failed decryption initialises the cipher too
      assertCode(ErrorCode.TAMPERED, () -> decrypt(key, nonce(34), first, bytes(3, 1)));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> encrypt(key, nonce(33), bytes(3, 1)));
      assertFalse(Arrays.equals(first, encrypt(key, nonce(35), bytes(3, 1))));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void theGuardRemembersTheNonceNotJustTheKey(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, bytes(32, 23))) {
      byte[] zero = nonce(0);
      encrypt(key, nonce(41), new byte[0]);
      encrypt(key, zero, new byte[0]); // differs from the last encryption's nonce
      encrypt(key, nonce(41), new byte[0]);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> encrypt(key, nonce(41), new byte[0]));
      byte[] almost = nonce(41);
      almost[SealingProvider.NONCE_LENGTH - 1] ^= 1;
      encrypt(key, almost, new byte[0]);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void twoHandlesOfOneKeyRepeatingANonceAreRefused(Algorithm algorithm) {
    try (PrivateKeyHandle one = PROVIDER.importPrivateKey(algorithm, bytes(32, 24));
        PrivateKeyHandle two = PROVIDER.importPrivateKey(algorithm, bytes(32, 24))) {
      byte[] sealed = encrypt(one, nonce(51), bytes(2, 9));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> encrypt(two, nonce(51), bytes(2, 9)));
      // a decryption with the other handle keeps the memory of the encryption
      assertArrayEquals(MESSAGE, decrypt(two, nonce(51), sealed, bytes(2, 9)));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> encrypt(two, nonce(51), bytes(2, 9)));
      assertArrayEquals(MESSAGE, decrypt(one, nonce(51), sealed, bytes(2, 9)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void associatedDataInPartsIsTheirConcatenation(Algorithm algorithm) {
    try (PrivateKeyHandle key = PROVIDER.importPrivateKey(algorithm, bytes(32, 25))) {
      byte[] whole = encrypt(key, nonce(61), new byte[] {1, 2, 3, 4, 5});
      byte[] parts = encrypt(key, nonce(62), new byte[] {1, 2}, new byte[0],
          new byte[] {3, 4, 5});
      assertArrayEquals(MESSAGE, decrypt(key, nonce(62), parts, new byte[] {1, 2, 3, 4, 5}));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(61), whole, new byte[] {1, 2},
          new byte[] {3}, new byte[] {4, 5}));
      assertCode(ErrorCode.TAMPERED, () -> decrypt(key, nonce(61), whole, new byte[] {1, 2},
          new byte[] {4, 3, 5}));
      // no associated data: no part, one empty part, and several empty parts agree
      byte[] none = encrypt(key, nonce(63));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(63), none, new byte[0]));
      assertArrayEquals(MESSAGE, decrypt(key, nonce(63), none, new byte[0], new byte[0]));
      assertCode(ErrorCode.TAMPERED, () -> decrypt(key, nonce(63), none, new byte[1]));
      assertEquals(MESSAGE.length + SealingProvider.TAG_LENGTH, none.length);
    }
  }
}
