package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * An {@link Attestation}'s JSON with a detached signature by an attestation key version: what
 * {@code Kms.attest(key, attestationKey)} returns and {@code Kms.verifyAttestation} checks.
 *
 * <p>The signature is over {@link #signedBytes()}: the US-ASCII domain separator
 * {@value #DOMAIN_TEXT} followed by a newline ({@link #DOMAIN}), then the UTF-8 bytes of
 * {@link #attestation()}, exactly as {@link Attestation#toJson()} produced them. Its text form
 * ({@link #toJson()}, read back by {@link #parse}) is the JSON object
 * <pre>{"attestation":"&lt;the attestation JSON, as a string&gt;","keyId":"&lt;versioned id&gt;","signature":"&lt;Base64&gt;"}</pre>
 * The attestation travels as a JSON string, so any JSON library hands back the exact signed
 * text, however the envelope is re-formatted (docs/API.md, "Signed attestations").
 *
 * <p>Guarantees: immutable, the signature copied in and out; {@code parse(s.toJson())} equals
 * {@code s}; every malformed value or text is refused with
 * {@link ErrorCode#MALFORMED_ATTESTATION} (a null part with {@code INVALID_ARGUMENT}). Holds no
 * secret: the attestation, the key id and the signature are public.
 */
public final class SignedAttestation {
  /** The domain separator, without its newline: {@value}. */
  public static final String DOMAIN_TEXT = "ron-kms attestation v1";
  /** What the signed bytes start with: {@link #DOMAIN_TEXT} and a newline, in US-ASCII. */
  public static final String DOMAIN = DOMAIN_TEXT + "\n";

  private static final Set<String> MEMBERS = Set.of("attestation", "keyId", "signature");

  private final String attestation;
  private final KeyId keyId;
  private final byte[] signature;

  /**
   * A signed attestation from its parts.
   *
   * @param attestation the attestation JSON that was signed (a JSON object)
   * @param keyId the versioned id of the attestation key version that signed
   * @param signature the signature over {@link #signedBytes(String) signedBytes(attestation)}
   * @throws KmsException {@code INVALID_ARGUMENT} for a null part; {@code MALFORMED_ATTESTATION}
   *     for an attestation that is not a JSON object, a key id without a version or an empty
   *     signature
   */
  public SignedAttestation(String attestation, KeyId keyId, byte[] signature) {
    if (attestation == null || keyId == null || signature == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a signed attestation needs its"
          + " attestation, key id and signature");
    }
    StrictJson.parseObject(attestation, "the attestation");
    if (!keyId.hasVersion()) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, "the attestation key id must"
          + " name the version that signed: " + keyId);
    }
    if (signature.length == 0) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, "the signature is empty");
    }
    this.attestation = attestation;
    this.keyId = keyId;
    this.signature = signature.clone();
  }

  /**
   * What an attestation key signs for {@code attestationJson}: {@link #DOMAIN} || UTF-8(json).
   *
   * @param attestationJson the attestation JSON, exactly as signed
   * @return the bytes to sign
   */
  public static byte[] signedBytes(String attestationJson) {
    byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    byte[] json = attestationJson.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(domain, domain.length + json.length);
    System.arraycopy(json, 0, out, domain.length, json.length);
    return out;
  }

  /**
   * The bytes the signature is over: {@link #DOMAIN} || UTF-8({@link #attestation()}).
   *
   * @return the signed bytes
   */
  public byte[] signedBytes() {
    return signedBytes(attestation);
  }

  /**
   * The attestation JSON that was signed, exactly.
   *
   * @return the attestation JSON
   */
  public String attestation() {
    return attestation;
  }

  /**
   * The versioned id of the attestation key version that signed.
   *
   * @return the versioned key id
   */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * The signature (a copy).
   *
   * @return a copy of the signature
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The signature in standard Base64, with padding.
   *
   * @return the Base64 signature
   */
  public String signatureBase64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  /**
   * The envelope: {@code {"attestation":"…","keyId":"…","signature":"…"}}, compact, members in
   * this order; in the attestation string {@code "} and {@code \} are escaped with a backslash.
   *
   * @return the envelope JSON
   */
  public String toJson() {
    return new JsonWriter().beginObject()
        .field("attestation", attestation)
        .field("keyId", keyId.format())
        .field("signature", signatureBase64())
        .endObject().toString();
  }

  /**
   * Reads an envelope of {@link #toJson()}. Strict: one JSON object (RFC 8259; whitespace
   * between tokens allowed) with exactly the members {@code attestation}, {@code keyId} and
   * {@code signature}, in any order, each a string, none repeated; the attestation a JSON
   * object; the key id versioned; the signature canonical standard Base64 with padding.
   *
   * @param json the envelope text
   * @return the signed attestation
   * @throws KmsException {@code MALFORMED_ATTESTATION} for anything else ({@code INVALID_ARGUMENT}
   *     for null)
   */
  public static SignedAttestation parse(String json) {
    if (json == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the signed attestation is null");
    }
    Map<String, Object> members = StrictJson.parseObject(json, "the signed attestation");
    if (!members.keySet().equals(MEMBERS)) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, "a signed attestation has"
          + " exactly the members attestation, keyId and signature, not " + members.keySet());
    }
    String attestation = member(members, "attestation");
    String id = member(members, "keyId");
    String signature = member(members, "signature");
    KeyId keyId;
    try {
      keyId = KeyId.parse(id);
    } catch (KmsException e) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, "keyId is not a key id ("
          + e.code() + ")", e);
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, "signature is not Base64");
    }
    if (!Base64.getEncoder().encodeToString(sig).equals(signature)) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, "signature is not canonical"
          + " padded Base64");
    }
    return new SignedAttestation(attestation, keyId, sig);
  }

  private static String member(Map<String, Object> members, String name) {
    if (members.get(name) instanceof String s) {
      return s;
    }
    throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, name + " is not a string");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedAttestation s && attestation.equals(s.attestation)
        && keyId.equals(s.keyId) && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return (attestation.hashCode() * 31 + keyId.hashCode()) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedAttestation[" + keyId + ", " + signatureBase64() + ", " + attestation + "]";
  }
}
