package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded property tests of the KeyId grammar. Each seed gives a reproducible stream of cases; a
 * failure message names the input so it can be turned into an example test.
 */
class KeyIdPropertyTest {
  private static final String LABEL_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String LABEL_REST = LABEL_FIRST + "._-";
  private static final String NOISE = LABEL_REST + "/vV:\\ \t\n\u0000\u007fé€ABCXYZ+";

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 0xC0FFEE, 20261123})
  void formatThenParseIsIdentity(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 5_000; i++) {
      KeyId k = randomKeyId(rnd);
      assertEquals(k, KeyId.parse(k.format()), k.format());
      assertEquals(k.format(), KeyId.parse(k.format()).format());
    }
  }

  /**
   * Any string either parses to a key whose canonical form is that very string, or is refused
   * with a typed error. Inputs are valid ids with random edits, so they stay near the grammar.
   */
  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9, 0xBADC0DE, 424242})
  void everyStringParsesCanonicallyOrFailsTyped(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      String s = mutate(randomKeyId(rnd).format(), rnd);
      try {
        KeyId k = KeyId.parse(s);
        assertEquals(s, k.format(), "a parsed id must be in canonical form");
      } catch (KmsException e) {
        if (e.code() != ErrorCode.INVALID_KEY_ID && e.code() != ErrorCode.UNSUPPORTED_ALGORITHM) {
          fail("unexpected code " + e.code() + " for " + escape(s));
        }
      } catch (RuntimeException e) {
        fail("raw " + e + " for " + escape(s));
      }
    }
  }

  static KeyId randomKeyId(SplittableRandom rnd) {
    KeyId k = KeyId.of(label(rnd), label(rnd), Algorithm.ED25519,
        new UUID(rnd.nextLong(), rnd.nextLong()));
    return switch (rnd.nextInt(4)) {
      case 0 -> k;
      case 1 -> k.withVersion(1 + rnd.nextInt(9));
      case 2 -> k.withVersion(Integer.MAX_VALUE - rnd.nextInt(3));
      default -> k.withVersion(1 + rnd.nextInt(Integer.MAX_VALUE));
    };
  }

  private static String label(SplittableRandom rnd) {
    int len = rnd.nextInt(10) == 0 ? 63 : 1 + rnd.nextInt(12);
    StringBuilder sb = new StringBuilder();
    sb.append(LABEL_FIRST.charAt(rnd.nextInt(LABEL_FIRST.length())));
    while (sb.length() < len) {
      sb.append(LABEL_REST.charAt(rnd.nextInt(LABEL_REST.length())));
    }
    return sb.toString();
  }

  private static String mutate(String s, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int op = rnd.nextInt(5);
      int pos = rnd.nextInt(sb.length() + 1);
      char c = NOISE.charAt(rnd.nextInt(NOISE.length()));
      if (op == 0 && pos < sb.length()) {
        sb.setCharAt(pos, c);
      } else if (op == 1) {
        sb.insert(pos, c);
      } else if (op == 2 && pos < sb.length()) {
        sb.deleteCharAt(pos);
      } else if (op == 3) {
        sb.append("/v").append(rnd.nextLong());
      } else {
        sb.setLength(rnd.nextInt(sb.length() + 1));
      }
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }
}
