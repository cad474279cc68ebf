package dev.ronkms;

import dev.ronkms.batch.BatchStats;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.providers.ProviderInfo;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import dev.ronkms.store.KeystoreStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The key manager: creates keys of any {@link Algorithm} a provider serves, imports verify-only
 * public keys, signs with the head version, verifies with any version that may still verify,
 * rotates, stages and promotes versions, changes version states, and attests.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Only the head version signs, with the private key its record's provider holds, under the
 *       public key bound to that private key; every signature names the version that made
 *       it.</li>
 *   <li>Every change is one compare-and-set on the key's revision: two concurrent changes never
 *       both win (the loser gets {@link ErrorCode#CONFLICT}, which is retryable), readers never
 *       see a torn key, and a failed call leaves the store unchanged.</li>
 *   <li>Every failure is a {@link KmsException} with a stable {@link ErrorCode}; no message
 *       carries secret material. Malformed input follows one rule per layer (docs/API.md).</li>
 *   <li>Thread-safe; no global lock.</li>
 *   <li>{@link #close()} closes the store and zeroises every private key this key manager
 *       made, even one a concurrent call still held.</li>
 * </ul>
 */
public final class Kms implements AutoCloseable {
  private final KeystoreStore store;
  private final KeyAccess keys;
  private final ProviderRegistry providers;
  private final VerificationRoute route;
  private final BatchVerification batch;
  private final PolicyVerifier policy = new PolicyVerifier();
  private final HandleTracker handles = new HandleTracker();
  private final VersionMaker versions;

  Kms(KeystoreStore store, ProviderRegistry providers, VerificationRoute route, Clock clock) {
    this.store = store;
    this.keys = new KeyAccess(store);
    this.providers = providers;
    this.route = route;
    this.batch = new BatchVerification(keys, providers, route);
    this.versions = new VersionMaker(store, providers, handles, clock);
  }

  /** A builder; with no settings it gives an in-memory store and the default providers. */
  public static KmsBuilder builder() {
    return new KmsBuilder();
  }

  /** A key manager on a fresh in-memory store with the highest-priority providers. */
  public static Kms inMemory() {
    return builder().build();
  }

  /** Every discovered provider per algorithm, the one that makes new keys marked selected. */
  public List<ProviderInfo> providers() {
    return providers.describe();
  }

  /**
   * The name of the provider that makes new keys of {@code algorithm}.
   *
   * @throws KmsException {@code NO_PROVIDER} when none serves it
   */
  public String provider(Algorithm algorithm) {
    return providers.forNewKeys(requireAlgorithm(algorithm)).name();
  }

  /** Who answers verification calls (set with {@link KmsBuilder#verificationRoute}). */
  public VerificationRoute verificationRoute() {
    return route;
  }

  /** Creates a key whose version 1 is head; returns its id (without a version). */
  public KeyId create(String tenant, String purpose, Algorithm algorithm) {
    KeyId id = KeyId.of(tenant, purpose, requireAlgorithm(algorithm), UUID.randomUUID());
    versions.create(id);
    return id;
  }

  /**
   * Imports a public key as a verify-only key whose version 1 is head. {@code publicKey} is the
   * raw key or its DER X.509 SubjectPublicKeyInfo. The key verifies like any other, rotates by
   * {@link #rotateToPublicKey}, and never signs ({@code NO_PRIVATE_KEY}).
   *
   * @throws KmsException {@code MALFORMED_KEY} for a key of the wrong length or encoding, or an
   *     Ed25519 key the policy rejects (non-canonical, small order, not on the curve)
   */
  public KeyId importPublicKey(String tenant, String purpose, Algorithm algorithm,
      byte[] publicKey) {
    KeyId id = KeyId.of(tenant, purpose, requireAlgorithm(algorithm), UUID.randomUUID());
    versions.imported(id, publicKey);
    return id;
  }

  /**
   * Adds an imported public key as the new head version of a verify-only key; returns its
   * versioned id. The encodings accepted are those of {@link #importPublicKey}.
   *
   * @throws KmsException {@code UNSUPPORTED_OPERATION} for a key with private keys (use
   *     {@link #rotate}), {@code MALFORMED_KEY} as for {@link #importPublicKey}
   */
  public KeyId rotateToPublicKey(KeyId key, byte[] publicKey) {
    return versions.imported(keys.load(key), publicKey);
  }

  /**
   * Signs with the head version. {@code key} may name no version (the head is used) or the head
   * version; any other version fails with {@link ErrorCode#NOT_HEAD_VERSION}.
   *
   * @throws KmsException {@code NO_PRIVATE_KEY} for a verify-only key, {@code CORRUPT_RECORD}
   *     when the stored public key is not the private key's, {@code PROVIDER_NOT_FOUND} when the
   *     provider holding the key is absent
   */
  public Signed sign(KeyId key, byte[] message) {
    KeyAccess.requireMessage(message);
    KeyRecord record = keys.load(key);
    KeyVersion version = record.signingVersion(key);
    PrivateKeyHandle handle = version.handle().orElseThrow(() -> new KmsException(
        ErrorCode.CORRUPT_RECORD, record.id() + "/v" + version.number() + " has no private key"));
    if (!version.hasPublicKey(handle.publicKey())) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, record.id() + "/v" + version.number()
          + ": the stored public key is not the one bound to its private key");
    }
    SignatureProvider provider = providers.signing(record);
    byte[] signature = call(() -> provider.sign(handle, message));
    Algorithm algorithm = record.id().algorithm();
    if (signature == null || signature.length != algorithm.outputLength()) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
          + " returned a signature of the wrong length");
    }
    return new Signed(record.id().withVersion(version.number()), signature);
  }

  /**
   * Verifies a signature made by the version {@code version} names.
   *
   * @return whether the signature is valid (for Ed25519: under the verification policy)
   * @throws KmsException {@code VERSION_REQUIRED}, {@code INVALID_ARGUMENT} (null message),
   *     {@code MALFORMED_SIGNATURE} (not the algorithm's length), or why the version may not
   *     verify ({@code VERSION_DISABLED}, {@code VERSION_DESTROYED},
   *     {@code VERSION_BELOW_MINIMUM}, {@code VERSION_NOT_FOUND}, {@code KEY_NOT_FOUND})
   */
  public boolean verify(KeyId version, byte[] message, byte[] signature) {
    KeyAccess.requireVerifyArguments(version, message, signature);
    KeyRecord record = keys.load(version);
    byte[] publicKey = record.verifyingVersion(version.version()).publicKey();
    Algorithm algorithm = record.id().algorithm();
    if (route == VerificationRoute.POLICY_VERIFIER && PolicyVerifier.covers(algorithm)) {
      return policy.verify(version, publicKey, message, signature);
    }
    SignatureProvider provider = providers.signing(record);
    return call(() -> provider.verify(algorithm, publicKey, message, signature));
  }

  /** Verifies a {@link Signed} value against {@code message}, as {@link #verify(KeyId, byte[], byte[])}. */
  public boolean verify(Signed signed, byte[] message) {
    if (signed == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "signed is null");
    }
    return verify(signed.keyId(), message, signed.signature());
  }

  /**
   * Verifies many signatures at once, on the calling thread. Each result equals what
   * {@link #verify(KeyId, byte[], byte[])} would answer for that item: valid, invalid, or
   * refused with the code single verification would throw. One bad item never fails the batch.
   * Each key is read once per batch.
   */
  public List<VerifyResult> verifyBatch(List<VerifyRequest> requests) {
    return batch.verify(requests, false, null);
  }

  /**
   * As {@link #verifyBatch(List)}, with large inputs cut into chunks of at least 32 items that
   * run on a shared daemon pool sized to the cores (the calling thread works too); results in
   * input order.
   */
  public List<VerifyResult> verifyBatchParallel(List<VerifyRequest> requests) {
    return batch.verify(requests, true, null);
  }

  /**
   * As {@link #verifyBatchParallel(List)}, with the chunks running on {@code executor}. An
   * executor that rejects work leaves it to the calling thread; one that fails otherwise gives
   * {@code BACKEND_FAILURE}.
   */
  public List<VerifyResult> verifyBatchParallel(List<VerifyRequest> requests,
      Executor executor) {
    if (executor == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "executor is null");
    }
    return batch.verify(requests, true, executor);
  }

  /** Counts of batch verifications by size since this key manager was built. */
  public BatchStats batchStats() {
    return batch.counter().snapshot();
  }

  /**
   * Adds a new head version; returns its versioned id.
   *
   * @throws KmsException {@code NO_PRIVATE_KEY} for a verify-only key (use
   *     {@link #rotateToPublicKey})
   */
  public KeyId rotate(KeyId key) {
    return versions.generated(keys.load(key), VersionState.ENABLED);
  }

  /**
   * Adds a new head version if the head is still {@code expectedHead}; otherwise fails with
   * {@link ErrorCode#PRECONDITION_FAILED}, which is not retryable: read the key and decide anew.
   * Of two concurrent rotations from the same head exactly one wins; the other gets
   * {@code PRECONDITION_FAILED} or {@code CONFLICT}.
   */
  public KeyId rotate(KeyId key, int expectedHead) {
    KeyRecord record = keys.load(key);
    if (record.head() != expectedHead) {
      throw new KmsException(ErrorCode.PRECONDITION_FAILED, record.id() + " head is v"
          + record.head() + ", not v" + expectedHead);
    }
    return versions.generated(record, VersionState.ENABLED);
  }

  /**
   * Stages a new version as PENDING: it verifies (so its public key can be rolled out) but does
   * not sign until {@link #promote}d. Returns its versioned id.
   */
  public KeyId stageRotation(KeyId key) {
    return versions.generated(keys.load(key), VersionState.PENDING);
  }

  /** Makes the pending version {@code version} the head. */
  public KeyId promote(KeyId version) {
    KeyAccess.requireVersion(version);
    update(version, r -> Lifecycle.promoted(r, version.version()));
    return version;
  }

  /** Re-enables a DISABLED version. */
  public void enable(KeyId version) {
    setState(version, VersionState.ENABLED);
  }

  /** Disables a non-head version: it neither signs nor verifies until enabled. */
  public void disable(KeyId version) {
    setState(version, VersionState.DISABLED);
  }

  /**
   * Destroys a non-head version (or discards a pending one): its private key is zeroised and it
   * never verifies again. Final.
   */
  public void destroy(KeyId version) {
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
      handles.closeAndForget(handle);
    }
  }

  /** Sets the oldest version that may still verify (1 &le; min &le; head). */
  public void setMinVerifyVersion(KeyId key, int min) {
    update(key, r -> Lifecycle.withMinVerifyVersion(r, min));
  }

  /** A consistent snapshot of the key's public state. */
  public Attestation attest(KeyId key) {
    return Attestations.of(keys.load(key));
  }

  /** The raw public key of the version {@code version} names (32 bytes for Ed25519). */
  public byte[] publicKey(KeyId version) {
    KeyAccess.requireVersion(version);
    return keys.load(version).version(version.version()).publicKey();
  }

  /** The public key of the version {@code version} names, as DER X.509 SubjectPublicKeyInfo. */
  public byte[] publicKeySpki(KeyId version) {
    return PublicKeyEncoding.toSpki(version.algorithm(), publicKey(version));
  }

  /** Every key id in the store, sorted. */
  public List<KeyId> list() {
    return store.list();
  }

  /** Deletes a key with all its versions, zeroising its private keys. Irreversible. */
  public boolean delete(KeyId key) {
    if (key == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    KeyRecord before = store.load(key.unversioned()).orElse(null);
    boolean deleted = store.delete(key.unversioned());
    policy.forget(key);
    if (before != null) {
      for (KeyVersion v : before.versions()) {
        v.handle().ifPresent(handles::closeAndForget);
      }
    }
    return deleted;
  }

  /** Closes the store and zeroises every private key this key manager made. Idempotent. */
  @Override
  public void close() {
    try {
      store.close();
    } finally {
      handles.closeAll();
      policy.clear();
    }
  }

  @Override
  public String toString() {
    return "Kms[store=" + store + ", route=" + route + "]";
  }

  private void setState(KeyId version, VersionState target) {
    KeyAccess.requireVersion(version);
    update(version, r -> Lifecycle.withState(r, version.version(), target));
  }

  private void update(KeyId key, UnaryOperator<KeyRecord> change) {
    KeyRecord before = keys.load(key);
    KeyRecord after = change.apply(before);
    if (after != before) {
      store.save(after, before.revision());
    }
  }

  private static Algorithm requireAlgorithm(Algorithm algorithm) {
    if (algorithm == null) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "algorithm is null");
    }
    return algorithm;
  }

  /**
   * Runs a provider call, turning anything but a KmsException into BACKEND_FAILURE (a broken
   * library shows as a LinkageError or an unchecked exception; neither may escape untyped).
   */
  static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider call failed with "
          + e.getClass().getName(), e);
    }
  }
}
