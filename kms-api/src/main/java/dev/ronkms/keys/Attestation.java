package dev.ronkms.keys;

import java.time.Instant;
import java.util.List;

/**
 * A consistent snapshot of a key's public state: algorithm, the provider holding its private keys
 * (empty for a verify-only key), its export policy, head, minimum verify version, revision and
 * every version with its state, creation time and public key fingerprint (for an AEAD key: the
 * fingerprint of its key check value).
 *
 * <p>Guarantees: taken from one immutable key record, so it is never torn by a concurrent
 * rotation; holds no secret; {@link #toJson()} is deterministic (fixed field order, no
 * whitespace, times in ISO-8601 UTC), so equal attestations serialise to equal strings.
 */
public record Attestation(KeyId keyId, Algorithm algorithm, String provider, boolean verifyOnly,
    ExportPolicy exportPolicy, long revision, int headVersion, int minVerifyVersion,
    List<VersionInfo> versions) {

  /** One version as attested. */
  public record VersionInfo(int version, VersionState state, Instant createdAt,
      String fingerprint) {}

  /**
   * Copies the versions; {@code provider} is empty exactly for a verify-only key; a null export
   * policy is {@link ExportPolicy#NOT_EXPORTABLE}.
   */
  public Attestation {
    versions = List.copyOf(versions);
    provider = provider == null ? "" : provider;
    exportPolicy = exportPolicy == null ? ExportPolicy.NOT_EXPORTABLE : exportPolicy;
  }

  /** An attestation of a key that is {@link ExportPolicy#NOT_EXPORTABLE}. */
  public Attestation(KeyId keyId, Algorithm algorithm, String provider, boolean verifyOnly,
      long revision, int headVersion, int minVerifyVersion, List<VersionInfo> versions) {
    this(keyId, algorithm, provider, verifyOnly, ExportPolicy.NOT_EXPORTABLE, revision,
        headVersion, minVerifyVersion, versions);
  }

  /** Deterministic JSON, for example for audit logs or the {@code kms keys attest} command. */
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
        .field("minVerifyVersion", minVerifyVersion)
        .name("versions").beginArray();
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
