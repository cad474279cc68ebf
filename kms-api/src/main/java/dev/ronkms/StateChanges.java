package dev.ronkms;

import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import dev.ronkms.store.KeystoreStore;
import java.util.function.UnaryOperator;

/**
 * The changes to existing keys that make no new version: state changes, the minimum version,
 * destruction and deletion. Each is one compare-and-set on the record's revision (a failed call
 * leaves the store unchanged), and a private key is zeroised only once the record that drops it
 * is saved, or at once when the store was closed meanwhile.
 */
final class StateChanges {
  private final KeystoreStore store;
  private final KeyAccess keys;
  private final HandleTracker handles;
  private final PolicyVerifier policy;

  StateChanges(KeystoreStore store, KeyAccess keys, HandleTracker handles,
      PolicyVerifier policy) {
    this.store = store;
    this.keys = keys;
    this.handles = handles;
    this.policy = policy;
  }

  /** Moves the version {@code version} names to {@code target} (not DESTROYED). */
  void setState(KeyId version, VersionState target) {
    KeyAccess.requireVersion(version);
    update(version, r -> Lifecycle.withState(r, version.version(), target));
  }

  /** Saves {@code change} of the key's record, unless it returns the record itself. */
  void update(KeyId key, UnaryOperator<KeyRecord> change) {
    KeyRecord before = keys.load(key);
    KeyRecord after = change.apply(before);
    if (after != before) {
      store.save(after, before.revision());
    }
  }

  /** Destroys the version {@code version} names; its private key is zeroised once saved. */
  void destroy(KeyId version) {
    KeyAccess.requireVersion(version);
    KeyRecord before = keys.load(version);
    KeyRecord after = Lifecycle.withState(before, version.version(), VersionState.DESTROYED);
    if (after == before) {
      return;
    }
    PrivateKeyHandle handle = before.version(version.version()).handle().orElse(null);
    try {
      store.save(after, before.revision());
    } catch (KmsException e) {
      if (e.code() == ErrorCode.CLOSED && handle != null) {
        handles.closeAndForget(handle); // the store is gone: nothing may outlive it
      }
      throw e;
    }
    policy.forget(version);
    if (handle != null) {
      handles.discardAndForget(handle);
    }
  }

  /** Deletes the key and zeroises its private keys; whether it existed. */
  boolean delete(KeyId key) {
    if (key == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    KeyRecord before = store.load(key.unversioned()).orElse(null);
    boolean deleted = store.delete(key.unversioned());
    policy.forget(key);
    if (before != null) {
      for (KeyVersion v : before.versions()) {
        v.handle().ifPresent(handles::discardAndForget);
      }
    }
    return deleted;
  }
}
