package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof ML-DSA verification, every case through the Kms API: the public key imported with
 * {@code importPublicKey} (a key the engine refuses with MALFORMED_KEY makes all of its group's
 * cases invalid), then {@code verify(version, msg, sig, ctx)}, where MALFORMED_SIGNATURE (wrong
 * length) and INVALID_ARGUMENT (context over 255 bytes) count as "invalid".
 */
class WycheproofMlDsaVerifyTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String p : PqTestSupport.providers()) {
      out.add(Arguments.of(p, "mldsa_44_verify_test.json", Algorithm.ML_DSA_44, 180));
      out.add(Arguments.of(p, "mldsa_65_verify_test.json", Algorithm.ML_DSA_65, 210));
      out.add(Arguments.of(p, "mldsa_87_verify_test.json", Algorithm.ML_DSA_87, 241));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyCaseThroughKms(String provider, String file, Algorithm algorithm, int expected)
      throws Exception {
    Kms kms = PqTestSupport.kms(provider);
    JsonNode root = PqTestSupport.vectors(file);
    int ran = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      byte[] pk = PqTestSupport.hex(group.get("publicKey"));
      KeyId version = null;
      ErrorCode keyRefusal = null;
      try {
        version = kms.importPublicKey("t", "wycheproof", algorithm, pk).withVersion(1);
      } catch (KmsException e) {
        keyRefusal = e.code();
      }
      for (JsonNode t : group.get("tests")) {
        ran++;
        boolean expectValid = "valid".equals(t.get("result").asText());
        boolean valid;
        String why;
        if (version == null) {
          valid = false;
          why = "public key refused: " + keyRefusal;
          if (keyRefusal != ErrorCode.MALFORMED_KEY) {
            wrong.add(t.get("tcId") + " (key refused with " + keyRefusal + ")");
            continue;
          }
        } else {
          byte[] ctx = t.has("ctx") ? PqTestSupport.hex(t.get("ctx")) : null;
          try {
            valid = kms.verify(version, PqTestSupport.hex(t.get("msg")),
                PqTestSupport.hex(t.get("sig")), ctx);
            why = "verify";
          } catch (KmsException e) {
            if (e.code() != ErrorCode.MALFORMED_SIGNATURE
                && e.code() != ErrorCode.INVALID_ARGUMENT) {
              wrong.add(t.get("tcId") + " (refused with " + e.code() + ")");
              continue;
            }
            valid = false;
            why = "refused " + e.code();
          }
        }
        if (valid != expectValid) {
          wrong.add(t.get("tcId") + " " + t.path("comment").asText() + " (" + why + ")");
        }
      }
    }
    assertEquals(expected, ran, "cases run in " + file);
    assertEquals(root.get("numberOfTests").asInt(), ran, "numberOfTests of " + file);
    assertEquals(List.of(), wrong, provider + " " + file);
  }
}
