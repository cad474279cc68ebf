package dev.ronkms;

import dev.ronkms.batch.BatchStats;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationListener;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.SignedAttestation;
import dev.ronkms.keys.VersionState;
import dev.ronkms.providers.ProviderInfo;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.Sealer;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeystoreStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The key manager: creates keys of any {@link Algorithm} a provider serves, imports verify-only
 * public keys, signs with the head version, verifies with any version that may still verify,
 * seals and opens with AEAD and ML-KEM keys, rotates, stages and promotes versions, changes
 * version states, attests, and exports and imports whole keys sealed to a recipient.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Only the head version signs, with the private key its record's provider holds, under the
 *       public key bound to that private key; every signature names the version that made
 *       it. Likewise only the head seals, and every envelope names its key and version.</li>
 *   <li>A private key leaves only sealed, and only from a key created
 *       {@link ExportPolicy#EXPORTABLE_SEALED}.</li>
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
  /** The associated data (US-ASCII) of every export bundle: {@value}. */
  public static final String EXPORT_LABEL = "ron-kms key export v1";

  private final KeystoreStore store;
  private final KeyAccess keys;
  private final ProviderRegistry providers;
  private final VerificationRoute route;
  private final BatchVerification batch;
  private final PolicyVerifier policy = new PolicyVerifier();
  private final HandleTracker handles = new HandleTracker();
  private final VersionMaker versions;
  private final Sealing sealing;
  private final KeyTransfer transfer;
  private final StateChanges changes;
  private final Signatures signatures;
  private final Kem kem;
  private final Events events;
  private static final Function<KeyId, KeyId> FIRST = id -> id.withVersion(1);
  private static final Function<KeyId, KeyId> SAME = id -> id;
  private static final Predicate<Boolean> INVALID = valid -> !valid;

  Kms(KeystoreStore store, ProviderRegistry providers, VerificationRoute route, Clock clock,
      AntiRollback antiRollback, List<OperationListener> listeners) {
    this.store = store;
    this.keys = new KeyAccess(store);
    this.providers = providers;
    this.route = route;
    this.signatures = new Signatures(keys, providers, route, policy);
    this.kem = new Kem(keys, providers);
    this.batch = new BatchVerification(keys, signatures);
    this.versions = new VersionMaker(store, providers, handles, clock);
    this.sealing = new Sealing(keys, providers, antiRollback);
    this.transfer = new KeyTransfer(store, keys, providers, handles);
    this.changes = new StateChanges(store, keys, handles, policy);
    this.events = new Events(listeners, clock, keys);
  }

  /**
   * A builder; with no settings it gives an in-memory store and the default providers.
   *
   * @return a builder; with no settings it gives an in-memory store and the default providers
   */
  public static KmsBuilder builder() {
    return new KmsBuilder();
  }

  /**
   * A key manager on a fresh in-memory store with the highest-priority providers.
   *
   * @return a key manager on a fresh in-memory store with the highest-priority providers
   */
  public static Kms inMemory() {
    return builder().build();
  }

  /**
   * Every discovered provider per algorithm, the one that makes new keys marked selected.
   *
   * @return every discovered provider per algorithm, the one that makes new keys marked selected
   */
  public List<ProviderInfo> providers() {
    return providers.describe();
  }

  /**
   * The name of the provider that makes new keys of {@code algorithm}.
   *
   * @param algorithm the algorithm
   * @return the name of the provider that makes new keys of {@code algorithm}
   * @throws KmsException {@code NO_PROVIDER} when none serves it
   */
  public String provider(Algorithm algorithm) {
    return providers.forNewKeys(requireAlgorithm(algorithm)).name();
  }

  /**
   * Who answers verification calls (set with {@link KmsBuilder#verificationRoute}).
   *
   * @return who answers verification calls (set with {@link KmsBuilder#verificationRoute})
   */
  public VerificationRoute verificationRoute() {
    return route;
  }

  /**
   * Creates a {@link ExportPolicy#NOT_EXPORTABLE} key whose version 1 is head; returns its id
   * (without a version). A signature algorithm makes a signing key, an AEAD algorithm a sealing
   * key; both have the same lifecycle.
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @return its id (without a version)
   */
  public KeyId create(String tenant, String purpose, Algorithm algorithm) {
    return create(tenant, purpose, algorithm, ExportPolicy.NOT_EXPORTABLE);
  }

  /**
   * Creates a key as {@link #create(String, String, Algorithm)}, with {@code exportPolicy}
   * fixed for its life ({@link #exportKey} needs {@link ExportPolicy#EXPORTABLE_SEALED}).
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param exportPolicy whether the private key may leave sealed
   * @return the new key's id, without a version
   */
  public KeyId create(String tenant, String purpose, Algorithm algorithm,
      ExportPolicy exportPolicy) {
    if (exportPolicy == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "export policy is null");
    }
    return create(tenant, purpose, algorithm, KeyOptions.defaults().with(exportPolicy));
  }

  /**
   * Creates a key as {@link #create(String, String, Algorithm)}, with {@code options} (export
   * policy, signature variant, composite mode) fixed for its life and shown in its attestation.
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param options the key options
   * @return the new key's id, without a version
   * @throws KmsException {@code INVALID_ARGUMENT} for an option the algorithm does not have
   *     ({@link KeyOptions#resolve})
   */
  public KeyId create(String tenant, String purpose, Algorithm algorithm, KeyOptions options) {
    KeyId id = KeyId.of(tenant, purpose, requireAlgorithm(algorithm), UUID.randomUUID());
    return events.run(Operation.CREATE, id, () -> {
      versions.create(id, options);
      return id;
    }, FIRST, null);
  }

  /**
   * Creates a key as {@link #create(String, String, Algorithm, KeyOptions)}, held by the
   * provider named {@code provider} instead of the one selected for the algorithm: how one key
   * manager keeps software keys and token keys of one algorithm side by side. The record names
   * the provider, so every later call on the key is routed to it.
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param options the key options
   * @param provider the name of the provider that holds the private keys
   * @return the new key's id, without a version
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when no provider of that name serves
   *     {@code algorithm}
   */
  public KeyId create(String tenant, String purpose, Algorithm algorithm, KeyOptions options,
      String provider) {
    KeyId id = KeyId.of(tenant, purpose, requireAlgorithm(algorithm), UUID.randomUUID());
    return events.run(Operation.CREATE, id, () -> {
      versions.create(id, options, providers.named(provider, algorithm));
      return id;
    }, FIRST, null);
  }

  /**
   * Creates a key whose version 1 is the existing private key {@code privateKey}: the seed form
   * the algorithm keeps ({@link Algorithm#seedLength()} bytes: the Ed25519 seed, the ML-DSA seed
   * xi, the ML-KEM seed d||z, a composite's ML-DSA seed || Ed25519 seed, an AEAD key). The
   * array is copied, not kept. Later versions are generated as usual.
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param privateKey the private key
   * @param options the key options
   * @return the new key's id, without a version
   * @throws KmsException {@code MALFORMED_KEY} for material of another length or a key whose
   *     public key fails its check; {@code UNSUPPORTED_OPERATION} when the provider does not
   *     import private keys, or for an expanded private key it recognises (only seeds are kept,
   *     docs/SECURITY.md); {@code INVALID_ARGUMENT} for a bad option
   */
  public KeyId importPrivateKey(String tenant, String purpose, Algorithm algorithm,
      byte[] privateKey, KeyOptions options) {
    KeyId id = KeyId.of(tenant, purpose, requireAlgorithm(algorithm), UUID.randomUUID());
    return events.run(Operation.IMPORT_PRIVATE, id, () -> {
      versions.importedPrivate(id, privateKey, options);
      return id;
    }, FIRST, null);
  }

  /**
   * Imports a public key as a verify-only key whose version 1 is head. {@code publicKey} is the
   * raw key or its DER X.509 SubjectPublicKeyInfo. The key verifies like any other, rotates by
   * {@link #rotateToPublicKey}, and never signs ({@code NO_PRIVATE_KEY}).
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @return the new key's id, without a version
   * @throws KmsException {@code MALFORMED_KEY} for a key of the wrong length or encoding, or an
   *     Ed25519 key the policy rejects (non-canonical, small order, not on the curve);
   *     {@code UNSUPPORTED_OPERATION} for an AEAD algorithm (its keys are secret)
   */
  public KeyId importPublicKey(String tenant, String purpose, Algorithm algorithm,
      byte[] publicKey) {
    return importPublicKey(tenant, purpose, algorithm, publicKey, KeyOptions.defaults());
  }

  /**
   * Imports a verify-only key as {@link #importPublicKey(String, String, Algorithm, byte[])},
   * with {@code options} (for a composite key: its {@link dev.ronkms.keys.CompositeMode}).
   *
   * @param tenant the tenant label
   * @param purpose the key purpose label
   * @param algorithm the algorithm
   * @param publicKey the public key
   * @param options the key options
   * @return the new key's id, without a version
   */
  public KeyId importPublicKey(String tenant, String purpose, Algorithm algorithm,
      byte[] publicKey, KeyOptions options) {
    KeyAccess.requirePublicKeys(requireAlgorithm(algorithm));
    KeyId id = KeyId.of(tenant, purpose, algorithm, UUID.randomUUID());
    return events.run(Operation.IMPORT_PUBLIC, id, () -> {
      versions.imported(id, publicKey, options);
      return id;
    }, FIRST, null);
  }

  /**
   * Adds an imported public key as the new head version of a verify-only key; returns its
   * versioned id. The encodings accepted are those of {@link #importPublicKey}.
   *
   * @param key the key id; without a version it names the head
   * @param publicKey the public key
   * @return its versioned id
   * @throws KmsException {@code UNSUPPORTED_OPERATION} for a key with private keys (use
   *     {@link #rotate}), {@code MALFORMED_KEY} as for {@link #importPublicKey}
   */
  public KeyId rotateToPublicKey(KeyId key, byte[] publicKey) {
    return events.run(Operation.ROTATE_PUBLIC, key,
        () -> versions.imported(keys.load(key), publicKey), SAME, null);
  }

  /**
   * Signs with the head version. {@code key} may name no version (the head is used) or the head
   * version; any other version fails with {@link ErrorCode#NOT_HEAD_VERSION}.
   *
   * @param key the key id; without a version it names the head
   * @param message the message
   * @return the signature, naming the version that made it
   * @throws KmsException {@code NO_PRIVATE_KEY} for a verify-only key,
   *     {@code UNSUPPORTED_OPERATION} for a key that is not a signature key,
   *     {@code CORRUPT_RECORD} when the stored public key is not the private key's,
   *     {@code PROVIDER_NOT_FOUND} when the provider holding the key is absent
   */
  public Signed sign(KeyId key, byte[] message) {
    return events.run(Operation.SIGN, key, () -> signatures.sign(key, message, null),
        Signed::keyId, null);
  }

  /**
   * Signs as {@link #sign(KeyId, byte[])} under the FIPS 204 context string {@code context}
   * (ML-DSA and composite keys; null or empty for none), with the key's
   * {@link dev.ronkms.keys.SignatureVariant}.
   *
   * @param key the key id; without a version it names the head
   * @param message the message
   * @param context the context string (null or empty for none)
   * @return the signature, naming the version that made it
   * @throws KmsException {@code INVALID_ARGUMENT} for a context over 255 bytes or a non-empty
   *     context on an Ed25519 key; as {@link #sign(KeyId, byte[])}
   */
  public Signed sign(KeyId key, byte[] message, byte[] context) {
    return events.run(Operation.SIGN, key, () -> signatures.sign(key, message, context),
        Signed::keyId, null);
  }

  /**
   * Verifies a signature made by the version {@code version} names.
   *
   * @param version a versioned key id, naming one version
   * @param message the message
   * @param signature the signature bytes
   * @return whether the signature is valid (for Ed25519: under the verification policy)
   * @throws KmsException {@code VERSION_REQUIRED}, {@code INVALID_ARGUMENT} (null message),
   *     {@code MALFORMED_SIGNATURE} (not the algorithm's length), {@code UNSUPPORTED_OPERATION}
   *     (not a signature key), or why the version may not verify ({@code VERSION_DISABLED},
   *     {@code VERSION_DESTROYED}, {@code VERSION_BELOW_MINIMUM}, {@code VERSION_NOT_FOUND},
   *     {@code KEY_NOT_FOUND})
   */
  public boolean verify(KeyId version, byte[] message, byte[] signature) {
    return events.run(Operation.VERIFY, version,
        () -> signatures.verify(version, message, signature, null), null, INVALID);
  }

  /**
   * Verifies as {@link #verify(KeyId, byte[], byte[])} under the context string {@code context}
   * (null or empty for none). A composite key answers by its
   * {@link dev.ronkms.keys.CompositeMode}: {@code REQUIRE} needs both halves,
   * {@code MIRROR} the Ed25519 half (an ML-DSA failure is counted in {@link #mirrorStats()}).
   *
   * @param version a versioned key id, naming one version
   * @param message the message
   * @param signature the signature bytes
   * @param context the context string (null or empty for none)
   * @return true when the signature is valid, false when it is not
   * @throws KmsException {@code INVALID_ARGUMENT} for a bad context; as
   *     {@link #verify(KeyId, byte[], byte[])}
   */
  public boolean verify(KeyId version, byte[] message, byte[] signature, byte[] context) {
    return events.run(Operation.VERIFY, version,
        () -> signatures.verify(version, message, signature, context), null, INVALID);
  }

  /**
   * What mirror-mode composite verification has counted since this key manager was built.
   *
   * @return what mirror-mode composite verification has counted since this key manager was built
   */
  public MirrorStats mirrorStats() {
    return signatures.mirrorStats();
  }

  /**
   * Verifies a {@link Signed} value against {@code message}, as
   * {@link #verify(KeyId, byte[], byte[])}.
   *
   * @param signed the signature with the id of the version that made it
   * @param message the message
   * @return true when the signature is valid, false when it is not
   */
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
   *
   * @param requests the requests, in order
   * @return one result per request, in order
   */
  public List<VerifyResult> verifyBatch(List<VerifyRequest> requests) {
    return events.batch(requests == null ? 0 : requests.size(),
        () -> batch.verify(requests, false, null));
  }

  /**
   * As {@link #verifyBatch(List)}, with large inputs cut into chunks of at least 32 items that
   * run on a shared daemon pool sized to the cores (the calling thread works too); results in
   * input order.
   *
   * @param requests the requests, in order
   * @return as {@link #verifyBatch(List)}, with large inputs cut into chunks of at least 32 items
   *     that run on a shared daemon pool sized to the cores (the calling thread works too); results
   *     in input order
   */
  public List<VerifyResult> verifyBatchParallel(List<VerifyRequest> requests) {
    return events.batch(requests == null ? 0 : requests.size(),
        () -> batch.verify(requests, true, null));
  }

  /**
   * As {@link #verifyBatchParallel(List)}, with the chunks running on {@code executor}. An
   * executor that rejects work leaves it to the calling thread; one that fails otherwise gives
   * {@code BACKEND_FAILURE}.
   *
   * @param requests the requests, in order
   * @param executor where the chunks run
   * @return as {@link #verifyBatchParallel(List)}, with the chunks running on {@code executor}
   */
  public List<VerifyResult> verifyBatchParallel(List<VerifyRequest> requests,
      Executor executor) {
    if (executor == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "executor is null");
    }
    return events.batch(requests == null ? 0 : requests.size(),
        () -> batch.verify(requests, true, executor));
  }

  /**
   * Encapsulates a fresh shared secret to the head of the KEM key {@code key} (a versioned id
   * must name the head); a verify-only KEM key (imported public key) encapsulates too.
   *
   * @param key the key id; without a version it names the head
   * @return the shared secret, its ciphertext and the versioned id that decapsulates it
   * @throws KmsException {@code UNSUPPORTED_OPERATION} (not a KEM key), {@code NOT_HEAD_VERSION},
   *     {@code KEY_NOT_FOUND}
   */
  public Encapsulated encapsulate(KeyId key) {
    return events.run(Operation.ENCAPSULATE, key, () -> kem.encapsulate(key),
        Encapsulated::keyId, null);
  }

  /**
   * The shared secret in {@code ciphertext}, decapsulated with the private key of the version
   * {@code version} names (any version that may verify). A well-formed ciphertext that was not
   * made for this key gives an unrelated secret (FIPS 203 implicit rejection), not an error.
   *
   * @param version a versioned key id, naming one version
   * @param ciphertext the ciphertext
   * @return the shared secret in {@code ciphertext}, decapsulated with the private key of the
   *     version {@code version} names (any version that may verify)
   * @throws KmsException {@code MALFORMED_CIPHERTEXT}, {@code VERSION_REQUIRED},
   *     {@code NO_PRIVATE_KEY}, {@code UNSUPPORTED_OPERATION} (not a KEM key), or why the
   *     version may not be used ({@code VERSION_DISABLED}, {@code VERSION_DESTROYED},
   *     {@code VERSION_BELOW_MINIMUM})
   */
  public byte[] decapsulate(KeyId version, byte[] ciphertext) {
    return events.run(Operation.DECAPSULATE, version,
        () -> kem.decapsulate(version, ciphertext));
  }

  /**
   * Counts of batch verifications by size since this key manager was built.
   *
   * @return counts of batch verifications by size since this key manager was built
   */
  public BatchStats batchStats() {
    return batch.counter().snapshot();
  }

  /**
   * Adds a new head version; returns its versioned id.
   *
   * @param key the key id; without a version it names the head
   * @return its versioned id
   * @throws KmsException {@code NO_PRIVATE_KEY} for a verify-only key (use
   *     {@link #rotateToPublicKey})
   */
  public KeyId rotate(KeyId key) {
    return events.run(Operation.ROTATE, key,
        () -> versions.generated(keys.load(key), VersionState.ENABLED), SAME, null);
  }

  /**
   * Adds a new head version if the head is still {@code expectedHead}; otherwise fails with
   * {@link ErrorCode#PRECONDITION_FAILED}, which is not retryable: read the key and decide anew.
   * Of two concurrent rotations from the same head exactly one wins; the other gets
   * {@code PRECONDITION_FAILED} or {@code CONFLICT}.
   *
   * @param key the key id; without a version it names the head
   * @param expectedHead the head version number the caller expects
   * @return the versioned id of the new version
   */
  public KeyId rotate(KeyId key, int expectedHead) {
    return events.run(Operation.ROTATE, key, () -> {
      KeyRecord record = keys.load(key);
      if (record.head() != expectedHead) {
        throw new KmsException(ErrorCode.PRECONDITION_FAILED, record.id() + " head is v"
            + record.head() + ", not v" + expectedHead);
      }
      return versions.generated(record, VersionState.ENABLED);
    }, SAME, null);
  }

  /**
   * Stages a new version as PENDING: it verifies (so its public key can be rolled out) but does
   * not sign until {@link #promote}d. Returns its versioned id.
   *
   * @param key the key id; without a version it names the head
   * @return the versioned id of the new version
   */
  public KeyId stageRotation(KeyId key) {
    return events.run(Operation.STAGE, key,
        () -> versions.generated(keys.load(key), VersionState.PENDING), SAME, null);
  }

  /**
   * Makes the pending version {@code version} the head.
   *
   * @param version a versioned key id, naming one version
   * @return the versioned id of the new head
   */
  public KeyId promote(KeyId version) {
    return events.run(Operation.PROMOTE, version, () -> {
      KeyAccess.requireVersion(version);
      changes.update(version, r -> Lifecycle.promoted(r, version.version()));
      return version;
    });
  }

  /**
   * Re-enables a DISABLED version.
   *
   * @param version a versioned key id, naming one version
   */
  public void enable(KeyId version) {
    events.run(Operation.ENABLE, version,
        () -> changes.setState(version, VersionState.ENABLED));
  }

  /**
   * Disables a non-head version: it neither signs nor verifies until enabled.
   *
   * @param version a versioned key id, naming one version
   */
  public void disable(KeyId version) {
    events.run(Operation.DISABLE, version,
        () -> changes.setState(version, VersionState.DISABLED));
  }

  /**
   * Destroys a non-head version (or discards a pending one): its private key is zeroised and it
   * never verifies again. Final.
   *
   * @param version a versioned key id, naming one version
   */
  public void destroy(KeyId version) {
    events.run(Operation.DESTROY, version, () -> changes.destroy(version));
  }

  /**
   * Sets the oldest version that may still verify (1 &le; min &le; head).
   *
   * @param key the key id; without a version it names the head
   * @param min the minimum
   */
  public void setMinVerifyVersion(KeyId key, int min) {
    events.run(Operation.SET_MIN_VERSION, key,
        () -> changes.update(key, r -> Lifecycle.withMinVerifyVersion(r, min)));
  }

  /**
   * A consistent snapshot of the key's public state.
   *
   * @param key the key id; without a version it names the head
   * @return a consistent snapshot of the key's public state
   */
  public Attestation attest(KeyId key) {
    return events.run(Operation.ATTEST, key, () -> Attestations.of(keys.load(key)));
  }

  /**
   * The key's attestation, signed by the head version of {@code attestationKey}, a signature key
   * of this key manager (any signature algorithm): its JSON exactly as
   * {@link Attestation#toJson()} gives it, the versioned id of the version that signed and the
   * signature over {@link SignedAttestation#signedBytes()} ({@code "ron-kms attestation v1\n"}
   * then the JSON's UTF-8 bytes), made as {@link #sign(KeyId, byte[])} makes it. Reports a
   * {@code SIGN} event for the attestation key, then the {@code ATTEST} event of the call.
   *
   * @param key the key to attest
   * @param attestationKey the signature key whose head version signs
   * @return the attestation of {@code key} with the signature over it
   * @throws KmsException as {@link #attest(KeyId)} for {@code key}; as {@link #sign(KeyId,
   *     byte[])} for {@code attestationKey} ({@code NO_PRIVATE_KEY} for a verify-only key,
   *     {@code UNSUPPORTED_OPERATION} for a key that does not sign, {@code NOT_HEAD_VERSION});
   *     {@code INVALID_ARGUMENT} for a null attestation key
   */
  public SignedAttestation attest(KeyId key, KeyId attestationKey) {
    return events.run(Operation.ATTEST, key, () -> {
      if (attestationKey == null) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the attestation key is null");
      }
      String json = Attestations.of(keys.load(key)).toJson();
      Signed s = sign(attestationKey, SignedAttestation.signedBytes(json));
      return new SignedAttestation(json, s.keyId(), s.signature());
    });
  }

  /**
   * Verifies a {@link SignedAttestation}: its signature over its signed bytes, with the version
   * it names, exactly as {@link #verify(KeyId, byte[], byte[])} (reported as a {@code VERIFY}
   * event of that version). It proves that this key manager's attestation key signed the
   * attestation; whether that key is to be trusted is the verifier's to establish.
   *
   * @param attestation the signed attestation to check
   * @return whether the signature is valid
   * @throws KmsException {@code INVALID_ARGUMENT} for null; as {@link #verify(KeyId, byte[],
   *     byte[])} ({@code VERSION_DISABLED}, {@code VERSION_DESTROYED},
   *     {@code VERSION_BELOW_MINIMUM}, {@code KEY_NOT_FOUND}, {@code MALFORMED_SIGNATURE}...)
   */
  public boolean verifyAttestation(SignedAttestation attestation) {
    if (attestation == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the signed attestation is null");
    }
    return verify(attestation.keyId(), attestation.signedBytes(), attestation.signature());
  }

  /**
   * The raw public key of the version {@code version} names (32 bytes for Ed25519).
   *
   * @param version a versioned key id, naming one version
   * @return the raw public key of the version {@code version} names (32 bytes for Ed25519)
   * @throws KmsException {@code UNSUPPORTED_OPERATION} for an AEAD key (it has none)
   */
  public byte[] publicKey(KeyId version) {
    KeyAccess.requireVersion(version);
    KeyAccess.requirePublicKeys(version.algorithm());
    return keys.load(version).version(version.version()).publicKey();
  }

  /**
   * The public key of the version {@code version} names, as DER X.509 SubjectPublicKeyInfo.
   *
   * @param version a versioned key id, naming one version
   * @return the public key of the version {@code version} names, as DER X.509 SubjectPublicKeyInfo
   */
  public byte[] publicKeySpki(KeyId version) {
    return PublicKeyEncoding.toSpki(version.algorithm(), publicKey(version));
  }

  /**
   * Seals {@code plaintext} with the head of the AEAD key {@code key} (a versioned id must name
   * the head), binding {@code associatedData} (empty for none), stamped by the anti-rollback
   * policy. Returns a format-1 envelope naming the key id without version and the version. For
   * an ML-KEM key it encapsulates to the head's public key (a verify-only key seals too) and
   * returns a KEM envelope ({@link dev.ronkms.seal.KemEnvelope}).
   *
   * @param key the key id; without a version it names the head
   * @param plaintext the plaintext
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the envelope
   * @throws KmsException {@code UNSUPPORTED_OPERATION} (not an AEAD or ML-KEM key),
   *     {@code INVALID_ARGUMENT} (null data), and as {@link #sign} for the key
   */
  public byte[] seal(KeyId key, byte[] plaintext, byte[] associatedData) {
    return events.run(Operation.SEAL, key, () -> sealing.seal(key, plaintext, associatedData));
  }

  /**
   * Opens an envelope of {@link #seal}. Its version must be one that may verify (ENABLED or
   * PENDING, not below the minimum); it must authenticate under {@code associatedData}; then the
   * anti-rollback policy must admit it. A KEM envelope is decapsulated with that version's
   * private key ({@code NO_PRIVATE_KEY} for a verify-only key).
   *
   * @param envelope the envelope
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the plaintext
   * @throws KmsException {@code TAMPERED} (not an envelope of a key id, any changed byte, other
   *     associated data), {@code KEY_NOT_FOUND}, {@code VERSION_DISABLED},
   *     {@code VERSION_DESTROYED}, {@code VERSION_BELOW_MINIMUM}, {@code ROLLBACK}
   */
  public byte[] open(byte[] envelope, byte[] associatedData) {
    return events.run(Operation.OPEN, null, () -> sealing.open(envelope, associatedData, null));
  }

  /**
   * Opens an envelope as {@link #open} and seals its plaintext again with the key's head under
   * the same associated data; the plaintext is never returned, and is zeroised.
   *
   * @param envelope the envelope
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the envelope
   */
  public byte[] reseal(byte[] envelope, byte[] associatedData) {
    return events.run(Operation.RESEAL, null,
        () -> sealing.reseal(envelope, associatedData, null));
  }

  /**
   * A {@link Sealer} bound to the AEAD or ML-KEM key {@code key}: seals with its current head,
   * opens and reseals only its envelopes (another key's is {@code TAMPERED});
   * {@code keyReference()} is the key id naming the current head. A KEM key's view also opens
   * envelopes naming one of its versions by fingerprint ({@code KemSealer.toPublicKey}).
   *
   * @param key the key id; without a version it names the head
   * @return a {@link Sealer} bound to the AEAD or ML-KEM key {@code key}: seals with its current
   *     head, opens and reseals only its envelopes (another key's is {@code TAMPERED}); {@code
   *     keyReference()} is the key id naming the current head
   * @throws KmsException {@code UNSUPPORTED_OPERATION} (not an AEAD or ML-KEM key),
   *     {@code KEY_NOT_FOUND}
   */
  public Sealer sealer(KeyId key) {
    return sealing.sealer(key);
  }

  /**
   * Exports {@code key} with its version history, sealed to {@code recipient}: each private key
   * sealed by its provider, the encoded record (docs/API.md, "Key record format") sealed again
   * under {@value #EXPORT_LABEL}. A verify-only key holds no secret and is always exported.
   *
   * @param key the key id; without a version it names the head
   * @param recipient the sealer of the receiving store
   * @return the sealed bundle
   * @throws KmsException {@code EXPORT_NOT_ALLOWED} unless the key is
   *     {@link ExportPolicy#EXPORTABLE_SEALED} and its provider's keys are extractable
   */
  public byte[] exportKey(KeyId key, Sealer recipient) {
    return events.run(Operation.EXPORT, key, () -> transfer.export(key, recipient));
  }

  /**
   * Imports a bundle of {@link #exportKey}, opened with {@code recipient}: the same key id and
   * every version (number, state, creation time), head, minimum and export policy; revision 1.
   * Private keys go to the provider of the recorded name if present, else to the one selected
   * for the algorithm if it imports seeds. Returns the key id (without a version).
   *
   * @param bundle the export bundle
   * @param recipient the sealer of the receiving store
   * @return the new key's id, without a version
   * @throws KmsException {@code TAMPERED}, {@code ROLLBACK}, {@code CORRUPT_RECORD},
   *     {@code PROVIDER_NOT_FOUND}, {@code KEY_EXISTS} (nothing changes; keys zeroised)
   */
  public KeyId importKey(byte[] bundle, Sealer recipient) {
    return events.run(Operation.IMPORT, null, () -> transfer.importKey(bundle, recipient),
        SAME, null);
  }

  /**
   * Every key id in the store, sorted.
   *
   * @return every key id in the store, sorted
   */
  public List<KeyId> list() {
    return store.list();
  }

  /**
   * Deletes a key with all its versions, zeroising its private keys. Irreversible.
   *
   * @param key the key id; without a version it names the head
   * @return true when the key existed
   */
  public boolean delete(KeyId key) {
    return events.run(Operation.DELETE, key, () -> changes.delete(key));
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
