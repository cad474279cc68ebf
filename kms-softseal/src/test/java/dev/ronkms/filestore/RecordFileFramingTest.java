package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.bc;
import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.kms;
import static dev.ronkms.filestore.StoreFixture.newRecord;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyRecordCodec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecordFile}: the clear incarnation and revision, the bounds of the sealed data key's
 * length, a record inside that names another key, and the incarnation a delete retires.
 */
class RecordFileFramingTest {
  private static final byte[] STORE_ID = new byte[16];
  private static final KeyId ID = KeyId.of("acme", "frame", Algorithm.ED25519, new UUID(7, 8));

  @TempDir
  Path dir;

  private static byte[] withKeyLength(byte[] file, int keyLength) {
    byte[] copy = file.clone();
    ByteBuffer.wrap(copy).putInt(21, keyLength);
    return copy;
  }

  @Test
  void theClearFieldsAreTheOnesSealedIn() {
    try (KeyringSealer store = storeKey(key(1))) {
      StoreKeyChain keys = new StoreKeyChain(store, List.of());
      KeyRecord record = newRecord(ID);
      byte[] bytes = RecordFile.seal(record, bc(), keys, STORE_ID, 0x1234_5678_9abcL);
      RecordFile parsed = RecordFile.parse(bytes);
      assertEquals(0x1234_5678_9abcL, parsed.incarnation());
      assertEquals(record.revision(), parsed.revision());
      RecordFile.Opened opened = parsed.open(ID, keys, STORE_ID, ProviderSet.of(List.of(bc())),
          null);
      assertEquals(0x1234_5678_9abcL, opened.incarnation());
      assertEquals(ID, opened.record().id());
    }
  }

  @Test
  void theSealedDataKeyLengthMustLeaveRoomForATag() {
    try (KeyringSealer store = storeKey(key(2))) {
      StoreKeyChain keys = new StoreKeyChain(store, List.of());
      byte[] bytes = RecordFile.seal(newRecord(ID), bc(), keys, STORE_ID, 1);
      int most = bytes.length - 25 - 16;
      RecordFile.parse(withKeyLength(bytes, 1)); // framing only: authentication comes later
      RecordFile.parse(withKeyLength(bytes, most));
      assertCode(ErrorCode.CORRUPT_RECORD, () -> RecordFile.parse(withKeyLength(bytes, 0)));
      assertCode(ErrorCode.CORRUPT_RECORD,
          () -> RecordFile.parse(withKeyLength(bytes, most + 1)));
      assertCode(ErrorCode.TAMPERED, () -> RecordFile.parse(withKeyLength(bytes, 1))
          .open(ID, keys, STORE_ID, ProviderSet.of(List.of(bc())), null));
    }
  }

  @Test
  void aRecordOfAnotherKeyInsideAnAuthenticFileIsCorrupt() {
    KeyId other = KeyId.of("acme", "other", Algorithm.ED25519, new UUID(7, 9));
    try (KeyringSealer store = storeKey(key(3))) {
      StoreKeyChain keys = new StoreKeyChain(store, List.of());
      String name = ID.toString();
      byte[] sealedKey;
      byte[] sealedRecord;
      try (DataKey dk = DataKey.fresh(keys, Aad.of(Aad.DATA_KEY, STORE_ID, name, 5))) {
        byte[] encoded = KeyRecordCodec.encode(newRecord(other), bc(), dk.sealer());
        sealedRecord = dk.sealer().seal(encoded, Aad.of(Aad.RECORD, STORE_ID, name, 5, 1));
        sealedKey = dk.sealedKey();
      }
      byte[] file = ByteBuffer.allocate(25 + sealedKey.length + sealedRecord.length)
          .put(new byte[] {'R', 'K', 'K', 'F', 1}).putLong(5).putLong(1)
          .putInt(sealedKey.length).put(sealedKey).put(sealedRecord).array();
      RecordFile parsed = RecordFile.parse(file);
      assertCode(ErrorCode.CORRUPT_RECORD, () -> parsed.open(ID, keys, STORE_ID,
          ProviderSet.of(List.of(bc())), null));
    }
  }

  @Test
  void aDeleteOfAFileNeverLoadedRetiresItsIncarnation() throws Exception {
    KeyId id;
    try (KeyringSealer key = storeKey(key(4)); FileKeystoreStore store = create(dir, key)) {
      Kms kms = kms(store);
      id = kms.create("acme", "gone", Algorithm.ED25519);
      kms.close();
    }
    Path file = StoreFixture.keyFile(dir, id);
    byte[] copy = Files.readAllBytes(file);
    try (KeyringSealer key = storeKey(key(4));
        FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
      assertTrue(store.delete(id.unversioned())); // this store never loaded it
      Files.write(file, copy);
      store.save(newRecord(KeyId.of("acme", "next", Algorithm.ED25519, new UUID(1, 1))), 0);
      assertCode(ErrorCode.ROLLBACK, () -> store.load(id.unversioned()));
    }
  }
}
