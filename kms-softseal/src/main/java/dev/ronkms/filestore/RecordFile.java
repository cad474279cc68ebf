package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyRecordCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One key's file, {@code DIR/keys/<key>.key}: envelope encryption under a fresh data key.
 *
 * <pre>
 *  0   4  magic "RKKF"
 *  4   1  format (1)
 *  5   8  incarnation: random, drawn when the key is created, kept by every later write
 * 13   8  revision of the record
 * 21   4  length D of the sealed data key
 * 25   D  the data key sealed by the store key
 *         (associated data: store id, key id, incarnation)
 * 25+D    the record sealed by the data key: {@link KeyRecordCodec#encode}, whose private keys
 *         are themselves sealed by the data key through their provider
 *         (associated data: store id, key id, incarnation, revision)
 * </pre>
 *
 * The incarnation and revision are in the clear so that a reader can order files before opening
 * them, and authenticated as associated data so that changing them fails authentication.
 *
 * <p>Guarantees: malformed framing is {@code CORRUPT_RECORD}; any change to an authenticated
 * byte is {@code TAMPERED}; a file moved to another key's name or another store fails
 * authentication; no private key byte is written except through {@code Sealer.seal}. Data keys
 * are zeroised before each method returns. Immutable.
 */
final class RecordFile {
  private static final byte[] MAGIC = {'R', 'K', 'K', 'F'};
  private static final int FORMAT = 1;
  private static final int FIXED = 25;
  private static final int TAG_LENGTH = 16;

  /** A record read back, with the incarnation and revision its file carries. */
  record Opened(KeyRecord record, long incarnation, long revision) {}

  private final long incarnation;
  private final long revision;
  private final byte[] sealedDataKey;
  private final byte[] sealedRecord;

  private RecordFile(long incarnation, long revision, byte[] sealedDataKey,
      byte[] sealedRecord) {
    this.incarnation = incarnation;
    this.revision = revision;
    this.sealedDataKey = sealedDataKey;
    this.sealedRecord = sealedRecord;
  }

  long incarnation() {
    return incarnation;
  }

  long revision() {
    return revision;
  }

  /**
   * The bytes of the file for {@code record}.
   *
   * @param provider the provider holding the record's private keys (null for a verify-only key)
   */
  static byte[] seal(KeyRecord record, KeyProvider provider, StoreKeyChain keys, byte[] storeId,
      long incarnation) {
    String id = record.id().toString();
    try (DataKey dataKey = DataKey.fresh(keys, Aad.of(Aad.DATA_KEY, storeId, id, incarnation))) {
      byte[] encoded = KeyRecordCodec.encode(record, provider, dataKey.sealer());
      byte[] sealed;
      try {
        sealed = dataKey.sealer().seal(encoded,
            Aad.of(Aad.RECORD, storeId, id, incarnation, record.revision()));
      } finally {
        Arrays.fill(encoded, (byte) 0);
      }
      return new RecordFile(incarnation, record.revision(), dataKey.sealedKey(), sealed)
          .toByteArray();
    }
  }

  /**
   * Parses the framing of a record file; nothing is authenticated yet.
   *
   * @throws KmsException {@code CORRUPT_RECORD} for a file that is not a record file
   */
  static RecordFile parse(byte[] bytes) {
    if (bytes.length < FIXED || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)
        || (bytes[4] & 0xff) != FORMAT) {
      throw corrupt("not a record file of format " + FORMAT + " (or truncated)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long incarnation = in.getLong(5);
    long revision = in.getLong(13);
    int keyLength = in.getInt(21);
    if (keyLength < 1 || keyLength > bytes.length - FIXED - TAG_LENGTH) {
      throw corrupt("the sealed data key has a bad length (or the file is truncated)");
    }
    return new RecordFile(incarnation, revision,
        Arrays.copyOfRange(bytes, FIXED, FIXED + keyLength),
        Arrays.copyOfRange(bytes, FIXED + keyLength, bytes.length));
  }

  /**
   * Authenticates and decodes the record of {@code id}. Handles of {@code previous} are reused
   * for versions that still hold the same key.
   *
   * @throws KmsException {@code TAMPERED} when authentication fails, {@code CORRUPT_RECORD}
   *     when what it holds is not a valid record of {@code id}, {@code PROVIDER_NOT_FOUND}
   */
  Opened open(KeyId id, StoreKeyChain keys, byte[] storeId, KeyRecordCodec.ProviderLookup lookup,
      KeyRecord previous) {
    String name = id.toString();
    KeyRecord record;
    try (DataKey dataKey = DataKey.open(sealedDataKey, keys,
        Aad.of(Aad.DATA_KEY, storeId, name, incarnation))) {
      byte[] encoded = dataKey.open(sealedRecord,
          Aad.of(Aad.RECORD, storeId, name, incarnation, revision));
      try {
        record = KeyRecordCodec.decode(encoded, lookup, dataKey.sealer(), previous);
      } finally {
        Arrays.fill(encoded, (byte) 0);
      }
    }
    if (!record.id().equals(id) || record.revision() != revision) {
      StoreHandles.added(previous, record).forEach(PrivateKeyHandle::close);
      throw corrupt("the record inside names another key or revision");
    }
    return new Opened(record, incarnation, revision);
  }

  /** The same file with its data key resealed under {@code keys}' sealing key. */
  byte[] rewrapped(KeyId id, StoreKeyChain keys, byte[] storeId) {
    byte[] aad = Aad.of(Aad.DATA_KEY, storeId, id.toString(), incarnation);
    byte[] raw = keys.open(sealedDataKey, aad);
    try {
      return new RecordFile(incarnation, revision, keys.seal(raw, aad), sealedRecord)
          .toByteArray();
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The last 16 bytes of a file: the tag of its sealed record, which differs for every write
   * (fresh data key and nonce), so equal tags mean the same record.
   */
  static byte[] tag(byte[] fileBytes) {
    return Arrays.copyOfRange(fileBytes, Math.max(0, fileBytes.length - TAG_LENGTH),
        fileBytes.length);
  }

  byte[] toByteArray() {
    ByteBuffer out = ByteBuffer.allocate(FIXED + sealedDataKey.length + sealedRecord.length);
    out.put(MAGIC).put((byte) FORMAT).putLong(incarnation).putLong(revision)
        .putInt(sealedDataKey.length).put(sealedDataKey).put(sealedRecord);
    return out.array();
  }

  private static KmsException corrupt(String why) {
    return new KmsException(ErrorCode.CORRUPT_RECORD, "record file: " + why);
  }

  @Override
  public String toString() {
    return "RecordFile[incarnation " + Long.toHexString(incarnation) + ", rev " + revision + "]";
  }
}
