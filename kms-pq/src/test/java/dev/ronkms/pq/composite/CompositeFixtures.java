package dev.ronkms.pq.composite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.JdkMlDsaLane;
import dev.ronkms.pq.lane.MlDsaLane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Shared test fixtures: the available signers and the vendored composite vectors. */
final class CompositeFixtures {
  static final Algorithm[] COMPOSITES = {Algorithm.MLDSA44_ED25519, Algorithm.MLDSA65_ED25519};

  private CompositeFixtures() {}

  /**
   * Every composite signer this JVM can run: Bouncy Castle's ML-DSA with Bouncy Castle's
   * Ed25519 (pq-bc), with an Ed25519 signer that derives the public key again for every
   * signature (the interface's default), and the JDK's own ML-DSA lane (JDK 24+) with Bouncy
   * Castle's Ed25519 (pq-jdk) when present.
   */
  static List<CompositeSigner> signers() {
    List<CompositeSigner> out = new ArrayList<>();
    out.add(new CompositeSigner(BcMlDsaLane.INSTANCE, Ed25519Signer.bouncyCastle()));
    out.add(new CompositeSigner(BcMlDsaLane.INSTANCE, rederiving()));
    MlDsaLane jdk = jdkLane();
    if (jdk != null) {
      out.add(new CompositeSigner(jdk, Ed25519Signer.bouncyCastle()));
    }
    return out;
  }

  /** Bouncy Castle's Ed25519 without the given-public-key overload (the interface default). */
  static Ed25519Signer rederiving() {
    Ed25519Signer bc = Ed25519Signer.bouncyCastle();
    return new Ed25519Signer() {
      @Override
      public String name() {
        return "bc-rederive";
      }

      @Override
      public byte[] publicKey(byte[] seed) throws Exception {
        return bc.publicKey(seed);
      }

      @Override
      public byte[] sign(byte[] seed, byte[] message) throws Exception {
        return bc.sign(seed, message);
      }
    };
  }

  /** The reference signer (Bouncy Castle throughout). */
  static CompositeSigner bc() {
    return CompositeSigner.bouncyCastle();
  }

  /** The JDK ML-DSA lane when this JDK has ML-DSA (24+), otherwise null. */
  static MlDsaLane jdkLane() {
    return JdkMlDsaLane.supported().containsAll(
        List.of(Algorithm.ML_DSA_44, Algorithm.ML_DSA_65)) ? new JdkMlDsaLane() : null;
  }

  /** One Ed25519-composite entry of testvectors.json. */
  record Vector(Algorithm algorithm, String tcId, byte[] pk, byte[] sk, byte[] skPkcs8, byte[] s,
      byte[] sWithContext, byte[] x5c) {
    @Override
    public String toString() {
      return tcId;
    }
  }

  /** The vectors file's message and context, and its entries. */
  record Vectors(byte[] m, byte[] ctx, JsonNode tests) {}

  static Vectors vectors() {
    JsonNode root = read("composite-sigs/testvectors.json");
    return new Vectors(b64(root.get("m")), b64(root.get("ctx")), root.get("tests"));
  }

  static List<Vector> ed25519Composites() {
    List<Vector> out = new ArrayList<>();
    for (JsonNode t : vectors().tests()) {
      String id = t.get("tcId").asText();
      Algorithm a = switch (id) {
        case "id-MLDSA44-Ed25519-SHA512" -> Algorithm.MLDSA44_ED25519;
        case "id-MLDSA65-Ed25519-SHA512" -> Algorithm.MLDSA65_ED25519;
        default -> null;
      };
      if (a != null) {
        out.add(new Vector(a, id, b64(t.get("pk")), b64(t.get("sk")), b64(t.get("sk_pkcs8")),
            b64(t.get("s")), b64(t.get("sWithContext")), b64(t.get("x5c"))));
      }
    }
    if (out.size() != 2) {
      throw new IllegalStateException("expected the two Ed25519 composites, found " + out.size());
    }
    return out;
  }

  static JsonNode test(String tcId) {
    for (JsonNode t : vectors().tests()) {
      if (t.get("tcId").asText().equals(tcId)) {
        return t;
      }
    }
    throw new IllegalStateException("no vector " + tcId);
  }

  static byte[] b64(JsonNode n) {
    return Base64.getDecoder().decode(n.asText());
  }

  private static JsonNode read(String relative) {
    String configured = System.getProperty("kms.vectors.dir");
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("system property kms.vectors.dir is not set");
    }
    Path file = Paths.get(configured).resolve(relative);
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
