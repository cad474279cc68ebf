package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a store keeps about one key: its versions, which one is head, the minimum version
 * that may verify, and a revision number that grows by one with every change.
 *
 * <p>Guarantees: immutable; every change returns a new record whose {@link #revision()} is one
 * more, so a store's compare-and-set on the revision never loses an update; versions are numbered
 * 1..n without gaps (destroyed versions stay as tombstones), the head is always ENABLED, at most
 * one version is PENDING and it is newer than the head. Illegal changes throw {@link KmsException}
 * and leave the record untouched.
 */
public final class KeyRecord {
  private final KeyId id;
  private final String backend;
  private final long revision;
  private final int head;
  private final int minVerifyVersion;
  private final List<KeyVersion> versions; // index = number - 1

  private KeyRecord(KeyId id, String backend, long revision, int head, int minVerifyVersion,
      List<KeyVersion> versions) {
    this.id = id;
    this.backend = backend;
    this.revision = revision;
    this.head = head;
    this.minVerifyVersion = minVerifyVersion;
    this.versions = Collections.unmodifiableList(versions);
  }

  /** A new key whose first version is head; revision 1. */
  public static KeyRecord create(KeyId id, String backend, KeyVersion first) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(backend, "backend");
    if (id.hasVersion()) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "a key record is named without a version");
    }
    if (first.number() != 1 || first.state() != VersionState.ENABLED) {
      throw new IllegalArgumentException("the first version is v1 and ENABLED");
    }
    List<KeyVersion> list = new ArrayList<>();
    list.add(first);
    return new KeyRecord(id, backend, 1, 1, 1, list);
  }

  /** Rebuilds a record read back from storage, checking every invariant. */
  public static KeyRecord restore(KeyId id, String backend, long revision, int head,
      int minVerifyVersion, List<KeyVersion> versions) {
    KeyRecord r = new KeyRecord(id, backend, revision, head, minVerifyVersion,
        new ArrayList<>(versions));
    r.checkInvariants();
    return r;
  }

  /** The key's id, without a version. */
  public KeyId id() {
    return id;
  }

  /** The name of the backend that created the key. */
  public String backend() {
    return backend;
  }

  public long revision() {
    return revision;
  }

  /** The head version number: the only one that signs. */
  public int head() {
    return head;
  }

  public int minVerifyVersion() {
    return minVerifyVersion;
  }

  /** All versions, oldest first (unmodifiable). */
  public List<KeyVersion> versions() {
    return versions;
  }

  /** The newest version number (the head, or the pending version when one is staged). */
  public int latest() {
    return versions.size();
  }

  /** The version with this number. @throws KmsException VERSION_NOT_FOUND */
  public KeyVersion version(int number) {
    if (number < 1 || number > versions.size()) {
      throw new KmsException(ErrorCode.VERSION_NOT_FOUND,
          id + " has no version " + number + " (latest is v" + versions.size() + ")");
    }
    return versions.get(number - 1);
  }

  /** The head version. */
  public KeyVersion headVersion() {
    return versions.get(head - 1);
  }

  /** The staged version, if any. */
  public Optional<KeyVersion> pending() {
    KeyVersion last = versions.get(versions.size() - 1);
    return last.state() == VersionState.PENDING ? Optional.of(last) : Optional.empty();
  }

  /**
   * The version that may sign under {@code requested}: the head when {@code requested} has no
   * version, else the named version, which must be the head.
   */
  public KeyVersion signingVersion(KeyId requested) {
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

  /** The version named by {@code requested}, if it may verify. @throws KmsException why not */
  public KeyVersion verifyingVersion(int number) {
    KeyVersion v = version(number);
    switch (v.state()) {
      case DESTROYED:
        throw new KmsException(ErrorCode.VERSION_DESTROYED, id + "/v" + number + " is destroyed");
      case DISABLED:
        throw new KmsException(ErrorCode.VERSION_DISABLED, id + "/v" + number + " is disabled");
      default:
        break;
    }
    if (number < minVerifyVersion) {
      throw new KmsException(ErrorCode.VERSION_BELOW_MINIMUM, id + "/v" + number
          + " is below the minimum verify version v" + minVerifyVersion);
    }
    return v;
  }

  /** Adds {@code next} as the new head (plain rotation). */
  public KeyRecord rotated(KeyVersion next) {
    requireNoPending();
    requireNext(next, VersionState.ENABLED);
    List<KeyVersion> list = new ArrayList<>(versions);
    list.add(next);
    return new KeyRecord(id, backend, revision + 1, next.number(), minVerifyVersion, list);
  }

  /** Adds {@code next} as a PENDING version: it verifies but does not sign until promoted. */
  public KeyRecord staged(KeyVersion next) {
    requireNoPending();
    requireNext(next, VersionState.PENDING);
    List<KeyVersion> list = new ArrayList<>(versions);
    list.add(next);
    return new KeyRecord(id, backend, revision + 1, head, minVerifyVersion, list);
  }

  /** Makes the pending version {@code number} the head. */
  public KeyRecord promoted(int number) {
    KeyVersion p = pending().orElseThrow(() -> new KmsException(ErrorCode.NO_PENDING_VERSION,
        id + " has no pending version to promote"));
    if (p.number() != number) {
      throw new KmsException(ErrorCode.ILLEGAL_TRANSITION, id + "/v" + number
          + " is not the pending version (v" + p.number() + " is)");
    }
    List<KeyVersion> list = new ArrayList<>(versions);
    list.set(number - 1, p.withState(VersionState.ENABLED));
    return new KeyRecord(id, backend, revision + 1, number, minVerifyVersion, list);
  }

  /**
   * Moves version {@code number} to {@code target} (ENABLED, DISABLED or DESTROYED). Returns this
   * record unchanged when the version is already in that state.
   */
  public KeyRecord withState(int number, VersionState target) {
    KeyVersion v = version(number);
    if (v.state() == target) {
      return this;
    }
    if (target == VersionState.PENDING) {
      throw new KmsException(ErrorCode.ILLEGAL_TRANSITION, "a version becomes PENDING only by"
          + " stageRotation");
    }
    if (number == head) {
      throw new KmsException(ErrorCode.ILLEGAL_TRANSITION, id + "/v" + number
          + " is the head; rotate before changing its state");
    }
    if (v.state() == VersionState.DESTROYED) {
      throw new KmsException(ErrorCode.ILLEGAL_TRANSITION, id + "/v" + number
          + " is destroyed; that is final");
    }
    if (v.state() == VersionState.PENDING && target != VersionState.DESTROYED) {
      throw new KmsException(ErrorCode.ILLEGAL_TRANSITION, id + "/v" + number
          + " is pending; promote it or destroy it");
    }
    List<KeyVersion> list = new ArrayList<>(versions);
    list.set(number - 1, v.withState(target));
    return new KeyRecord(id, backend, revision + 1, head, minVerifyVersion, list);
  }

  /** Sets the minimum version that may verify; 1 &le; {@code min} &le; head. */
  public KeyRecord withMinVerifyVersion(int min) {
    if (min < 1 || min > head) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "minimum verify version must be"
          + " between 1 and the head v" + head + ", got " + min);
    }
    if (min == minVerifyVersion) {
      return this;
    }
    return new KeyRecord(id, backend, revision + 1, head, min, new ArrayList<>(versions));
  }

  private void requireNoPending() {
    pending().ifPresent(p -> {
      throw new KmsException(ErrorCode.PENDING_VERSION_EXISTS, id + "/v" + p.number()
          + " is pending; promote it or destroy it first");
    });
  }

  private void requireNext(KeyVersion next, VersionState state) {
    if (versions.size() == Integer.MAX_VALUE) {
      throw new KmsException(ErrorCode.VERSION_EXHAUSTED, id + " has used every version number");
    }
    if (next.number() != versions.size() + 1 || next.state() != state) {
      throw new IllegalArgumentException("next version must be v" + (versions.size() + 1)
          + " in state " + state);
    }
  }

  private void checkInvariants() {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(backend, "backend");
    boolean ok = !id.hasVersion() && revision >= 1 && !versions.isEmpty()
        && head >= 1 && head <= versions.size()
        && minVerifyVersion >= 1 && minVerifyVersion <= head
        && versions.get(head - 1).state() == VersionState.ENABLED;
    for (int i = 0; ok && i < versions.size(); i++) {
      KeyVersion v = versions.get(i);
      boolean aboveHead = i + 1 > head;
      ok = v.number() == i + 1
          && (v.state() != VersionState.PENDING || (aboveHead && i == versions.size() - 1))
          && (!aboveHead || v.state() == VersionState.PENDING
              || v.state() == VersionState.DESTROYED);
    }
    if (!ok) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "stored record for " + id
          + " breaks the key invariants");
    }
  }

  @Override
  public String toString() {
    return "KeyRecord[" + id + ", rev " + revision + ", head v" + head + ", min v"
        + minVerifyVersion + ", " + versions.size() + " versions, backend " + backend + "]";
  }
}
