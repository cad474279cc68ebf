package dev.ronkms.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ronkms.ed25519.Precheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The Ed25519 vectors of {@code testdata/vectors/}, each with the answer the project's policy
 * must give. Every reader fails loudly if a file is missing or has fewer cases than documented.
 */
public final class Ed25519Vectors {

  /** Number of Wycheproof Ed25519 cases in the pinned snapshot (testdata/vectors/README.md). */
  public static final int WYCHEPROOF_CASES = 151;

  /**
   * The policy's answer for the twelve ed25519-speccheck cases, and the reason: the byte-level
   * rule that rejects the case, or {@link Precheck#PASSED} when the cofactored equation decides.
   * docs/SECURITY.md explains each line.
   */
  private static final Precheck[] SPECCHECK_REASON = {
      Precheck.A_SMALL_ORDER,   // 0: S = 0, small A and small R
      Precheck.A_SMALL_ORDER,   // 1: small A, mixed R
      Precheck.R_SMALL_ORDER,   // 2: mixed A, small R
      Precheck.PASSED,          // 3: mixed A and R, valid both ways
      Precheck.PASSED,          // 4: mixed A and R, valid only cofactored
      Precheck.PASSED,          // 5: valid cofactored unless 8h is pre-reduced
      Precheck.S_NOT_CANONICAL, // 6: S > L
      Precheck.S_NOT_CANONICAL, // 7: S >> L
      Precheck.R_NOT_CANONICAL, // 8: non-canonical R, reduced for hash
      Precheck.R_NOT_CANONICAL, // 9: non-canonical R, not reduced for hash
      Precheck.A_NOT_CANONICAL, // 10: non-canonical A, reduced for hash
      Precheck.A_NOT_CANONICAL, // 11: non-canonical A, not reduced for hash
  };
  private static final boolean[] SPECCHECK_VALID = {
      false, false, false, true, true, true, false, false, false, false, false, false};

  private Ed25519Vectors() {}

  /** The five RFC 8032 §7.1 vectors (all valid, with seeds). */
  public static List<Ed25519Vector> rfc8032() {
    List<Ed25519Vector> out = new ArrayList<>();
    for (JsonNode v : VectorFiles.read("rfc8032/rfc8032_ed25519.json").get("vectors")) {
      out.add(new Ed25519Vector("rfc8032 " + v.get("name").asText(),
          Hex.decode(v.get("public_key").asText()), Hex.decode(v.get("message").asText()),
          Hex.decode(v.get("signature").asText()), true, Hex.decode(v.get("secret_key").asText())));
    }
    requireCount("rfc8032", out, 5);
    return out;
  }

  /** Every Wycheproof Ed25519 case; {@code valid} means the policy accepts. */
  public static List<Ed25519Vector> wycheproof() {
    List<Ed25519Vector> out = new ArrayList<>();
    for (JsonNode group : VectorFiles.read("wycheproof/ed25519_test.json").get("testGroups")) {
      byte[] pk = Hex.decode(group.get("publicKey").get("pk").asText());
      for (JsonNode t : group.get("tests")) {
        String result = t.get("result").asText();
        if (!result.equals("valid") && !result.equals("invalid")) {
          throw new IllegalStateException("unexpected result " + result);
        }
        out.add(new Ed25519Vector("wycheproof tcId " + t.get("tcId").asInt()
            + (t.get("comment").asText().isEmpty() ? "" : " (" + t.get("comment").asText() + ")"),
            pk, Hex.decode(t.get("msg").asText()), Hex.decode(t.get("sig").asText()),
            result.equals("valid"), null));
      }
    }
    requireCount("wycheproof", out, WYCHEPROOF_CASES);
    return out;
  }

  /** The twelve ed25519-speccheck cases with the policy's answers: X X X V V V X X X X X X. */
  public static List<Ed25519Vector> speccheck() {
    List<Ed25519Vector> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : VectorFiles.read("ed25519-speccheck/cases.json")) {
      out.add(new Ed25519Vector("speccheck case " + i, Hex.decode(c.get("pub_key").asText()),
          Hex.decode(c.get("message").asText()), Hex.decode(c.get("signature").asText()),
          SPECCHECK_VALID[i], null));
      i++;
    }
    requireCount("speccheck", out, 12);
    return out;
  }

  /** Which byte-level rule rejects speccheck case {@code index} ({@code PASSED}: the equation). */
  public static Precheck speccheckReason(int index) {
    return SPECCHECK_REASON[index];
  }

  private static void requireCount(String what, List<?> list, int expected) {
    if (list.size() != expected) {
      throw new IllegalStateException(what + ": expected " + expected + " cases, read "
          + list.size());
    }
  }
}
