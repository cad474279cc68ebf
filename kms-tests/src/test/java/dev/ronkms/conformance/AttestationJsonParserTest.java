package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.SignatureProvider;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Attestation#toJson()} checked by a real JSON parser (Jackson, strict by default): the
 * output of every backend's keys parses, and every field reads back as the value attested, for
 * provider names made of any characters (quotes, backslashes, control and non-ASCII characters).
 */
class AttestationJsonParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anyProviderNameRoundTripsThroughAJsonParser() throws Exception {
    Random random = new Random(20261130L);
    KeyId id = KeyId.of("acme", "audit", Algorithm.ED25519, new UUID(7, 8));
    Instant t = Instant.parse("2026-11-30T05:30:00.001Z");
    List<Attestation.VersionInfo> versions = List.of(
        new Attestation.VersionInfo(1, VersionState.DISABLED, t, "sha256:00"),
        new Attestation.VersionInfo(2, VersionState.ENABLED, t.plusMillis(1), "sha256:11"));
    for (int i = 0; i < 3000; i++) {
      StringBuilder name = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        int cp = switch (random.nextInt(4)) {
          case 0 -> random.nextInt(0x20);
          case 1 -> "\"\\/ u".charAt(random.nextInt(5));
          case 2 -> 0x20 + random.nextInt(0x60);
          default -> {
            int c = random.nextInt(0x30000);
            yield c >= 0xd800 && c < 0xe000 ? 0x263a : c; // no lone surrogates
          }
        };
        name.appendCodePoint(cp);
      }
      Attestation a = new Attestation(id, Algorithm.ED25519, name.toString(), i % 2 == 0,
          i + 1, 2, 1, versions);
      JsonNode node = JSON.readTree(a.toJson());
      assertEquals(name.toString(), node.get("provider").asText(), "case " + i);
      assertEquals(id.format(), node.get("keyId").asText());
      assertEquals(i % 2 == 0, node.get("verifyOnly").asBoolean());
      assertEquals(i + 1, node.get("revision").asLong());
      assertEquals(2, node.get("versions").size());
      assertEquals("DISABLED", node.get("versions").get(0).get("state").asText());
      assertEquals(t.plusMillis(1).toString(),
          node.get("versions").get(1).get("createdAt").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  void anEngineAttestationParses(SignatureProvider backend) throws Exception {
    try (Kms kms = Kms.builder().addProvider(backend).provider(Algorithm.ED25519,
        backend.name()).build()) {
      KeyId key = kms.create("acme", "audit", Algorithm.ED25519);
      kms.rotate(key);
      kms.disable(key.withVersion(1));
      Attestation a = kms.attest(key);
      JsonNode node = JSON.readTree(a.toJson());
      assertEquals(key.format(), node.get("keyId").asText());
      assertEquals(backend.name(), node.get("provider").asText());
      assertEquals(2, node.get("headVersion").asInt());
      assertEquals(a.versions().get(0).fingerprint(),
          node.get("versions").get(0).get("fingerprint").asText());
      assertEquals("DISABLED", node.get("versions").get(0).get("state").asText());
    }
  }
}
