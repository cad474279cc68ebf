package dev.ronkms.keys;

import java.util.Objects;
import java.util.UUID;

/**
 * Names a key, or one version of a key.
 *
 * <p>Grammar (docs/API.md):
 * <pre>
 * key-id  = tenant "/" purpose "/" alg "/" uuid [ "/v" version ]
 * tenant  = label, purpose = label
 * label   = [a-z0-9] followed by 0–62 of [a-z0-9._-]
 * alg     = an {@link Algorithm} id, for example "ed25519"
 * uuid    = lowercase 8-4-4-4-12 hex
 * version = 1..2147483647 in decimal, no leading zero
 * </pre>
 * Example: {@code acme/payments/ed25519/3f0c9a52-6f0e-4c1e-9d2a-5b8e7f1a2c3d/v2}.
 *
 * <p>Guarantees: immutable; {@code parse(k.format()).equals(k)} for every KeyId; {@link #parse}
 * throws {@link dev.ronkms.KmsException} with {@link dev.ronkms.ErrorCode#INVALID_KEY_ID} (or
 * {@code UNSUPPORTED_ALGORITHM} for an unknown algorithm) for every other string, never a raw
 * runtime exception.
 */
public final class KeyId implements Comparable<KeyId> {
  private final String tenant;
  private final String purpose;
  private final Algorithm algorithm;
  private final UUID uuid;
  private final int version; // 0 = no version
  private String formatted; // format(), computed once
  private int hash; // hashCode(), computed once (0: not yet)

  private KeyId(String tenant, String purpose, Algorithm algorithm, UUID uuid, int version) {
    this.tenant = tenant;
    this.purpose = purpose;
    this.algorithm = algorithm;
    this.uuid = uuid;
    this.version = version;
  }

  /**
   * A key id without a version; labels are checked against the grammar.
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param uuid the UUID
   * @return a key id without a version; labels are checked against the grammar
   */
  public static KeyId of(String tenant, String purpose, Algorithm algorithm, UUID uuid) {
    if (algorithm == null || uuid == null) {
      throw KeyIdGrammar.invalid(algorithm == null ? "algorithm is null" : "uuid is null");
    }
    return new KeyId(KeyIdGrammar.label("tenant", tenant),
        KeyIdGrammar.label("purpose", purpose), algorithm, uuid, 0);
  }

  /**
   * Parses the textual form; see the class comment for the grammar.
   *
   * @param text the textual form
   * @return the key id
   */
  public static KeyId parse(String text) {
    if (text == null || text.isEmpty()) {
      throw KeyIdGrammar.invalid("key id is empty");
    }
    if (text.length() > KeyIdGrammar.MAX_LENGTH) {
      throw KeyIdGrammar.invalid("key id is longer than " + KeyIdGrammar.MAX_LENGTH
          + " characters (" + text.length() + ")");
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 4 && parts.length != 5) {
      throw KeyIdGrammar.invalid("key id must be tenant/purpose/alg/uuid[/vN]: "
          + KeyIdGrammar.quote(text));
    }
    String tenant = KeyIdGrammar.label("tenant", parts[0]);
    String purpose = KeyIdGrammar.label("purpose", parts[1]);
    Algorithm algorithm = Algorithm.fromId(parts[2]);
    UUID uuid = KeyIdGrammar.uuid(parts[3]);
    int version = parts.length == 5 ? KeyIdGrammar.version(parts[4]) : 0;
    return new KeyId(tenant, purpose, algorithm, uuid, version);
  }

  /**
   * The same key, naming version {@code n} (n &ge; 1).
   *
   * @param n the version number (n &ge; 1)
   * @return the same key, naming version {@code n} (n &ge; 1)
   */
  public KeyId withVersion(int n) {
    return new KeyId(tenant, purpose, algorithm, uuid, KeyIdGrammar.version(n));
  }

  /**
   * The same key without a version.
   *
   * @return the same key without a version
   */
  public KeyId unversioned() {
    return version == 0 ? this : new KeyId(tenant, purpose, algorithm, uuid, 0);
  }

  /**
   * True when this id names one version.
   *
   * @return true when this id names one version
   */
  public boolean hasVersion() {
    return version != 0;
  }

  /**
   * The version number, or 0 when {@link #hasVersion()} is false.
   *
   * @return the version number, or 0 when {@link #hasVersion()} is false
   */
  public int version() {
    return version;
  }

  /**
   * The tenant label.
   *
   * @return the tenant label
   */
  public String tenant() {
    return tenant;
  }

  /**
   * The purpose label.
   *
   * @return the purpose label
   */
  public String purpose() {
    return purpose;
  }

  /**
   * The algorithm of the key.
   *
   * @return the algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * The UUID that makes the key unique within its tenant and purpose.
   *
   * @return the UUID
   */
  public UUID uuid() {
    return uuid;
  }

  /**
   * The canonical textual form, which {@link #parse} reads back to an equal KeyId.
   *
   * @return the canonical textual form, which {@link #parse} reads back to an equal KeyId
   */
  public String format() {
    String f = formatted;
    if (f == null) {
      String base = tenant + '/' + purpose + '/' + algorithm.id() + '/' + uuid;
      f = version == 0 ? base : base + "/v" + version;
      formatted = f; // a benign race: every thread computes the same immutable string
    }
    return f;
  }

  @Override
  public String toString() {
    return format();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId k && version == k.version && tenant.equals(k.tenant)
        && purpose.equals(k.purpose) && algorithm == k.algorithm && uuid.equals(k.uuid);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(tenant, purpose, algorithm, uuid, version);
      hash = h; // a benign race, as for format()
    }
    return h;
  }

  /** Orders by the textual form's parts, versions numerically. */
  @Override
  public int compareTo(KeyId o) {
    int c = tenant.compareTo(o.tenant);
    if (c == 0) c = purpose.compareTo(o.purpose);
    if (c == 0) c = algorithm.compareTo(o.algorithm);
    if (c == 0) c = uuid.toString().compareTo(o.uuid.toString());
    if (c == 0) c = Integer.compare(version, o.version);
    return c;
  }
}
