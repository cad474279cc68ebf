package dev.ronkms;

import dev.ronkms.batch.BatchStats;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyRecord;
import dev.ronkms.keys.KeyVersion;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.providers.ProviderInfo;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.Ed25519Backend;
import dev.ronkms.spi.GeneratedKey;
import dev.ronkms.spi.KeystoreStore;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SecretSeed;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The key manager: creates keys, signs with the head version, verifies with any version that may
 * still verify, rotates, stages and promotes versions, changes version states, and attests.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Only the head version signs; every signature names the version that made it.</li>
 *   <li>Every change is one compare-and-set on the key's revision: two concurrent changes never
 *       both win (the loser gets {@link ErrorCode#CONFLICT}, which is retryable), readers never
 *       see a torn key, and a failed call leaves the store unchanged.</li>
 *   <li>Every failure is a {@link KmsException} with a stable {@link ErrorCode}; no message
 *       carries secret material.</li>
 *   <li>Thread-safe; no global lock.</li>
 *   <li>{@link #close()} closes the store, which zeroises every private key.</li>
 * </ul>
 */
public final class Kms implements AutoCloseable {
  private final KeystoreStore store;
  private final Ed25519Backend ed25519;
  private final List<Ed25519Backend> discovered;
  private final Clock clock;
  private final BatchVerification batch;

  Kms(KeystoreStore store, Ed25519Backend ed25519, List<Ed25519Backend> discovered, Clock clock) {
    this.store = store;
    this.ed25519 = ed25519;
    this.discovered = List.copyOf(discovered);
    this.clock = clock;
    this.batch = new BatchVerification(store);
  }

  /** A builder; with no settings it gives an in-memory store and the default provider. */
  public static KmsBuilder builder() {
    return new KmsBuilder();
  }

  /** A key manager on a fresh in-memory store with the highest-priority provider. */
  public static Kms inMemory() {
    return builder().build();
  }

  /** Every discovered provider, with the one in use marked {@code selected}. */
  public List<ProviderInfo> providers() {
    return Providers.describe("ed25519", discovered, ed25519);
  }

  /** The name of the Ed25519 provider in use. */
  public String ed25519Provider() {
    return ed25519.name();
  }

  /** Creates a key whose version 1 is head; returns its id (without a version). */
  public KeyId create(String tenant, String purpose, Algorithm algorithm) {
    requireEd25519(algorithm);
    KeyId id = KeyId.of(tenant, purpose, algorithm, UUID.randomUUID());
    GeneratedKey key = generate();
    KeyVersion first = new KeyVersion(1, VersionState.ENABLED, now(), key.publicKey(),
        key.privateKey());
    saveOrDestroy(KeyRecord.create(id, ed25519.name(), first), 0, key.privateKey());
    return id;
  }

  /**
   * Signs with the head version. {@code key} may name no version (the head is used) or the head
   * version; any other version fails with {@link ErrorCode#NOT_HEAD_VERSION}.
   */
  public Signed sign(KeyId key, byte[] message) {
    requireMessage(message);
    KeyRecord record = load(key);
    KeyVersion version = record.signingVersion(key);
    PrivateKeyHandle handle = version.privateKey();
    byte[] signature = call(() -> backendFor(handle).sign(handle, version.publicKey(), message));
    return new Signed(record.id().withVersion(version.number()), signature);
  }

  /**
   * Verifies a signature made by the version {@code version} names.
   *
   * @return whether the signature is valid under the verification policy
   * @throws KmsException {@code VERSION_REQUIRED}, {@code MALFORMED_SIGNATURE}, or why the version
   *     may not verify ({@code VERSION_DISABLED}, {@code VERSION_DESTROYED},
   *     {@code VERSION_BELOW_MINIMUM}, {@code VERSION_NOT_FOUND}, {@code KEY_NOT_FOUND})
   */
  public boolean verify(KeyId version, byte[] message, byte[] signature) {
    requireVersion(version);
    requireMessage(message);
    requireSignatureLength(signature);
    KeyVersion v = load(version).verifyingVersion(version.version());
    return call(() -> ed25519.verify(v.publicKey(), message, signature));
  }

  /** Verifies a {@link Signed} value against {@code message}. */
  public boolean verify(Signed signed, byte[] message) {
    if (signed == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "signed is null");
    }
    return verify(signed.keyId(), message, signed.signature());
  }

  /**
   * Verifies many signatures at once with the project's multiscalar batch verifier, on the
   * calling thread. Each result equals what {@link #verify(KeyId, byte[], byte[])} would answer
   * for that item: VALID, INVALID, or ERROR with the code single verification would throw. One
   * bad item never fails the batch. Each key is read once per batch.
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

  /** As {@link #verifyBatchParallel(List)}, with the chunks running on {@code executor}. */
  public List<VerifyResult> verifyBatchParallel(List<VerifyRequest> requests,
      Executor executor) {
    if (executor == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "executor is null");
    }
    return batch.verify(requests, true, executor);
  }

  /** Counts of batch verifications by size since this key manager was built. */
  public BatchStats.Snapshot batchStats() {
    return batch.stats().snapshot();
  }

  /** Adds a new head version; returns its versioned id. */
  public KeyId rotate(KeyId key) {
    return addVersion(load(key), VersionState.ENABLED);
  }

  /**
   * Adds a new head version if the head is still {@code expectedHead}; otherwise fails with the
   * retryable {@link ErrorCode#CONFLICT}. Of two concurrent rotations from the same head exactly
   * one wins.
   */
  public KeyId rotate(KeyId key, int expectedHead) {
    KeyRecord record = load(key);
    if (record.head() != expectedHead) {
      throw new KmsException(ErrorCode.CONFLICT, record.id() + " head is v" + record.head()
          + ", not v" + expectedHead);
    }
    return addVersion(record, VersionState.ENABLED);
  }

  /**
   * Stages a new version as PENDING: it verifies (so its public key can be rolled out) but does
   * not sign until {@link #promote}d. Returns its versioned id.
   */
  public KeyId stageRotation(KeyId key) {
    return addVersion(load(key), VersionState.PENDING);
  }

  /** Makes the pending version {@code version} the head. */
  public KeyId promote(KeyId version) {
    requireVersion(version);
    update(version, r -> r.promoted(version.version()));
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
    requireVersion(version);
    KeyRecord before = load(version);
    PrivateKeyHandle handle = before.version(version.version()).privateKey();
    KeyRecord after = before.withState(version.version(), VersionState.DESTROYED);
    if (after != before) {
      store.save(after, before.revision());
      handle.close();
    }
  }

  /** Sets the oldest version that may still verify (1 &le; min &le; head). */
  public void setMinVerifyVersion(KeyId key, int min) {
    update(key, r -> r.withMinVerifyVersion(min));
  }

  /** A consistent snapshot of the key's public state. */
  public Attestation attest(KeyId key) {
    return Attestation.of(load(key));
  }

  /** The public key of the version {@code version} names. */
  public byte[] publicKey(KeyId version) {
    requireVersion(version);
    return load(version).version(version.version()).publicKey();
  }

  /** Every key id in the store, sorted. */
  public List<KeyId> list() {
    return store.list();
  }

  /** Deletes a key with all its versions, zeroising its private keys. Irreversible. */
  public boolean delete(KeyId key) {
    return store.delete(key.unversioned());
  }

  /** Closes the store, zeroising every private key it holds. */
  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "Kms[ed25519=" + ed25519.name() + ", store=" + store + "]";
  }

  private KeyId addVersion(KeyRecord record, VersionState state) {
    GeneratedKey key = generate();
    KeyVersion next = new KeyVersion(record.latest() + 1, state, now(), key.publicKey(),
        key.privateKey());
    KeyRecord updated;
    try {
      updated = state == VersionState.PENDING ? record.staged(next) : record.rotated(next);
    } catch (RuntimeException e) {
      key.privateKey().close();
      throw e;
    }
    saveOrDestroy(updated, record.revision(), key.privateKey());
    return record.id().withVersion(next.number());
  }

  private void setState(KeyId version, VersionState target) {
    requireVersion(version);
    update(version, r -> r.withState(version.version(), target));
  }

  private void update(KeyId key, UnaryOperator<KeyRecord> change) {
    KeyRecord before = load(key);
    KeyRecord after = change.apply(before);
    if (after != before) {
      store.save(after, before.revision());
    }
  }

  private void saveOrDestroy(KeyRecord record, long expectedRevision, PrivateKeyHandle fresh) {
    try {
      store.save(record, expectedRevision);
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    }
  }

  private KeyRecord load(KeyId key) {
    if (key == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    return store.load(key.unversioned()).orElseThrow(() ->
        new KmsException(ErrorCode.KEY_NOT_FOUND, "no key " + key.unversioned()));
  }

  private GeneratedKey generate() {
    return call(ed25519::generate);
  }

  private Ed25519Backend backendFor(PrivateKeyHandle handle) {
    if (handle instanceof SecretSeed) {
      return ed25519; // any software backend signs a software seed
    }
    for (Ed25519Backend b : discovered) {
      if (b.name().equals(handle.backend())) {
        return b;
      }
    }
    throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "the key is held by provider '"
        + handle.backend() + "', which is not present");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void requireEd25519(Algorithm algorithm) {
    if (algorithm != Algorithm.ED25519) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "algorithm " + algorithm
          + " is not supported by this key manager");
    }
  }

  static void requireSignatureLength(byte[] signature) {
    if (signature == null || signature.length != Ed25519Policy.SIGNATURE_LENGTH) {
      throw new KmsException(ErrorCode.MALFORMED_SIGNATURE, "an Ed25519 signature is 64 bytes, got "
          + (signature == null ? "null" : signature.length + " bytes"));
    }
  }

  static void requireVersion(KeyId id) {
    if (id == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    if (!id.hasVersion()) {
      throw new KmsException(ErrorCode.VERSION_REQUIRED, id + " names no version; add /vN");
    }
  }

  static void requireMessage(byte[] message) {
    if (message == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "message is null");
    }
  }

  /** Runs a backend call, turning anything but a KmsException into BACKEND_FAILURE. */
  private static <T> T call(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider call failed with "
          + e.getClass().getName(), e);
    }
  }
}
