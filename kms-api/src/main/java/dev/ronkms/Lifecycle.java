package dev.ronkms;

import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The key lifecycle's state changes: each takes a record and returns the next one (revision +
 * 1), or throws the typed reason the change is not allowed and leaves the record as it was.
 * Only the engine changes key state, so these rules live here and not on the public
 * {@link KeyRecord}; docs/API.md draws the state machine.
 */
final class Lifecycle {
  private Lifecycle() {}

  /** A new key whose version 1 is head; revision 1; its options (resolved) fixed for life. */
  static KeyRecord created(KeyId id, String provider, KeyVersion first, KeyOptions options) {
    return KeyRecord.of(id, provider, 1, 1, 1, List.of(first), options);
  }

  /** Adds {@code next} as the new head (plain rotation, or a verify-only key's import). */
  static KeyRecord rotated(KeyRecord r, KeyVersion next) {
    requireNoPending(r);
    List<KeyVersion> list = appended(r, next, VersionState.ENABLED);
    return next(r, next.number(), r.minVerifyVersion(), list);
  }

  /** Adds {@code next} as a PENDING version: it verifies but does not sign until promoted. */
  static KeyRecord staged(KeyRecord r, KeyVersion next) {
    requireNoPending(r);
    List<KeyVersion> list = appended(r, next, VersionState.PENDING);
    return next(r, r.head(), r.minVerifyVersion(), list);
  }

  /** Makes the pending version {@code number} the head. */
  static KeyRecord promoted(KeyRecord r, int number) {
    KeyVersion p = r.pending().orElseThrow(() -> new KmsException(ErrorCode.NO_PENDING_VERSION,
        r.id() + " has no pending version to promote"));
    if (p.number() != number) {
      throw new KmsException(ErrorCode.ILLEGAL_TRANSITION, r.id() + "/v" + number
          + " is not the pending version (v" + p.number() + " is)");
    }
    List<KeyVersion> list = new ArrayList<>(r.versions());
    list.set(number - 1, withState(p, VersionState.ENABLED));
    return next(r, number, r.minVerifyVersion(), list);
  }

  /**
   * Moves version {@code number} to {@code target} (ENABLED, DISABLED or DESTROYED). Returns
   * {@code r} itself when the version is already in that state.
   */
  static KeyRecord withState(KeyRecord r, int number, VersionState target) {
    KeyVersion v = r.version(number);
    if (v.state() == target) {
      return r;
    }
    if (target == VersionState.PENDING) {
      throw illegal("a version becomes PENDING only by stageRotation");
    }
    if (number == r.head()) {
      throw illegal(r.id() + "/v" + number + " is the head; rotate before changing its state");
    }
    if (v.state() == VersionState.DESTROYED) {
      throw illegal(r.id() + "/v" + number + " is destroyed; that is final");
    }
    if (v.state() == VersionState.PENDING && target != VersionState.DESTROYED) {
      throw illegal(r.id() + "/v" + number + " is pending; promote it or destroy it");
    }
    List<KeyVersion> list = new ArrayList<>(r.versions());
    list.set(number - 1, withState(v, target));
    return next(r, r.head(), r.minVerifyVersion(), list);
  }

  /** Sets the minimum version that may verify; 1 &le; {@code min} &le; head. */
  static KeyRecord withMinVerifyVersion(KeyRecord r, int min) {
    if (min < 1 || min > r.head()) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "minimum verify version must be"
          + " between 1 and the head v" + r.head() + ", got " + min);
    }
    if (min == r.minVerifyVersion()) {
      return r;
    }
    return next(r, r.head(), min, r.versions());
  }

  /** The same version in another state; DESTROYED drops (but does not close) the handle. */
  private static KeyVersion withState(KeyVersion v, VersionState next) {
    PrivateKeyHandle handle = next == VersionState.DESTROYED ? null : v.handle().orElse(null);
    return new KeyVersion(v.number(), next, v.createdAt(), v.publicKey(), handle);
  }

  private static KeyRecord next(KeyRecord r, int head, int min, List<KeyVersion> versions) {
    return KeyRecord.of(r.id(), r.provider().orElse(null), r.revision() + 1, head, min,
        versions, r.options());
  }

  private static List<KeyVersion> appended(KeyRecord r, KeyVersion next, VersionState state) {
    if (r.latest() == Integer.MAX_VALUE) {
      throw new KmsException(ErrorCode.VERSION_EXHAUSTED, r.id()
          + " has used every version number");
    }
    if (next.number() != r.latest() + 1 || next.state() != state) {
      throw new IllegalStateException("next version must be v" + (r.latest() + 1)
          + " in state " + state);
    }
    List<KeyVersion> list = new ArrayList<>(r.versions());
    list.add(next);
    return list;
  }

  private static void requireNoPending(KeyRecord r) {
    r.pending().ifPresent(p -> {
      throw new KmsException(ErrorCode.PENDING_VERSION_EXISTS, r.id() + "/v" + p.number()
          + " is pending; promote it or destroy it first");
    });
  }

  private static KmsException illegal(String why) {
    return new KmsException(ErrorCode.ILLEGAL_TRANSITION, why);
  }
}
