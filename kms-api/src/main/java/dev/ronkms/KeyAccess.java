package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import dev.ronkms.store.KeystoreStore;

/**
 * The argument checks and the load-or-throw that single and batch operations share, so that an
 * item of a batch is refused with exactly the code single verification throws.
 */
final class KeyAccess {
  private final KeystoreStore store;

  KeyAccess(KeystoreStore store) {
    this.store = store;
  }

  /** The key's record. @throws KmsException INVALID_KEY_ID, KEY_NOT_FOUND, CLOSED */
  KeyRecord load(KeyId key) {
    if (key == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    KeyId unversioned = key.unversioned();
    KeyRecord record = store.load(unversioned).orElseThrow(() ->
        new KmsException(ErrorCode.KEY_NOT_FOUND, "no key " + unversioned));
    if (!record.id().equals(unversioned)) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "the store answered " + record.id()
          + " for " + unversioned);
    }
    return record;
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

  static void requireSignature(Algorithm algorithm, byte[] signature) {
    if (signature == null || signature.length != algorithm.outputLength()) {
      throw new KmsException(ErrorCode.MALFORMED_SIGNATURE, "an " + algorithm.id()
          + " signature is " + algorithm.outputLength() + " bytes, got "
          + (signature == null ? "null" : signature.length + " bytes"));
    }
  }

  /**
   * Refuses an operation the key id's algorithm does not have, before the store is read: an
   * AEAD key neither signs nor verifies, a signature key does not seal. A null id passes (the
   * load that follows refuses it).
   *
   * @throws KmsException {@code UNSUPPORTED_OPERATION}
   */
  static void requireKind(KeyId id, Algorithm.Kind kind, String operation) {
    if (id != null && id.algorithm().kind() != kind) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "an " + id.algorithm().id()
          + " key does not " + operation + "; only " + kind + " keys do");
    }
  }

  /** @throws KmsException {@code UNSUPPORTED_OPERATION} for an AEAD (secret-key) algorithm */
  static void requirePublicKeys(Algorithm algorithm) {
    if (algorithm.kind() == Algorithm.Kind.AEAD) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "an " + algorithm.id()
          + " key is a secret key; it has no public key");
    }
  }

  /**
   * The private key of {@code version}, checked against the public key (or key check value)
   * the record stores for it.
   *
   * @throws KmsException {@code NO_PRIVATE_KEY} for a verify-only key, {@code CORRUPT_RECORD}
   *     when the version has no handle or the handle is bound to another public key
   */
  static PrivateKeyHandle privateKey(KeyRecord record, KeyVersion version) {
    if (record.verifyOnly()) {
      throw new KmsException(ErrorCode.NO_PRIVATE_KEY, record.id() + " is verify-only: it"
          + " holds no private key");
    }
    PrivateKeyHandle handle = version.handle().orElseThrow(() -> new KmsException(
        ErrorCode.CORRUPT_RECORD, record.id() + "/v" + version.number() + " has no private key"));
    if (!version.hasPublicKey(handle.publicKey())) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, record.id() + "/v" + version.number()
          + ": the stored public key is not the one bound to its private key");
    }
    return handle;
  }

  /** The checks {@code verify} makes before it looks at the store. */
  static void requireVerifyArguments(KeyId version, byte[] message, byte[] signature) {
    requireVersion(version);
    requireKind(version, Algorithm.Kind.SIGNATURE, "verify");
    requireMessage(message);
    requireSignature(version.algorithm(), signature);
  }
}
