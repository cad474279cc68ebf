package dev.ronkms.keys;

import java.time.Instant;
import java.util.List;

/**
 * A consistent snapshot of a key's public state: algorithm, the provider holding its private keys
 * (empty for a verify-only key), its export policy, head, minimum verify version, revision and
 * every version with its state, creation time and public key fingerprint (for an AEAD key: the
 * fingerprint of its key check value); for a signature key its {@link SignatureVariant}, for a
 * composite key its {@link CompositeMode} (null otherwise, and then absent from the JSON).
 *
 * <p>Guarantees: taken from one immutable key record, so it is never torn by a concurrent
 * rotation; holds no secret; {@link #toJson()} is deterministic (fixed field order, no
 * whitespace, times in ISO-8601 UTC), so equal attestations serialise to equal strings.
 *
 * @param keyId the key id, without a version
 * @param algorithm the algorithm
 * @param provider the name of the provider holding the private keys; empty for a verify-only key
 * @param verifyOnly true for a key imported from a public key
 * @param exportPolicy whether the private key may leave sealed
 * @param revision the revision, which grows by one with every change
 * @param headVersion the head version number
 * @param minVerifyVersion the oldest version that may still verify
 * @param versions the versions, oldest first
 * @param signatureVariant how signatures are randomised; null for a key that does not sign
 * @param compositeMode how a composite key verifies; null for other keys
 */
public record Attestation(KeyId keyId, Algorithm algorithm, String provider, boolean verifyOnly,
    ExportPolicy exportPolicy, long revision, int headVersion, int minVerifyVersion,
    List<VersionInfo> versions, SignatureVariant signatureVariant,
    CompositeMode compositeMode) {

  /**
   * One version as attested.
   *
   * @param version the version number, from 1
   * @param state the version's state
   * @param createdAt when the version was made
   * @param fingerprint {@code sha256:} and the hex SHA-256 of the public key (of the key check
   *     value for an AEAD key)
   */
  public record VersionInfo(int version, VersionState state, Instant createdAt,
      String fingerprint) {}

  /**
   * Copies the versions; {@code provider} is empty exactly for a verify-only key; a null export
   * policy is {@link ExportPolicy#NOT_EXPORTABLE}.
   *
   * @param algorithm the algorithm
   * @param compositeMode how a composite key verifies; null for other keys
   * @param exportPolicy whether the private key may leave sealed
   * @param headVersion the head version number
   * @param keyId the key id, without a version
   * @param minVerifyVersion the oldest version that may still verify
   * @param provider the name of the provider holding the private keys; empty for a verify-only key
   * @param revision the revision, which grows by one with every change
   * @param signatureVariant how signatures are randomised; null for a key that does not sign
   * @param verifyOnly true for a key imported from a public key
   * @param versions the versions, oldest first
   */
  public Attestation {
    versions = List.copyOf(versions);
    provider = provider == null ? "" : provider;
    exportPolicy = exportPolicy == null ? ExportPolicy.NOT_EXPORTABLE : exportPolicy;
  }

  /**
   * An attestation with the algorithm's default signature variant and composite mode (see
   * {@link KeyOptions#resolve}).
   *
   * @param keyId the key id, without a version
   * @param algorithm the algorithm
   * @param provider the name of the provider that holds the private keys
   * @param verifyOnly true for a key imported from a public key
   * @param exportPolicy whether the private key may leave sealed
   * @param revision the revision, which grows by one with every change
   * @param headVersion the head version number
   * @param minVerifyVersion the oldest version that may still verify
   * @param versions the versions, oldest first
   */
  public Attestation(KeyId keyId, Algorithm algorithm, String provider, boolean verifyOnly,
      ExportPolicy exportPolicy, long revision, int headVersion, int minVerifyVersion,
      List<VersionInfo> versions) {
    this(keyId, algorithm, provider, verifyOnly, exportPolicy, revision, headVersion,
        minVerifyVersion, versions, algorithm.defaultVariant(),
        algorithm.composite() ? CompositeMode.REQUIRE : null);
  }

  /**
   * An attestation of a key that is {@link ExportPolicy#NOT_EXPORTABLE}.
   *
   * @param keyId the key id, without a version
   * @param algorithm the algorithm
   * @param provider the name of the provider that holds the private keys
   * @param verifyOnly true for a key imported from a public key
   * @param revision the revision, which grows by one with every change
   * @param headVersion the head version number
   * @param minVerifyVersion the oldest version that may still verify
   * @param versions the versions, oldest first
   */
  public Attestation(KeyId keyId, Algorithm algorithm, String provider, boolean verifyOnly,
      long revision, int headVersion, int minVerifyVersion, List<VersionInfo> versions) {
    this(keyId, algorithm, provider, verifyOnly, ExportPolicy.NOT_EXPORTABLE, revision,
        headVersion, minVerifyVersion, versions);
  }

  /**
   * Deterministic JSON, for example for audit logs or the {@code kms keys attest} command.
   *
   * @return deterministic JSON, for example for audit logs or the {@code kms keys attest} command
   */
  public String toJson() {
    JsonWriter w = new JsonWriter();
    w.beginObject()
        .field("keyId", keyId.format())
        .field("algorithm", algorithm.id())
        .field("provider", provider)
        .field("verifyOnly", verifyOnly)
        .field("exportPolicy", exportPolicy.name())
        .field("revision", revision)
        .field("headVersion", headVersion)
        .field("minVerifyVersion", minVerifyVersion);
    if (signatureVariant != null) {
      w.field("signatureVariant", signatureVariant.name());
    }
    if (compositeMode != null) {
      w.field("compositeMode", compositeMode.name());
    }
    w.name("versions").beginArray();
    for (VersionInfo v : versions) {
      w.beginObject()
          .field("version", v.version())
          .field("state", v.state().name())
          .field("createdAt", v.createdAt().toString())
          .field("fingerprint", v.fingerprint())
          .endObject();
    }
    return w.endArray().endObject().toString();
  }
}
