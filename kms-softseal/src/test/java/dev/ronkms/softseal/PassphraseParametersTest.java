package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ronkms.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link PassphraseParameters}: defaults, bounds, the encoded form and value semantics. */
class PassphraseParametersTest {
  private static final byte[] SALT = "saltsaltsaltsalt".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theDefaultsAre64MiB3Passes1LaneAndAFreshSalt() {
    PassphraseParameters a = PassphraseParameters.generate();
    PassphraseParameters b = PassphraseParameters.generate();
    assertEquals(65536, a.memoryKiB());
    assertEquals(3, a.iterations());
    assertEquals(1, a.parallelism());
    assertEquals(16, a.salt().length);
    assertFalse(Arrays.equals(a.salt(), b.salt()), "each call draws a salt");
    PassphraseParameters test = PassphraseParameters.testSize();
    assertEquals(64, test.memoryKiB());
    assertEquals(1, test.iterations());
    assertEquals(1, test.parallelism());
  }

  @Test
  void theEncodedFormIsThePhcStringWithoutAHashAndParsesBack() {
    PassphraseParameters p = new PassphraseParameters(65536, 3, 1, SALT);
    assertEquals("argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA", p.encode());
    assertEquals("PassphraseParameters[argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA]",
        p.toString());
    assertEquals(p, PassphraseParameters.parse(p.encode()));
    PassphraseParameters random = PassphraseParameters.generate();
    assertEquals(random, PassphraseParameters.parse(random.encode()));
    for (String bad : new String[] {null, "", "argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "argon2id$v=16$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "argon2id$v=19$m=065536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "argon2id$v=19$m=65536,t=3,p=1$c2FsdA", "argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA==",
        "argon2id$v=19$m=9999999999,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "argon2id$v=19$m=65536,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdB",
        " argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA"}) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> PassphraseParameters.parse(bad));
    }
  }

  @Test
  void everyBoundIsChecked() {
    new PassphraseParameters(8, 1, 1, SALT);
    new PassphraseParameters(4 * 1024 * 1024, 1024, 64, new byte[64]);
    new PassphraseParameters(16, 1, 2, SALT);
    int[][] bad = {{7, 1, 1}, {15, 1, 2}, {4 * 1024 * 1024 + 1, 1, 1}, {64, 0, 1},
        {64, 1025, 1}, {1024, 1, 0}, {1024, 1, 65}, {-1, 1, 1}};
    for (int[] b : bad) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> new PassphraseParameters(b[0], b[1], b[2],
          SALT));
    }
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new PassphraseParameters(64, 1, 1, null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new PassphraseParameters(64, 1, 1,
        new byte[15]));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new PassphraseParameters(64, 1, 1,
        new byte[65]));
  }

  @Test
  void theSaltIsCopiedAndEqualityIsByValue() {
    byte[] salt = SALT.clone();
    PassphraseParameters p = new PassphraseParameters(64, 1, 1, salt);
    salt[0] ^= 1;
    assertArrayEquals(SALT, p.salt());
    p.salt()[0] ^= 1;
    assertArrayEquals(SALT, p.salt());
    PassphraseParameters same = new PassphraseParameters(64, 1, 1, SALT.clone());
    assertEquals(p, same);
    assertEquals(p.hashCode(), same.hashCode());
    assertNotEquals(p, new PassphraseParameters(64, 1, 1, salt));
    assertNotEquals(p, new PassphraseParameters(72, 1, 1, SALT));
    assertNotEquals(p, new PassphraseParameters(64, 2, 1, SALT));
    assertNotEquals(p, new PassphraseParameters(64, 1, 2, SALT));
    assertNotEquals(p, null);
  }
}
