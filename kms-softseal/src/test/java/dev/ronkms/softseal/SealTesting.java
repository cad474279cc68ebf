package dev.ronkms.softseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/** What the sealing tests of this module share: fixed keys, keyrings, and the error check. */
final class SealTesting {
  /** The keyring reference the tests use. */
  static final String REFERENCE = "host/secrets";

  private SealTesting() {}

  /** A 32-byte key filled from a seeded generator: the same {@code seed}, the same key. */
  static byte[] key(long seed) {
    byte[] key = new byte[32];
    new Random(seed).nextBytes(key);
    return key;
  }

  /** A keyring named {@link #REFERENCE} with versions v1.. made from {@code seeds}. */
  static KeyringSealer keyring(Algorithm algorithm, AntiRollback policy, long... seeds) {
    KeyringSealer.Builder b = KeyringSealer.builder(REFERENCE).algorithm(algorithm)
        .antiRollback(policy);
    for (long seed : seeds) {
      b.addVersion(key(seed));
    }
    return b.build();
  }

  /** Asserts {@code call} throws a {@link KmsException} with {@code code}; returns it. */
  static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  /** True when {@code needle} occurs in {@code haystack}. */
  static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
