package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signed attestation's value and its strict text form. */
class SignedAttestationParseTest {
  private static final KeyId ATTESTER = KeyId.of("acme", "attest", Algorithm.ED25519,
      UUID.fromString("00000000-0000-4000-8000-00000000000a")).withVersion(2);
  private static final String JSON = "{\"keyId\":\"acme/x/ed25519/u\",\"provider\":\"b\\\"c\","
      + "\"revision\":3,\"verifyOnly\":false,\"versions\":[{\"v\":-1.5e+3},null,true]}";
  private static final byte[] SIG = new byte[64];

  static {
    for (int i = 0; i < SIG.length; i++) {
      SIG[i] = (byte) (i * 7 + 1);
    }
  }

  private static final SignedAttestation VALUE = new SignedAttestation(JSON, ATTESTER, SIG);
  private static final String B64 = Base64.getEncoder().encodeToString(SIG);

  private static KmsException malformed(String text) {
    KmsException e = assertThrows(KmsException.class, () -> SignedAttestation.parse(text),
        text);
    assertEquals(ErrorCode.MALFORMED_ATTESTATION, e.code(), text + ": " + e.getMessage());
    return e;
  }

  private static String envelope(String attestation, String keyId, String signature) {
    return "{\"attestation\":" + attestation + ",\"keyId\":" + keyId + ",\"signature\":"
        + signature + "}";
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void theEnvelopeIsCompactAndRoundTrips() {
    String text = VALUE.toJson();
    assertEquals(envelope(quoted(JSON), quoted(ATTESTER.format()), quoted(B64)), text);
    assertEquals(VALUE, SignedAttestation.parse(text));
    assertEquals(VALUE.hashCode(), SignedAttestation.parse(text).hashCode());
    assertEquals(JSON, SignedAttestation.parse(text).attestation());
    assertEquals(ATTESTER, VALUE.keyId());
    assertArrayEquals(SIG, VALUE.signature());
    assertEquals(B64, VALUE.signatureBase64());
    assertTrue(VALUE.toString().contains(ATTESTER.format()) && VALUE.toString().contains(B64));
    byte[] signed = VALUE.signedBytes();
    assertEquals("ron-kms attestation v1\n" + JSON, new String(signed, StandardCharsets.UTF_8));
    assertEquals(SignedAttestation.DOMAIN_TEXT + "\n", SignedAttestation.DOMAIN);
  }

  @Test
  void whitespaceAndMemberOrderDoNotMatterTheAttestationTextDoes() {
    String pretty = "\n{ \"signature\" : " + quoted(B64) + ",\r\n\t\"keyId\":"
        + quoted(ATTESTER.format()) + " , \"attestation\" :" + quoted(JSON) + " }  \n";
    assertEquals(VALUE, SignedAttestation.parse(pretty));
    String escaped = VALUE.toJson().replace(",\"keyId\":\"acme/attest",
        ",\"\\u006beyId\":\"acme\\/attest");
    assertNotEquals(VALUE.toJson(), escaped);
    assertEquals(VALUE, SignedAttestation.parse(escaped), "escapes decode to the same text");
    SignedAttestation unicode = new SignedAttestation("{\"p\":\"\u00e9\ud83d\ude00\\u0001\"}",
        ATTESTER, SIG);
    assertEquals(unicode, SignedAttestation.parse(unicode.toJson()));
    SignedAttestation other = new SignedAttestation(JSON + " ", ATTESTER, SIG);
    assertNotEquals(VALUE, other);
    assertNotEquals(VALUE, new SignedAttestation(JSON, ATTESTER.withVersion(1), SIG));
    assertNotEquals(VALUE, new SignedAttestation(JSON, ATTESTER, new byte[64]));
    assertNotEquals(VALUE, (Object) JSON);
  }

  @Test
  void theValueCopiesItsSignature() {
    byte[] sig = SIG.clone();
    SignedAttestation s = new SignedAttestation(JSON, ATTESTER, sig);
    sig[0] ^= 1;
    assertArrayEquals(SIG, s.signature());
    s.signature()[1] ^= 1;
    assertArrayEquals(SIG, s.signature());
  }

  @Test
  void aValueIsWellFormedByConstruction() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new SignedAttestation(null, ATTESTER, SIG));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new SignedAttestation(JSON, null, SIG));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> new SignedAttestation(JSON, ATTESTER, null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SignedAttestation.parse(null));
    assertCode(ErrorCode.MALFORMED_ATTESTATION,
        () -> new SignedAttestation(JSON, ATTESTER.unversioned(), SIG));
    assertCode(ErrorCode.MALFORMED_ATTESTATION,
        () -> new SignedAttestation(JSON, ATTESTER, new byte[0]));
    assertCode(ErrorCode.MALFORMED_ATTESTATION,
        () -> new SignedAttestation("[1]", ATTESTER, SIG));
    assertCode(ErrorCode.MALFORMED_ATTESTATION,
        () -> new SignedAttestation("{\"a\":\"\ud800\"}", ATTESTER, SIG));
  }

  private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable e) {
    assertEquals(code, assertThrows(KmsException.class, e).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "null", "[]", "\"x\"", "{", "{}", "{\"attestation\"}",
      "{\"attestation\":1,}", "{,}", "{\"a\" 1}", "{1:2}", "tru", "nul", "-", "01", "1.", "1e",
      "{\"attestation\":\"{}\"]"})
  void anythingButTheEnvelopeIsMalformed(String text) {
    malformed(text);
  }

  @Test
  void theMembersAreExactlyTheThree() {
    String a = quoted(JSON);
    String k = quoted(ATTESTER.format());
    String s = quoted(B64);
    malformed("{\"attestation\":" + a + ",\"keyId\":" + k + "}");
    String whole = envelope(a, k, s);
    malformed(whole.substring(0, whole.length() - 1) + ",\"extra\":1}");
    malformed(envelope(a, k, s).replace("{\"attestation\":",
        "{\"keyId\":" + k + ",\"attestation\":"));
    KmsException twice = malformed(envelope(a, k, s) .substring(0, envelope(a, k, s).length() - 1)
        + ",\"signature\":" + s + "}");
    assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    malformed(envelope("{}", k, s));
    malformed(envelope(a, "2", s));
    malformed(envelope(a, k, "null"));
    malformed(envelope(a, k, "[" + s + "]"));
    malformed(envelope(a, k, s) + "x");
    malformed(envelope(a, k, s) + "{}");
  }

  @Test
  void eachPartIsChecked() {
    String a = quoted(JSON);
    String k = quoted(ATTESTER.format());
    String s = quoted(B64);
    KmsException id = malformed(envelope(a, quoted("acme/attest"), s));
    assertEquals(ErrorCode.INVALID_KEY_ID, ((KmsException) id.getCause()).code());
    malformed(envelope(a, quoted(ATTESTER.unversioned().format()), s));
    malformed(envelope(a, quoted(ATTESTER.format().replace("ed25519", "rsa")), s));
    malformed(envelope(a, k, quoted("not base64!")));
    malformed(envelope(a, k, quoted(B64.replace("=", ""))));
    malformed(envelope(a, k, quoted("")));
    malformed(envelope(a, k, quoted(Base64.getUrlEncoder().encodeToString(new byte[] {-1, -2,
        -3}))));
    malformed(envelope(quoted("not json"), k, s));
    malformed(envelope(quoted("{\"a\":1} {}"), k, s));
    malformed(envelope(quoted("[{\"a\":1}]"), k, s));
    malformed(envelope(quoted("{\"a\":1,\"a\":2}"), k, s));
  }

  @Test
  void stringsAreStrict() {
    String k = quoted(ATTESTER.format());
    String s = quoted(B64);
    malformed(envelope("\"{}\\x\"", k, s));
    malformed(envelope("\"{}\\u12g4\"", k, s));
    malformed(envelope("\"{}\\u12\"", k, s));
    malformed(envelope("\"{}\\ud800\"", k, s));
    malformed(envelope("\"{}\\udc00\\ud800\"", k, s));
    malformed(envelope("\"{}\u0001\"", k, s));
    malformed("{\"attestation\":\"{}");
    malformed("{\"attestation\":\"{}\\");
    assertEquals(VALUE, SignedAttestation.parse(envelope(quoted(JSON),
        k.replace("acme", "\\u0061\\u0063me"), s)));
    SignedAttestation escapes = new SignedAttestation("{\"e\":\"\\b\\f\\n\\r\\t\\/\\\\\"}",
        ATTESTER, SIG);
    assertEquals(escapes, SignedAttestation.parse(escapes.toJson()));
    SignedAttestation raw = SignedAttestation.parse(envelope(
        "\"{\\\"e\\\":\\\"\\/\\u00e9\\\"}\"", k, s));
    assertEquals("{\"e\":\"/\u00e9\"}", raw.attestation());
    malformed(envelope("\"{\\\"e\\\":\\\"\\n\\\"}\"", k, s));
  }

  @Test
  void numbersLiteralsAndNestingAreChecked() {
    String k = quoted(ATTESTER.format());
    String s = quoted(B64);
    for (String ok : new String[] {"{\"n\":0}", "{\"n\":-0.5E-2}", "{\"n\":12e3}",
        "{\"n\":[true,false,null,{}]}", "{\"n\":[ ]}", "{ }"}) {
      assertEquals(ok, SignedAttestation.parse(envelope(quoted(ok), k, s)).attestation());
    }
    for (String bad : new String[] {"{\"n\":01}", "{\"n\":-}", "{\"n\":1.}", "{\"n\":1e+}",
        "{\"n\":.5}", "{\"n\":[1,]}", "{\"n\":[1 2]}", "{\"n\":truth}", "{\"n\"}",
        "{\"n\":1", "{\"n\":[1"}) {
      malformed(envelope(quoted(bad), k, s));
    }
    String deep = "{\"n\":" + "[".repeat(70) + "]".repeat(70) + "}";
    KmsException e = malformed(envelope(quoted(deep), k, s));
    assertTrue(e.getMessage().contains("nested"), e.getMessage());
    String fine = "{\"n\":" + "[".repeat(40) + "]".repeat(40) + "}";
    assertEquals(fine, SignedAttestation.parse(envelope(quoted(fine), k, s)).attestation());
    String hugeNesting = "[".repeat(100_000);
    malformed(hugeNesting);
  }
}
