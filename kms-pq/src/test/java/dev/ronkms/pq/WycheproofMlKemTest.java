package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof ML-KEM, every case: KeyGen from the seed d||z through {@code Kms.importPrivateKey}
 * (the public key must be {@code ek}; a seed of the wrong length is MALFORMED_KEY) and Decaps
 * through {@code Kms.decapsulate} (must give {@code K}, implicit rejection included; a
 * ciphertext of the wrong length is MALFORMED_CIPHERTEXT). The semi-expanded files run through
 * {@link MlKemExpanded} (and the expanded key offered to {@code importPrivateKey} is refused:
 * valid with UNSUPPORTED_OPERATION, invalid with MALFORMED_KEY).
 */
class WycheproofMlKemTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String p : PqTestSupport.providers()) {
      out.add(Arguments.of(p, "mlkem_512_test.json", Algorithm.ML_KEM_512, 193));
      out.add(Arguments.of(p, "mlkem_768_test.json", Algorithm.ML_KEM_768, 193));
      out.add(Arguments.of(p, "mlkem_1024_test.json", Algorithm.ML_KEM_1024, 193));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void keyGenAndDecapsThroughKms(String provider, String file, Algorithm algorithm,
      int expected) throws Exception {
    Kms kms = PqTestSupport.kms(provider);
    JsonNode root = PqTestSupport.vectors(file);
    int ran = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        ran++;
        String id = t.get("tcId") + " " + t.path("comment").asText();
        boolean expectValid = "valid".equals(t.get("result").asText());
        byte[] seed = PqTestSupport.hex(t.get("seed"));
        byte[] ek = PqTestSupport.hex(t.get("ek"));
        byte[] c = PqTestSupport.hex(t.get("c"));
        KeyId key;
        try {
          key = kms.importPrivateKey("t", "kem", algorithm, seed, KeyOptions.defaults())
              .withVersion(1);
        } catch (KmsException e) {
          if (e.code() != ErrorCode.MALFORMED_KEY || expectValid || ek != null) {
            wrong.add(id + ": seed refused with " + e.code());
          }
          continue;
        }
        if (ek == null) {
          wrong.add(id + ": a seed of " + seed.length + " bytes was imported");
          continue;
        }
        if (!Arrays.equals(ek, kms.publicKey(key))) {
          wrong.add(id + ": ek differs");
        }
        try {
          byte[] k = kms.decapsulate(key, c);
          if (!expectValid || !Arrays.equals(PqTestSupport.hex(t.get("K")), k)) {
            wrong.add(id + ": K differs or an invalid case decapsulated");
          }
        } catch (KmsException e) {
          if (e.code() != ErrorCode.MALFORMED_CIPHERTEXT || expectValid) {
            wrong.add(id + ": decapsulation refused with " + e.code());
          }
        }
      }
    }
    assertEquals(expected, ran, "cases run in " + file);
    assertEquals(root.get("numberOfTests").asInt(), ran, "numberOfTests of " + file);
    assertEquals(List.of(), wrong, provider + " " + file);
  }

  static Stream<Arguments> semiExpanded() {
    List<Arguments> out = new ArrayList<>();
    for (String p : PqTestSupport.providers()) {
      out.add(Arguments.of(p, "mlkem_512_semi_expanded_decaps_test.json",
          Algorithm.ML_KEM_512));
      out.add(Arguments.of(p, "mlkem_768_semi_expanded_decaps_test.json",
          Algorithm.ML_KEM_768));
      out.add(Arguments.of(p, "mlkem_1024_semi_expanded_decaps_test.json",
          Algorithm.ML_KEM_1024));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("semiExpanded")
  void semiExpandedThroughTheValidatedUtility(String provider, String file,
      Algorithm algorithm) throws Exception {
    PqProvider p = PqTestSupport.provider(provider);
    JsonNode root = PqTestSupport.vectors(file);
    int ran = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        ran++;
        String id = t.get("tcId") + " " + t.path("comment").asText();
        boolean expectValid = "valid".equals(t.get("result").asText());
        byte[] dk = PqTestSupport.hex(t.get("dk"));
        byte[] c = PqTestSupport.hex(t.get("c"));
        boolean dkValid;
        try {
          MlKemExpanded.check(algorithm, dk);
          dkValid = true;
        } catch (KmsException e) {
          dkValid = false;
          if (e.code() != ErrorCode.MALFORMED_KEY) {
            wrong.add(id + ": check refused with " + e.code());
          }
        }
        try {
          byte[] k = MlKemExpanded.decapsulate(algorithm, dk, c);
          if (!expectValid || !Arrays.equals(PqTestSupport.hex(t.get("K")), k)) {
            wrong.add(id + ": K differs or an invalid case decapsulated");
          }
        } catch (KmsException e) {
          boolean typed = e.code() == ErrorCode.MALFORMED_KEY
              || e.code() == ErrorCode.MALFORMED_CIPHERTEXT;
          if (!typed || expectValid) {
            wrong.add(id + ": refused with " + e.code());
          }
        }
        // the same expanded key offered to the provider as a private key
        ErrorCode want = dkValid ? ErrorCode.UNSUPPORTED_OPERATION : ErrorCode.MALFORMED_KEY;
        try {
          p.importPrivateKey(algorithm, dk).close();
          wrong.add(id + ": an expanded key was imported");
        } catch (KmsException e) {
          if (e.code() != want) {
            wrong.add(id + ": import refused with " + e.code() + ", not " + want);
          }
        }
      }
    }
    assertEquals(9, ran, "cases run in " + file);
    assertEquals(root.get("numberOfTests").asInt(), ran, "numberOfTests of " + file);
    assertEquals(List.of(), wrong, provider + " " + file);
  }
}
