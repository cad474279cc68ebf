package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Attestation#toJson()} is valid JSON (RFC 8259) for any provider name: quotes,
 * backslashes and every control character are escaped, every other character appears as
 * itself; the structure and field order are fixed; a null provider is the empty string.
 */
class AttestationJsonTest {
  private static final KeyId ID = KeyId.of("acme", "json", Algorithm.ED25519, new UUID(5, 6));

  private static Attestation withProvider(String provider, List<Attestation.VersionInfo> vs) {
    return new Attestation(ID, Algorithm.ED25519, provider, false, 4, 1, 1, vs);
  }

  private static String providerField(String provider) {
    String json = withProvider(provider, List.of()).toJson();
    String start = "\"provider\":\"";
    int from = json.indexOf(start) + start.length();
    int to = json.indexOf("\",\"verifyOnly\":", from);
    return json.substring(from, to);
  }

  @Test
  void everyCharacterIsEscapedExactlyWhenJsonRequiresIt() {
    for (char c = 0; c < 0x300; c++) {
      String encoded = providerField("a" + c + "b");
      String expected = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
      };
      assertEquals("a" + expected + "b", encoded, "char " + (int) c);
    }
  }

  @Test
  void theDocumentHasItsFixedShape() {
    Instant t = Instant.parse("2026-11-30T05:00:00.123Z");
    List<Attestation.VersionInfo> vs = new ArrayList<>();
    vs.add(new Attestation.VersionInfo(1, VersionState.DESTROYED, t, "sha256:aa"));
    vs.add(new Attestation.VersionInfo(2, VersionState.ENABLED, t.plusSeconds(1), "sha256:bb"));
    Attestation a = new Attestation(ID, Algorithm.ED25519, null, true, 9, 2, 2, vs);
    vs.clear();
    assertEquals("", a.provider());
    assertEquals(2, a.versions().size(), "the versions were copied");
    assertEquals("{\"keyId\":\"" + ID + "\",\"algorithm\":\"ed25519\",\"provider\":\"\","
        + "\"verifyOnly\":true,\"exportPolicy\":\"NOT_EXPORTABLE\",\"revision\":9,"
        + "\"headVersion\":2,\"minVerifyVersion\":2,\"signatureVariant\":\"DETERMINISTIC\","
        + "\"versions\":[{\"version\":1,\"state\":\"DESTROYED\","
        + "\"createdAt\":\"2026-11-30T05:00:00.123Z\",\"fingerprint\":\"sha256:aa\"},"
        + "{\"version\":2,\"state\":\"ENABLED\",\"createdAt\":\"2026-11-30T05:00:01.123Z\","
        + "\"fingerprint\":\"sha256:bb\"}]}", a.toJson());
    String none = withProvider("p", List.of()).toJson();
    assertTrue(none.endsWith(",\"versions\":[]}"), none);
    assertFalse(none.contains(" "), "no whitespace");
    assertEquals(none, withProvider("p", List.of()).toJson(), "deterministic");
    Attestation sealed = new Attestation(ID, Algorithm.ED25519, "p", false,
        ExportPolicy.EXPORTABLE_SEALED, 1, 1, 1, List.of());
    assertTrue(sealed.toJson().contains("\"verifyOnly\":false,\"exportPolicy\":"
        + "\"EXPORTABLE_SEALED\",\"revision\":1,"), sealed.toJson());
    assertEquals(ExportPolicy.NOT_EXPORTABLE, new Attestation(ID, Algorithm.ED25519, "p", false,
        null, 1, 1, 1, List.of()).exportPolicy(), "null is the default");
  }
}
