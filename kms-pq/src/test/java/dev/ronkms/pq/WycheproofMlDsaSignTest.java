package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.MlDsaLane;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof ML-DSA signing from the seed xi, every case:
 * <ul>
 *   <li>the seed imported through {@code Kms.importPrivateKey} (deterministic variant) must give
 *       the group's public key; an invalid seed (wrong length) must be refused with
 *       MALFORMED_KEY;</li>
 *   <li>deterministic cases ({@code msg}, optional {@code ctx}, no {@code rnd}): {@code Kms.sign}
 *       and the lane must reproduce {@code sig} byte for byte;</li>
 *   <li>cases with {@code rnd}: the lane with that rnd must reproduce {@code sig}; through Kms,
 *       {@code sig} verifies, and a hedged key of the same seed signs what verifies;</li>
 *   <li>{@code mu} (external mu, FIPS 204 algorithm 7 entered with mu): there is no external-mu
 *       entry point in the Kms API or the JDK, so these are checked on Bouncy Castle's
 *       {@code generateMuSignature} (in both lanes' runs);</li>
 *   <li>invalid cases (context over 255 bytes): {@code Kms.sign} refuses with
 *       INVALID_ARGUMENT.</li>
 * </ul>
 */
class WycheproofMlDsaSignTest {
  private static final byte[] ZEROS = new byte[32];

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String p : PqTestSupport.providers()) {
      out.add(Arguments.of(p, "mldsa_44_sign_seed_test.json", Algorithm.ML_DSA_44, 86));
      out.add(Arguments.of(p, "mldsa_65_sign_seed_test.json", Algorithm.ML_DSA_65, 105));
      out.add(Arguments.of(p, "mldsa_87_sign_seed_test.json", Algorithm.ML_DSA_87, 96));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void everyCase(String provider, String file, Algorithm algorithm, int expected)
      throws Exception {
    Kms kms = PqTestSupport.kms(provider);
    MlDsaLane lane = PqTestSupport.dsaLane(provider);
    JsonNode root = PqTestSupport.vectors(file);
    int ran = 0;
    int deterministic = 0;
    int withRnd = 0;
    int mu = 0;
    int invalid = 0;
    List<String> wrong = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      byte[] seed = PqTestSupport.hex(group.get("privateSeed"));
      byte[] pk = PqTestSupport.hex(group.get("publicKey"));
      if (pk == null) {
        try {
          kms.importPrivateKey("t", "seed", algorithm, seed,
              KeyOptions.defaults().with(SignatureVariant.DETERMINISTIC));
          wrong.add("group with seed of " + seed.length + " bytes imported");
        } catch (KmsException e) {
          if (e.code() != ErrorCode.MALFORMED_KEY) {
            wrong.add("seed of " + seed.length + " bytes refused with " + e.code());
          }
        }
        for (JsonNode t : group.get("tests")) {
          ran++;
          invalid++;
          if (!"invalid".equals(t.get("result").asText())) {
            wrong.add(t.get("tcId") + " expected a valid signature from an invalid seed");
          }
        }
        continue;
      }
      KeyId det = kms.importPrivateKey("t", "seed", algorithm, seed,
          KeyOptions.defaults().with(SignatureVariant.DETERMINISTIC));
      KeyId hedged = kms.importPrivateKey("t", "seed", algorithm, seed,
          KeyOptions.defaults().with(SignatureVariant.HEDGED));
      if (!Arrays.equals(pk, kms.publicKey(det.withVersion(1)))) {
        wrong.add("public key of seed " + PqTestSupport.hex(seed));
      }
      for (JsonNode t : group.get("tests")) {
        ran++;
        String id = t.get("tcId") + " " + t.path("comment").asText();
        byte[] sig = PqTestSupport.hex(t.get("sig"));
        byte[] ctx = t.has("ctx") ? PqTestSupport.hex(t.get("ctx")) : new byte[0];
        byte[] rnd = t.has("rnd") ? PqTestSupport.hex(t.get("rnd")) : null;
        if (!"valid".equals(t.get("result").asText())) {
          invalid++;
          try {
            kms.sign(det, PqTestSupport.hex(t.get("msg")), ctx);
            wrong.add(id + ": signed");
          } catch (KmsException e) {
            if (e.code() != ErrorCode.INVALID_ARGUMENT) {
              wrong.add(id + ": refused with " + e.code());
            }
          }
          continue;
        }
        if (t.has("msg")) {
          byte[] msg = PqTestSupport.hex(t.get("msg"));
          if (rnd == null) {
            deterministic++;
            if (!Arrays.equals(sig, kms.sign(det, msg, ctx).signature())) {
              wrong.add(id + ": Kms.sign differs");
            }
            if (!Arrays.equals(sig, lane.sign(algorithm, seed, msg, ctx, ZEROS))) {
              wrong.add(id + ": lane sign differs");
            }
          } else {
            withRnd++;
            if (!Arrays.equals(sig, lane.sign(algorithm, seed, msg, ctx, rnd))) {
              wrong.add(id + ": lane sign with rnd differs");
            }
            if (!kms.verify(det.withVersion(1), msg, sig, ctx)) {
              wrong.add(id + ": the expected signature does not verify through Kms");
            }
            byte[] mine = kms.sign(hedged, msg, ctx).signature();
            if (!kms.verify(hedged.withVersion(1), msg, mine, ctx) || Arrays.equals(mine, sig)) {
              wrong.add(id + ": hedged signature");
            }
          }
        }
        if (t.has("mu")) {
          if (!t.has("msg")) {
            mu++;
          }
          byte[] muSig = BcMlDsaLane.INSTANCE.signMu(algorithm, seed,
              PqTestSupport.hex(t.get("mu")), rnd == null ? ZEROS : rnd);
          if (!Arrays.equals(sig, muSig)) {
            wrong.add(id + ": external-mu signature differs");
          }
        }
      }
    }
    assertEquals(expected, ran, "cases run in " + file);
    assertEquals(root.get("numberOfTests").asInt(), ran, "numberOfTests of " + file);
    assertEquals(expected, deterministic + withRnd + mu + invalid, "every case was checked");
    assertEquals(List.of(), wrong, provider + " " + file);
  }
}
