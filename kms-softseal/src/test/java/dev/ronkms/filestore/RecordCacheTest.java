package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.kms;
import static dev.ronkms.filestore.StoreFixture.newRecord;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecordCache} as a second store instance on the same directory sees it: rollback marks
 * learnt from reads and from deletions made elsewhere, handles of saved records destroyed on
 * delete and close, and a file's incarnation kept across its revisions.
 */
class RecordCacheTest {
  @TempDir
  Path dir;

  @Test
  void anOlderCopyAfterAReadOfANewerRevisionIsARollback() throws Exception {
    try (KeyringSealer key = storeKey(key(1));
        FileKeystoreStore writer = create(dir, key);
        FileKeystoreStore reader = FileKeystoreStore.open(dir, key)) {
      Kms kms = kms(writer);
      KeyId id = kms.create("acme", "old", Algorithm.ED25519).unversioned();
      Path file = StoreFixture.keyFile(dir, id);
      byte[] rev1 = Files.readAllBytes(file);
      kms.rotate(id);
      assertEquals(2, reader.load(id).orElseThrow().head()); // the reader learns revision 2
      Files.write(file, rev1);
      kms.create("acme", "other", Algorithm.ED25519); // a write under the lock: caches re-check
      assertCode(ErrorCode.ROLLBACK, () -> reader.load(id));
    }
  }

  @Test
  void aCopyOfAKeyDeletedElsewhereIsARollbackForTheReader() throws Exception {
    try (KeyringSealer key = storeKey(key(2));
        FileKeystoreStore writer = create(dir, key);
        FileKeystoreStore reader = FileKeystoreStore.open(dir, key)) {
      Kms kms = kms(writer);
      KeyId id = kms.create("acme", "gone", Algorithm.ED25519).unversioned();
      Path file = StoreFixture.keyFile(dir, id);
      byte[] copy = Files.readAllBytes(file);
      assertTrue(reader.load(id).isPresent());
      assertTrue(writer.delete(id));
      assertTrue(reader.load(id).isEmpty(), "the reader notices the deletion");
      Files.write(file, copy);
      kms.create("acme", "other", Algorithm.ED25519); // a write under the lock: caches re-check
      assertCode(ErrorCode.ROLLBACK, () -> reader.load(id));
    }
  }

  @Test
  void deleteAndCloseDestroyTheHandlesOfRecordsTheStoreWasGiven() {
    KeyId one = KeyId.of("acme", "given1", Algorithm.ED25519, new UUID(9, 1));
    KeyId two = KeyId.of("acme", "given2", Algorithm.ED25519, new UUID(9, 2));
    try (KeyringSealer key = storeKey(key(3))) {
      FileKeystoreStore store = create(dir, key);
      KeyRecord first = newRecord(one);
      KeyRecord second = newRecord(two);
      store.save(first, 0);
      store.save(second, 0);
      PrivateKeyHandle h1 = first.version(1).handle().orElseThrow();
      PrivateKeyHandle h2 = second.version(1).handle().orElseThrow();
      assertTrue(store.delete(one));
      assertTrue(h1.isDestroyed(), "a deleted key's private key outlives the delete");
      assertFalse(h2.isDestroyed());
      store.close();
      assertTrue(h2.isDestroyed(), "a saved key's private key outlives close()");
    }
  }

  @Test
  void aFileKeepsItsIncarnationAcrossRevisions() throws Exception {
    try (KeyringSealer key = storeKey(key(4)); FileKeystoreStore store = create(dir, key)) {
      Kms kms = kms(store);
      KeyId id = kms.create("acme", "inc", Algorithm.ED25519).unversioned();
      Path file = StoreFixture.keyFile(dir, id);
      RecordFile first = RecordFile.parse(Files.readAllBytes(file));
      kms.rotate(id);
      RecordFile second = RecordFile.parse(Files.readAllBytes(file));
      assertNotEquals(0, first.incarnation());
      assertEquals(first.incarnation(), second.incarnation());
      assertEquals(first.revision() + 1, second.revision());
      // a deleted and re-created key is a new incarnation
      assertTrue(store.delete(id));
      KeyRecord again = newRecord(id);
      store.save(again, 0);
      assertNotEquals(first.incarnation(), RecordFile.parse(Files.readAllBytes(file))
          .incarnation());
    }
  }
}
