package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SealingProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine side of sealing with AEAD keys (docs/API.md, "Sealing with the engine"): seals
 * with the head version into a format-1 {@link Envelope} whose key reference is the key id
 * without version; opens an envelope with the version it names when that version may open (the
 * rules of verification: not DISABLED, not DESTROYED, not below the minimum; PENDING opens),
 * authenticating before the anti-rollback policy is asked; reseals to the head without letting
 * the plaintext out. Every plaintext this class holds is zeroised before a refusal is thrown.
 * ML-KEM keys seal and open the same way in the {@link KemEnvelope} format ({@link KemSealing}):
 * {@link #seal} and {@link #sealer} dispatch on the key's kind, {@link #open} on the envelope's
 * magic.
 */
final class Sealing {
  private final KeyAccess keys;
  private final ProviderRegistry providers;
  private final RollbackGate rollback;
  /** Key references already parsed: an envelope's reference is a key id string. */
  private final ConcurrentHashMap<String, KeyId> references = new ConcurrentHashMap<>();
  /** Sealing to ML-KEM keys. */
  private final KemSealing kem;

  Sealing(KeyAccess keys, ProviderRegistry providers, AntiRollback antiRollback) {
    this.rollback = new RollbackGate(antiRollback);
    this.kem = new KemSealing(keys, providers, rollback);
    this.keys = keys;
    this.providers = providers;
  }

  /** Seals with the head version of {@code key}; a versioned id must name the head. */
  byte[] seal(KeyId key, byte[] plaintext, byte[] associatedData) {
    if (key != null && key.algorithm().kind() == Algorithm.Kind.KEM) {
      requireData(plaintext, "plaintext");
      requireData(associatedData, "associated data");
      return kem.seal(key, plaintext, associatedData);
    }
    KeyAccess.requireKind(key, Algorithm.Kind.AEAD, "seal");
    requireData(plaintext, "plaintext");
    requireData(associatedData, "associated data");
    KeyRecord record = keys.load(key);
    KeyVersion version = sealingVersion(record, key);
    PrivateKeyHandle handle = KeyAccess.privateKey(record, version);
    SealingProvider provider = providers.sealing(record);
    String reference = record.id().format();
    long stamp = rollback.stamp(reference, associatedData);
    return Kms.call(() -> Envelope.seal(provider, handle, reference, version.number(),
        rollback.kind(), stamp, plaintext, associatedData));
  }

  /**
   * Opens {@code sealed}.
   *
   * @param boundTo the only key whose envelopes may open (for a {@link #sealer} view), or null
   *     for any key of this key manager
   */
  byte[] open(byte[] sealed, byte[] associatedData, KeyId boundTo) {
    return opened(sealed, associatedData, boundTo).plaintext();
  }

  /** Opens {@code sealed} and seals its plaintext again with the head; zeroises the plaintext. */
  byte[] reseal(byte[] sealed, byte[] associatedData, KeyId boundTo) {
    Opened o = opened(sealed, associatedData, boundTo);
    try {
      return seal(o.key(), o.plaintext(), associatedData);
    } finally {
      Arrays.fill(o.plaintext(), (byte) 0);
    }
  }

  /** A {@link Sealer} bound to {@code key}. @throws KmsException as {@link KeyAccess#load} */
  Sealer sealer(KeyId key) {
    if (key == null || key.algorithm().kind() != Algorithm.Kind.KEM) {
      KeyAccess.requireKind(key, Algorithm.Kind.AEAD, "seal");
    }
    return new View(keys.load(key).id());
  }

  private static final int MAX_REFERENCES = 4096;

  /** An opened envelope: the key (unversioned) that opened it, and the plaintext. */
  record Opened(KeyId key, byte[] plaintext) {}

  private Opened opened(byte[] sealed, byte[] associatedData, KeyId boundTo) {
    requireData(associatedData, "associated data");
    if (KemEnvelope.hasMagic(sealed)) {
      return kem.open(sealed, associatedData, boundTo);
    }
    Envelope envelope = Envelope.parse(sealed);
    KeyId id = references.get(envelope.keyReference());
    if (id == null) {
      id = referencedKey(envelope.keyReference(), envelope.algorithm());
      if (references.size() >= MAX_REFERENCES) {
        references.clear(); // bounded: envelopes may name any number of keys
      }
      references.put(envelope.keyReference(), id);
    } else if (id.algorithm() != envelope.algorithm()) {
      throw tampered();
    }
    if (boundTo != null && !boundTo.equals(id)) {
      throw tampered();
    }
    KeyRecord record = keys.load(id);
    KeyVersion version = record.verifyingVersion(envelope.keyVersion());
    PrivateKeyHandle handle = KeyAccess.privateKey(record, version);
    SealingProvider provider = providers.sealing(record);
    byte[] plaintext = Kms.call(() -> envelope.open(provider, handle, associatedData));
    return new Opened(record.id(), rollback.admit(envelope.keyReference(), associatedData,
        envelope.stampKind(), envelope.stamp(), plaintext));
  }

  /**
   * The key an envelope names (AEAD or KEM): the engine writes an unversioned key id of the
   * envelope's algorithm, so anything else cannot be one of its envelopes.
   *
   * @throws KmsException {@code TAMPERED} for any other reference
   */
  static KeyId referencedKey(String reference, Algorithm algorithm) {
    KeyId id;
    try {
      id = KeyId.parse(reference);
    } catch (KmsException e) {
      throw tampered();
    }
    if (id.hasVersion() || id.algorithm() != algorithm) {
      throw tampered();
    }
    return id;
  }

  private static KeyVersion sealingVersion(KeyRecord record, KeyId requested) {
    if (!requested.hasVersion()) {
      return record.headVersion();
    }
    KeyVersion v = record.version(requested.version());
    if (v.number() != record.head()) {
      throw new KmsException(ErrorCode.NOT_HEAD_VERSION, requested + " is not the head (v"
          + record.head() + ") and may not seal");
    }
    return v;
  }

  private static void requireData(byte[] data, String what) {
    if (data == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, what + " is null (use an empty array"
          + " for none)");
    }
  }

  /** The refusal for an envelope that does not authenticate or is not the engine's. */
  static KmsException tampered() {
    return new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication");
  }

  /** {@link Kms#sealer}: seals with the key's current head, opens only the key's envelopes. */
  private final class View implements Sealer {
    private final KeyId key;

    View(KeyId key) {
      this.key = key;
    }

    @Override
    public String algorithm() {
      return key.algorithm().id();
    }

    /** The key id naming the current head, for example {@code acme/store/aes-256-gcm/…/v2}. */
    @Override
    public String keyReference() {
      return key.withVersion(keys.load(key).head()).format();
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
      return Sealing.this.seal(key, plaintext, associatedData);
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
      return Sealing.this.open(sealed, associatedData, key);
    }

    @Override
    public byte[] reseal(byte[] sealed, byte[] associatedData) {
      return Sealing.this.reseal(sealed, associatedData, key);
    }

    @Override
    public String toString() {
      return "Kms.sealer[" + key + "]";
    }
  }
}
