package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.softseal.SoftSealProvider;
import dev.ronkms.spi.Sealer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The data key of one record file: 32 random bytes, sealed by the store key, that seal the
 * record (and, inside it, each private key). A new data key is drawn for every write, so a
 * store-key rotation only rewraps these small sealed keys and never touches a record.
 *
 * <p>Guarantees: the raw key lives only in a {@link KeyringSealer} (AES-256-GCM, no
 * anti-rollback stamp: the store checks revisions itself) whose {@link #close()} zeroises it;
 * the temporary arrays are zeroised before the factory methods return.
 */
final class DataKey implements AutoCloseable {
  static final String REFERENCE = "ron-kms/file-store/data-key";
  private static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SoftSealProvider PROVIDER = new SoftSealProvider();

  private final KeyringSealer sealer;
  private final byte[] sealedKey;

  private DataKey(KeyringSealer sealer, byte[] sealedKey) {
    this.sealer = sealer;
    this.sealedKey = sealedKey;
  }

  /** A fresh data key, sealed under {@code keys} with {@code associatedData}. */
  static DataKey fresh(StoreKeyChain keys, byte[] associatedData) {
    byte[] raw = new byte[LENGTH];
    try {
      RANDOM.nextBytes(raw);
      byte[] sealed = keys.seal(raw, associatedData);
      return new DataKey(keyring(raw), sealed);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Opens a sealed data key.
   *
   * @throws KmsException {@code TAMPERED} when no store key opens it, or it is not a key
   */
  static DataKey open(byte[] sealedKey, StoreKeyChain keys, byte[] associatedData) {
    byte[] raw = keys.open(sealedKey, associatedData);
    try {
      if (raw.length != LENGTH) {
        throw new KmsException(ErrorCode.TAMPERED, "a sealed data key does not hold a key");
      }
      return new DataKey(keyring(raw), sealedKey);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The data key as a sealer. */
  Sealer sealer() {
    return sealer;
  }

  /** The data key sealed under the store key (a copy). */
  byte[] sealedKey() {
    return sealedKey.clone();
  }

  /**
   * Opens an envelope sealed by this data key.
   *
   * @throws KmsException {@code TAMPERED} for any envelope this key did not seal with this
   *     associated data
   */
  byte[] open(byte[] sealed, byte[] associatedData) {
    try {
      return sealer.open(sealed, associatedData);
    } catch (KmsException e) {
      if (StoreKeyChain.notOpenedBy(e.code())) {
        throw new KmsException(ErrorCode.TAMPERED, "a sealed record failed authentication");
      }
      throw e;
    }
  }

  @Override
  public void close() {
    sealer.close();
  }

  private static KeyringSealer keyring(byte[] raw) {
    return KeyringSealer.builder(REFERENCE).provider(PROVIDER)
        .antiRollback(AntiRollback.disabled()).addVersion(raw).build();
  }
}
