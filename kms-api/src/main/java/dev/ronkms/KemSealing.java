package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;

/**
 * The engine side of sealing to ML-KEM keys, in the {@link KemEnvelope} format: seals by
 * encapsulating to the head's public key (so a verify-only KEM key seals too), opens by
 * decapsulating with the version the envelope names when that version may open (the rules of
 * verification), authenticating before the anti-rollback policy is asked. {@link Sealing}
 * dispatches here for KEM keys and for envelopes with the "RKSK" magic.
 *
 * <p>Sealing to a verify-only KEM key (another party's imported public key) writes the
 * fingerprint of the head's encapsulation key as the reference, since the holder of the private
 * key knows its own key, not the sender's id for it. An envelope whose reference is a
 * fingerprint (sealed to a bare public key) opens only
 * through a {@link Kms#sealer} view of the key that holds a version with that encapsulation
 * key; {@link Kms#open} cannot tell which key it is for and refuses it as {@code TAMPERED}.
 */
final class KemSealing {
  private final KeyAccess keys;
  private final ProviderRegistry providers;
  private final RollbackGate rollback;

  KemSealing(KeyAccess keys, ProviderRegistry providers, RollbackGate rollback) {
    this.keys = keys;
    this.providers = providers;
    this.rollback = rollback;
  }

  /**
   * Seals to the head of {@code key}; a versioned id must name the head. The reference is the
   * key id, or for a verify-only key the fingerprint of the head's encapsulation key.
   */
  byte[] seal(KeyId key, byte[] plaintext, byte[] associatedData) {
    KeyAccess.requireKind(key, Algorithm.Kind.KEM, "seal");
    KeyRecord record = keys.load(key);
    KeyVersion head = record.headVersion();
    if (key.hasVersion() && record.version(key.version()).number() != record.head()) {
      throw new KmsException(ErrorCode.NOT_HEAD_VERSION, key + " is not the head (v"
          + record.head() + ") and may not seal");
    }
    KemProvider provider = providers.kem(record);
    // A verify-only key is someone else's public key: they know their key, not our id for it.
    boolean toFingerprint = record.verifyOnly();
    String reference = toFingerprint ? KemEnvelope.fingerprint(head.publicKey())
        : record.id().format();
    int version = toFingerprint ? 0 : head.number();
    long stamp = rollback.stamp(reference, associatedData);
    return Kms.call(() -> KemEnvelope.seal(provider, record.id().algorithm(), head.publicKey(),
        reference, version, rollback.kind(), stamp, plaintext, associatedData));
  }

  /**
   * Opens a KEM envelope.
   *
   * @param boundTo the only key whose envelopes may open, or null for any key
   */
  Sealing.Opened open(byte[] sealed, byte[] associatedData, KeyId boundTo) {
    KemEnvelope envelope = KemEnvelope.parse(sealed);
    KeyRecord record;
    KeyVersion version;
    if (KemEnvelope.isFingerprint(envelope.keyReference())) {
      if (boundTo == null || boundTo.algorithm() != envelope.algorithm()) {
        throw Sealing.tampered();
      }
      record = keys.load(boundTo);
      version = record.verifyingVersion(versionWith(record, envelope.keyReference()));
    } else {
      KeyId id = Sealing.referencedKey(envelope.keyReference(), envelope.algorithm());
      if (boundTo != null && !boundTo.equals(id)) {
        throw Sealing.tampered();
      }
      record = keys.load(id);
      version = record.verifyingVersion(envelope.keyVersion());
    }
    PrivateKeyHandle handle = KeyAccess.privateKey(record, version);
    KemProvider provider = providers.kem(record);
    byte[] publicKey = version.publicKey();
    byte[] plaintext = Kms.call(() -> envelope.open(provider, handle, publicKey,
        associatedData));
    return new Sealing.Opened(record.id(), rollback.admit(envelope.keyReference(),
        associatedData, envelope.stampKind(), envelope.stamp(), plaintext));
  }

  /** The number of the version of {@code record} whose encapsulation key has this fingerprint. */
  private static int versionWith(KeyRecord record, String fingerprint) {
    for (KeyVersion v : record.versions()) {
      byte[] publicKey = v.publicKey();
      if (publicKey.length > 0 && KemEnvelope.fingerprint(publicKey).equals(fingerprint)) {
        return v.number();
      }
    }
    throw Sealing.tampered();
  }
}
