package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.BcMlKemLane;
import dev.ronkms.pq.lane.JdkMlDsaLane;
import dev.ronkms.pq.lane.JdkMlKemLane;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.pq.lane.MlKemLane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/** Shared test plumbing: the lanes, a Kms per lane, the vendored vectors. */
final class PqTestSupport {
  static final String BC = BcPqProvider.NAME;
  static final String JDK = JdkPqProvider.NAME;
  static final List<Algorithm> PQ = List.of(Algorithm.ML_DSA_44, Algorithm.ML_DSA_65,
      Algorithm.ML_DSA_87, Algorithm.ML_KEM_512, Algorithm.ML_KEM_768, Algorithm.ML_KEM_1024,
      Algorithm.MLDSA44_ED25519, Algorithm.MLDSA65_ED25519);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PqTestSupport() {}

  /** Both providers' names, for parameterized tests (the JDK one skips itself when absent). */
  static List<String> providers() {
    return List.of(BC, JDK);
  }

  /**
   * Skips the JDK lane with a visible reason on a JDK without ML-DSA/ML-KEM; on CI (env
   * CI=true) with JDK 24 or later, a missing JDK lane is a failure instead.
   */
  static void requireProvider(String provider) {
    if (!JDK.equals(provider)) {
      return;
    }
    boolean available = JdkPqProvider.available();
    int feature = Runtime.version().feature();
    if (!available && feature >= 24 && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("JDK " + feature + " should have ML-DSA and ML-KEM, but the JDK lane is unavailable");
    }
    Assumptions.assumeTrue(available, "the JDK lane needs JDK 24+ (ML-DSA, ML-KEM); this is"
        + " JDK " + System.getProperty("java.version"));
  }

  /** A key manager whose every post-quantum algorithm is served by {@code provider}. */
  static Kms kms(String provider) {
    requireProvider(provider);
    var builder = Kms.builder();
    for (Algorithm a : PQ) {
      builder.provider(a, provider);
    }
    return builder.build();
  }

  static MlDsaLane dsaLane(String provider) {
    requireProvider(provider);
    return JDK.equals(provider) ? new JdkMlDsaLane() : BcMlDsaLane.INSTANCE;
  }

  static MlKemLane kemLane(String provider) {
    requireProvider(provider);
    return JDK.equals(provider) ? new JdkMlKemLane() : BcMlKemLane.INSTANCE;
  }

  static PqProvider provider(String provider) {
    requireProvider(provider);
    return JDK.equals(provider) ? new JdkPqProvider() : new BcPqProvider();
  }

  static JsonNode vectors(String file) throws IOException {
    String dir = System.getProperty("kms.vectors.dir");
    if (dir == null) {
      throw new IllegalStateException("set -Dkms.vectors.dir (the build passes it)");
    }
    return JSON.readTree(Files.readAllBytes(Path.of(dir, "wycheproof", file)));
  }

  static byte[] hex(JsonNode node) {
    return node == null || node.isNull() ? null : HexFormat.of().parseHex(node.asText());
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static KmsException refused(ErrorCode code, Executable call, String what) {
    KmsException e = assertThrows(KmsException.class, call, what);
    assertEquals(code, e.code(), what + ": " + e.getMessage());
    return e;
  }
}
