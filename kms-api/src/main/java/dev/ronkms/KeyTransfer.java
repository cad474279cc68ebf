package dev.ronkms;

import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyRecordCodec;
import dev.ronkms.store.KeyVersion;
import dev.ronkms.store.KeystoreStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Export and import of whole keys with their version history (docs/API.md, "Export and
 * import"). A bundle is {@code recipient.seal(KeyRecordCodec.encode(record, provider,
 * recipient), "ron-kms key export v1")}: every private key is sealed to the recipient twice,
 * once on its own (bound to its versioned key id and public key) and once inside the whole
 * bundle. No private key byte is ever handled here: only the key's provider and the recipient
 * {@link Sealer} see it.
 */
final class KeyTransfer {
  private static final byte[] BUNDLE_AAD = Kms.EXPORT_LABEL.getBytes(StandardCharsets.US_ASCII);

  private final KeystoreStore store;
  private final KeyAccess keys;
  private final ProviderRegistry providers;
  private final HandleTracker handles;

  KeyTransfer(KeystoreStore store, KeyAccess keys, ProviderRegistry providers,
      HandleTracker handles) {
    this.store = store;
    this.keys = keys;
    this.providers = providers;
    this.handles = handles;
  }

  /** The bundle of {@code key}; see {@link Kms#exportKey}. */
  byte[] export(KeyId key, Sealer recipient) {
    requireRecipient(recipient);
    KeyRecord record = keys.load(key);
    if (record.verifyOnly()) {
      return Kms.call(() -> recipient.seal(KeyRecordCodec.encode(record, null, recipient),
          BUNDLE_AAD));
    }
    if (record.exportPolicy() != ExportPolicy.EXPORTABLE_SEALED) {
      throw new KmsException(ErrorCode.EXPORT_NOT_ALLOWED, record.id() + " is "
          + record.exportPolicy() + "; only an EXPORTABLE_SEALED key is exported");
    }
    KeyProvider provider = providers.holding(record);
    if (provider.capabilities().contains(Capability.NON_EXTRACTABLE_KEYS)) {
      throw new KmsException(ErrorCode.EXPORT_NOT_ALLOWED, record.id() + " is held by"
          + " provider " + provider.name() + ", whose keys never leave it");
    }
    return Kms.call(() -> recipient.seal(KeyRecordCodec.encode(record, provider, recipient),
        BUNDLE_AAD));
  }

  /** Stores the key in {@code bundle}; see {@link Kms#importKey}. */
  KeyId importKey(byte[] bundle, Sealer recipient) {
    if (bundle == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "bundle is null");
    }
    requireRecipient(recipient);
    if (handles.isClosed()) {
      throw new KmsException(ErrorCode.CLOSED, "the key manager is closed");
    }
    byte[] encoded = Kms.call(() -> recipient.open(bundle, BUNDLE_AAD));
    KeyRecord decoded = Kms.call(() -> KeyRecordCodec.decode(encoded, providers::forImport,
        recipient, null));
    List<PrivateKeyHandle> opened = new ArrayList<>();
    for (KeyVersion v : decoded.versions()) {
      v.handle().ifPresent(opened::add);
    }
    try {
      opened.forEach(handles::track);
      store.save(KeyRecord.of(decoded.id(), decoded.provider().orElse(null), 1, decoded.head(),
          decoded.minVerifyVersion(), decoded.versions(), decoded.options()), 0);
    } catch (RuntimeException e) {
      opened.forEach(handles::closeAndForget);
      throw e;
    }
    return decoded.id();
  }

  private static void requireRecipient(Sealer recipient) {
    if (recipient == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the recipient sealer is null");
    }
  }
}
