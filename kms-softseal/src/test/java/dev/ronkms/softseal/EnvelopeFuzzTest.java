package dev.ronkms.softseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded fuzzing of {@link Envelope#parse} and {@link KeyringSealer#open}: random bytes, bytes
 * behind a valid magic and version, random values in the length and header fields, and
 * mutations of genuine envelopes (bit flips, byte overwrites, insertions, deletions,
 * truncations, extensions, splices of two envelopes, other associated data). Whatever the input,
 * {@code parse} returns an envelope or throws {@code TAMPERED}, and {@code open} either returns
 * the exact plaintext of a genuine envelope given byte for byte with its own associated data,
 * or throws a {@link KmsException} whose code is one of {@code TAMPERED},
 * {@code VERSION_NOT_FOUND}, {@code VERSION_DISABLED}, {@code ROLLBACK}: never another exception
 * and never other plaintext. A failure names the seed and the input's index, so it replays.
 */
class EnvelopeFuzzTest {
  private static final int INPUTS_PER_SEED = 3_000;
  private static final int GENUINE = 16;
  private static final Set<ErrorCode> OPEN_CODES = Set.of(ErrorCode.TAMPERED,
      ErrorCode.VERSION_NOT_FOUND, ErrorCode.VERSION_DISABLED, ErrorCode.ROLLBACK);

  static Stream<Arguments> seeds() {
    return Stream.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305)
        .flatMap(a -> Stream.of(1L, 2L, 3L, 20261130L).map(seed -> Arguments.of(a, seed)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("seeds")
  void anyInputIsATypedRefusalOrTheExactGenuinePlaintext(Algorithm algorithm, long seed) {
    Random random = new Random(seed);
    Map<ErrorCode, Integer> outcomes = new EnumMap<>(ErrorCode.class);
    int opened = 0;
    // v2 disabled, v3 head: mutated version fields reach every branch of the version lookup
    try (KeyringSealer sealer = KeyringSealer.builder(SealTesting.REFERENCE)
        .algorithm(algorithm).addVersion(SealTesting.key(1)).addVersion(SealTesting.key(2))
        .addVersion(SealTesting.key(3)).disable(2).build()) {
      byte[][] plaintexts = new byte[GENUINE][];
      byte[][] aads = new byte[GENUINE][];
      byte[][] genuine = new byte[GENUINE][];
      for (int i = 0; i < GENUINE; i++) {
        plaintexts[i] = randomBytes(random, random.nextInt(64));
        // two envelopes per context: the first is stale under the counter (ROLLBACK)
        aads[i] = ("context-" + i / 2).getBytes(StandardCharsets.UTF_8);
        genuine[i] = sealer.seal(plaintexts[i], aads[i]);
      }
      for (int n = 0; n < INPUTS_PER_SEED; n++) {
        int source = random.nextInt(GENUINE);
        byte[] input = input(random, genuine, source);
        byte[] aad = random.nextInt(10) == 0 ? aads[random.nextInt(GENUINE)] : aads[source];
        String where = algorithm + " seed " + seed + " input " + n;
        try {
          checkParse(input);
          byte[] plaintext = sealer.open(input, aad);
          int match = indexOf(genuine, input);
          assertTrue(match >= 0, where + ": opened an input that is no genuine envelope");
          assertArrayEquals(aads[match], aad, where + ": opened under other associated data");
          assertEquals(1, match % 2, where + ": opened a stale envelope");
          assertArrayEquals(plaintexts[match], plaintext, where + ": other plaintext");
          opened++;
        } catch (KmsException e) {
          assertTrue(OPEN_CODES.contains(e.code()), where + ": code " + e.code());
          outcomes.merge(e.code(), 1, Integer::sum);
        } catch (RuntimeException | Error e) {
          fail(where + ": " + e, e);
        }
      }
    }
    assertTrue(opened > 0, "no genuine envelope was opened: the fuzzer is vacuous");
    for (ErrorCode code : OPEN_CODES) {
      assertTrue(outcomes.getOrDefault(code, 0) > 0, "no input reached " + code + ": "
          + outcomes);
    }
  }

  /** parse accepts or throws TAMPERED, nothing else; an accepted envelope is consistent. */
  private static void checkParse(byte[] input) {
    Envelope envelope;
    try {
      envelope = Envelope.parse(input);
    } catch (KmsException e) {
      assertEquals(ErrorCode.TAMPERED, e.code());
      return;
    }
    assertTrue(envelope.keyVersion() >= 1);
    assertTrue(envelope.plaintextLength() >= 0);
    assertArrayEquals(input, envelope.toByteArray());
    assertTrue(envelope.toString().startsWith("Envelope["));
  }

  private static int indexOf(byte[][] genuine, byte[] input) {
    for (int i = 0; i < genuine.length; i++) {
      if (Arrays.equals(genuine[i], input)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] input(Random random, byte[][] genuine, int source) {
    byte[] g = genuine[source].clone();
    switch (random.nextInt(12)) {
      case 0:
        return randomBytes(random, random.nextInt(160));
      case 1: {
        byte[] b = randomBytes(random, 5 + random.nextInt(150));
        System.arraycopy(new byte[] {'R', 'K', 'S', 'E', 1}, 0, b, 0, 5);
        return b;
      }
      case 2:
        return g; // unmodified: opens, or is stale under the counter
      case 3: {
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          int i = random.nextInt(g.length);
          g[i] ^= (byte) (1 << random.nextInt(8));
        }
        return g;
      }
      case 4: {
        g[random.nextInt(g.length)] = (byte) random.nextInt(256);
        return g;
      }
      case 5: {
        int at = random.nextInt(g.length + 1);
        byte[] extra = randomBytes(random, 1 + random.nextInt(20));
        byte[] out = new byte[g.length + extra.length];
        System.arraycopy(g, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(g, at, out, at + extra.length, g.length - at);
        return out;
      }
      case 6: {
        int from = random.nextInt(g.length);
        int to = from + 1 + random.nextInt(g.length - from);
        byte[] out = new byte[g.length - (to - from)];
        System.arraycopy(g, 0, out, 0, from);
        System.arraycopy(g, to, out, from, g.length - to);
        return out;
      }
      case 7:
        return Arrays.copyOf(g, random.nextInt(g.length + 30));
      case 8: {
        byte[] other = genuine[random.nextInt(genuine.length)];
        int cut = random.nextInt(Math.min(g.length, other.length) + 1);
        byte[] out = other.clone();
        System.arraycopy(g, 0, out, 0, cut);
        return out;
      }
      case 9: {
        g[19] = (byte) random.nextInt(256); // the key reference length
        g[20] = (byte) random.nextInt(256);
        return g;
      }
      case 10: {
        g[15] = 0; // the key version: 0..4, so every lookup branch is reached
        g[16] = 0;
        g[17] = 0;
        g[18] = (byte) random.nextInt(5);
        return g;
      }
      default: {
        g[5 + random.nextInt(2)] = (byte) random.nextInt(4); // algorithm or stamp kind
        return g;
      }
    }
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }
}
