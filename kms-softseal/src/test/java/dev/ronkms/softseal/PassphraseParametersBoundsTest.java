package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PassphraseParameters}: the memory floor grows with the lanes; hashes tell fields apart. */
class PassphraseParametersBoundsTest {
  private static final byte[] SALT = new byte[PassphraseParameters.SALT_LENGTH];

  @Test
  void theMemoryFloorIsEightKiBPerLane() {
    new PassphraseParameters(32, 1, 4, SALT);
    String message = assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> new PassphraseParameters(31, 1, 4, SALT)).getMessage();
    assertTrue(message.contains("memory is 32.."), message);
    new PassphraseParameters(16, 1, 2, SALT);
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new PassphraseParameters(15, 1, 2, SALT));
  }

  @Test
  void parametersThatDifferInOneFieldHashDifferently() {
    Set<Integer> hashes = new HashSet<>();
    int count = 0;
    for (int memory = 64; memory <= 66; memory++) {
      for (int iterations = 1; iterations <= 3; iterations++) {
        for (int lanes = 1; lanes <= 3; lanes++) {
          PassphraseParameters p = new PassphraseParameters(memory, iterations, lanes, SALT);
          assertEquals(p.hashCode(), new PassphraseParameters(memory, iterations, lanes,
              SALT.clone()).hashCode());
          hashes.add(p.hashCode());
          count++;
        }
      }
    }
    assertEquals(count, hashes.size(), "hash codes collide for parameters that differ");
  }
}
