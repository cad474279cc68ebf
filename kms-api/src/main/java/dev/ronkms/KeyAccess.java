package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.store.KeyRecord;
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

  /** The checks {@code verify} makes before it looks at the store. */
  static void requireVerifyArguments(KeyId version, byte[] message, byte[] signature) {
    requireVersion(version);
    requireMessage(message);
    requireSignature(version.algorithm(), signature);
  }
}
