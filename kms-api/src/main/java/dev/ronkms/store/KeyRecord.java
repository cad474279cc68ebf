package dev.ronkms.store;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Everything a store keeps about one key: the provider that holds its private keys (none for a
 * verify-only key), its versions, which one is head, the minimum version that may verify, and a
 * revision number that grows by one with every change.
 *
 * <p>Guarantees: immutable, and every instance satisfies the key invariants, checked by
 * {@link #of} whoever builds it (the engine, or a store reading a record back): versions are
 * numbered 1..n without gaps (destroyed versions stay as tombstones), the head is ENABLED, at
 * most one version is PENDING and it is the newest, above the head; every public key has the
 * algorithm's length; in a key with private keys every live version holds a handle of the
 * record's provider and algorithm, bound to the version's public key, and a verify-only key
 * holds no handle at all. State changes are the engine's alone (docs/ARCHITECTURE.md); this
 * class only answers questions.
 */
public final class KeyRecord {
  private final KeyId id;
  private final String provider;
  private final long revision;
  private final int head;
  private final int minVerifyVersion;
  private final List<KeyVersion> versions; // index = number - 1
  private final KeyOptions options;

  private KeyRecord(KeyId id, String provider, long revision, int head, int minVerifyVersion,
      List<KeyVersion> versions, KeyOptions options) {
    this.id = id;
    this.options = options;
    this.provider = provider;
    this.revision = revision;
    this.head = head;
    this.minVerifyVersion = minVerifyVersion;
    this.versions = Collections.unmodifiableList(versions);
  }

  /**
   * A record, checked against every invariant.
   *
   * @param provider the provider holding the private keys, or null for a verify-only key
   * @param id the key id, without a version
   * @param revision the revision, which grows by one with every change
   * @param head the head version number
   * @param minVerifyVersion the oldest version that may still verify
   * @param versions the versions, oldest first
   * @return a record, checked against every invariant
   * @throws KmsException {@code CORRUPT_RECORD} naming the broken invariant
   */
  public static KeyRecord of(KeyId id, String provider, long revision, int head,
      int minVerifyVersion, List<KeyVersion> versions) {
    return of(id, provider, revision, head, minVerifyVersion, versions,
        ExportPolicy.NOT_EXPORTABLE);
  }

  /**
   * A record with an explicit export policy, checked against every invariant.
   *
   * @param provider the provider holding the private keys, or null for a verify-only key
   * @param id the key id, without a version
   * @param revision the revision, which grows by one with every change
   * @param head the head version number
   * @param minVerifyVersion the oldest version that may still verify
   * @param versions the versions, oldest first
   * @param exportPolicy whether the private key may leave sealed
   * @return a record with an explicit export policy, checked against every invariant
   * @throws KmsException {@code CORRUPT_RECORD} naming the broken invariant
   */
  public static KeyRecord of(KeyId id, String provider, long revision, int head,
      int minVerifyVersion, List<KeyVersion> versions, ExportPolicy exportPolicy) {
    if (id == null || exportPolicy == null) {
      throw corrupt(id, "id, versions and export policy are required");
    }
    KeyOptions options;
    try {
      options = KeyOptions.defaults().with(exportPolicy).resolve(id.algorithm());
    } catch (KmsException e) {
      throw corrupt(id, e.getMessage());
    }
    return of(id, provider, revision, head, minVerifyVersion, versions, options);
  }

  /**
   * A record with explicit options, checked against every invariant; the options must be
   * complete for the algorithm ({@link KeyOptions#resolvedFor}).
   *
   * @param provider the provider holding the private keys, or null for a verify-only key
   * @param id the key id, without a version
   * @param revision the revision, which grows by one with every change
   * @param head the head version number
   * @param minVerifyVersion the oldest version that may still verify
   * @param versions the versions, oldest first
   * @param options the key options
   * @return a record with explicit options, checked against every invariant; the options must be
   *     complete for the algorithm ({@link KeyOptions#resolvedFor})
   * @throws KmsException {@code CORRUPT_RECORD} naming the broken invariant
   */
  public static KeyRecord of(KeyId id, String provider, long revision, int head,
      int minVerifyVersion, List<KeyVersion> versions, KeyOptions options) {
    List<KeyVersion> copy = versions == null ? null : new ArrayList<>(versions);
    if (id == null || copy == null || copy.contains(null) || options == null) {
      throw corrupt(id, "id, versions and options are required");
    }
    if (!options.resolvedFor(id.algorithm())) {
      throw corrupt(id, "the options " + options + " are not complete and valid for "
          + id.algorithm().id());
    }
    KeyRecord r = new KeyRecord(id, provider, revision, head, minVerifyVersion, copy,
        options);
    r.checkInvariants();
    return r;
  }

  /**
   * The key's id, without a version.
   *
   * @return the key's id, without a version
   */
  public KeyId id() {
    return id;
  }

  /**
   * The provider that holds the key's private keys; empty for a verify-only key.
   *
   * @return the provider that holds the key's private keys; empty for a verify-only key
   */
  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  /**
   * Whether the key's private key may be exported (sealed); fixed at creation.
   *
   * @return whether the key's private key may be exported (sealed); fixed at creation
   */
  public ExportPolicy exportPolicy() {
    return options.exportPolicy();
  }

  /**
   * The options fixed at creation: export policy, signature variant (null for a key that does
   * not sign) and composite mode (null for a key that is not composite).
   *
   * @return the options fixed at creation: export policy, signature variant (null for a key that
   *     does not sign) and composite mode (null for a key that is not composite)
   */
  public KeyOptions options() {
    return options;
  }

  /**
   * True for a key imported from a public key: it verifies and never signs.
   *
   * @return true for a key imported from a public key: it verifies and never signs
   */
  public boolean verifyOnly() {
    return provider == null;
  }

  /**
   * Grows by one with every change; stores compare-and-set on it.
   *
   * @return the revision
   */
  public long revision() {
    return revision;
  }

  /**
   * The head version number: the only one that signs.
   *
   * @return the head version number: the only one that signs
   */
  public int head() {
    return head;
  }

  /**
   * The oldest version that may still verify.
   *
   * @return the oldest version that may still verify
   */
  public int minVerifyVersion() {
    return minVerifyVersion;
  }

  /**
   * All versions, oldest first (unmodifiable).
   *
   * @return all versions, oldest first (unmodifiable)
   */
  public List<KeyVersion> versions() {
    return versions;
  }

  /**
   * The newest version number (the head, or the pending version when one is staged).
   *
   * @return the newest version number (the head, or the pending version when one is staged)
   */
  public int latest() {
    return versions.size();
  }

  /**
   * The version with this number. @throws KmsException VERSION_NOT_FOUND
   *
   * @param number the version number, from 1
   * @return the version with this number
   */
  public KeyVersion version(int number) {
    if (number < 1 || number > versions.size()) {
      throw new KmsException(ErrorCode.VERSION_NOT_FOUND,
          id + " has no version " + number + " (latest is v" + versions.size() + ")");
    }
    return versions.get(number - 1);
  }

  /**
   * The head version.
   *
   * @return the head version
   */
  public KeyVersion headVersion() {
    return versions.get(head - 1);
  }

  /**
   * The staged version, if any.
   *
   * @return the staged version, if any
   */
  public Optional<KeyVersion> pending() {
    KeyVersion last = versions.get(versions.size() - 1);
    return last.state() == VersionState.PENDING ? Optional.of(last) : Optional.empty();
  }

  /**
   * The version that may sign under {@code requested}: the head when {@code requested} has no
   * version, else the named version, which must be the head.
   *
   * @param requested the requested key id
   * @return the version that may sign under {@code requested}: the head when {@code requested} has
   *     no version, else the named version, which must be the head
   * @throws KmsException {@code NO_PRIVATE_KEY} for a verify-only key, {@code NOT_HEAD_VERSION}
   *     or {@code VERSION_NOT_FOUND} for another version
   */
  public KeyVersion signingVersion(KeyId requested) {
    if (verifyOnly()) {
      throw new KmsException(ErrorCode.NO_PRIVATE_KEY, id + " is verify-only: it was imported"
          + " from a public key and never signs");
    }
    if (!requested.hasVersion()) {
      return headVersion();
    }
    KeyVersion v = version(requested.version());
    if (v.number() != head) {
      throw new KmsException(ErrorCode.NOT_HEAD_VERSION,
          requested + " is not the head (v" + head + ") and may not sign");
    }
    return v;
  }

  /**
   * The version numbered {@code number}, if it may verify. @throws KmsException why not
   *
   * @param number the version number, from 1
   * @return the version numbered {@code number}, if it may verify
   */
  public KeyVersion verifyingVersion(int number) {
    KeyVersion v = version(number);
    if (v.state() == VersionState.DESTROYED) {
      throw new KmsException(ErrorCode.VERSION_DESTROYED, id + "/v" + number + " is destroyed");
    }
    if (v.state() == VersionState.DISABLED) {
      throw new KmsException(ErrorCode.VERSION_DISABLED, id + "/v" + number + " is disabled");
    }
    if (number < minVerifyVersion) {
      throw new KmsException(ErrorCode.VERSION_BELOW_MINIMUM, id + "/v" + number
          + " is below the minimum verify version v" + minVerifyVersion);
    }
    return v;
  }

  private void checkInvariants() {
    if (id.hasVersion()) {
      throw corrupt(id, "a key record is named without a version");
    }
    if (revision < 1 || versions.isEmpty() || head < 1 || head > versions.size()
        || minVerifyVersion < 1 || minVerifyVersion > head) {
      throw corrupt(id, "revision, head or minimum version out of range");
    }
    if (versions.get(head - 1).state() != VersionState.ENABLED) {
      throw corrupt(id, "the head is not ENABLED");
    }
    for (int i = 0; i < versions.size(); i++) {
      checkVersion(versions.get(i), i + 1);
    }
  }

  private void checkVersion(KeyVersion v, int expectedNumber) {
    if (v.number() != expectedNumber) {
      throw corrupt(id, "versions are not numbered 1..n");
    }
    boolean aboveHead = expectedNumber > head;
    if (v.state() == VersionState.PENDING
        && (!aboveHead || expectedNumber != versions.size() || verifyOnly())) {
      throw corrupt(id, "a pending version must be the newest, above the head");
    }
    if (aboveHead && v.state() != VersionState.PENDING
        && v.state() != VersionState.DESTROYED) {
      throw corrupt(id, "a version above the head must be pending or destroyed");
    }
    if (v.publicKey().length != id.algorithm().publicKeyLength()) {
      throw corrupt(id, "v" + expectedNumber + " has a public key of the wrong length");
    }
    Optional<PrivateKeyHandle> handle = v.handle();
    if (verifyOnly()) {
      if (handle.isPresent()) {
        throw corrupt(id, "a verify-only key holds a private key");
      }
      return;
    }
    if (v.state() != VersionState.DESTROYED && handle.isEmpty()) {
      throw corrupt(id, "v" + expectedNumber + " is live but has no private key");
    }
    if (handle.isPresent() && (!provider.equals(handle.get().provider())
        || handle.get().algorithm() != id.algorithm())) {
      throw corrupt(id, "v" + expectedNumber + " holds a private key of another provider or"
          + " algorithm");
    }
  }

  private static KmsException corrupt(KeyId id, String why) {
    return new KmsException(ErrorCode.CORRUPT_RECORD, "key record " + id + ": " + why);
  }

  @Override
  public String toString() {
    return "KeyRecord[" + id + ", rev " + revision + ", head v" + head + ", min v"
        + minVerifyVersion + ", " + versions.size() + " versions, " + options + ", "
        + (provider == null ? "verify-only" : "provider " + provider) + "]";
  }
}
