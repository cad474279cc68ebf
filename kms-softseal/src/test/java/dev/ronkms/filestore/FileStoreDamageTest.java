package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.kms;
import static dev.ronkms.filestore.StoreFixture.snapshot;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.store.KeyRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong store key, damaged or truncated files, older copies and leftovers: each is a typed
 * error or ignored, and none changes a byte of the store.
 */
class FileStoreDamageTest {
  private static final Set<ErrorCode> DAMAGE = Set.of(ErrorCode.TAMPERED,
      ErrorCode.CORRUPT_RECORD);

  @TempDir
  Path dir;
  private KeyId first;
  private KeyId second;

  @BeforeEach
  void aStoreWithTwoKeys() throws Exception {
    try (KeyringSealer key = storeKey(key(1)); Kms kms = kms(create(dir, key))) {
      first = kms.create("acme", "damage", Algorithm.ED25519);
      kms.rotate(first);
      second = kms.create("acme", "bystander", Algorithm.ED25519);
    }
  }

  @Test
  void anotherStoreKeyIsAMismatchAndChangesNothing() {
    Map<String, String> before = snapshot(dir);
    try (KeyringSealer other = storeKey(key(2));
        KeyringSealer otherName = storeKey("someone/else", key(1));
        KeyringSealer twoVersions = storeKey(key(2), key(3))) {
      for (KeyringSealer wrong : new KeyringSealer[] {other, otherName, twoVersions}) {
        KmsException e = assertThrows(KmsException.class,
            () -> FileKeystoreStore.open(dir, wrong));
        assertEquals(ErrorCode.STORE_KEY_MISMATCH, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("ron-kms/store-key/v1"), e.getMessage());
      }
    }
    assertEquals(before, snapshot(dir));
    assertFalse(Files.exists(dir.resolve("lock.tmp")));
  }

  @Test
  void everyFlippedByteOfARecordFileIsATypedErrorAndChangesNothing() throws Exception {
    Path file = StoreFixture.keyFile(dir, first);
    byte[] good = Files.readAllBytes(file);
    try (KeyringSealer key = storeKey(key(1))) {
      for (int i = 0; i < good.length; i++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << (i % 8));
        Files.write(file, bad);
        Map<String, String> before = snapshot(dir);
        try (FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
          KmsException e = assertThrows(KmsException.class, () -> store.load(first),
              "byte " + i);
          assertTrue(DAMAGE.contains(e.code()), "byte " + i + ": " + e.getMessage());
          assertEquals(2, store.load(second).orElseThrow().revision() + 1,
              "other keys are unaffected");
        }
        assertEquals(before, snapshot(dir), "byte " + i);
      }
    }
  }

  @Test
  void aRecordFileTruncatedAtAnyLengthIsATypedError() throws Exception {
    Path file = StoreFixture.keyFile(dir, first);
    byte[] good = Files.readAllBytes(file);
    try (KeyringSealer key = storeKey(key(1))) {
      for (int length = 0; length < good.length; length++) {
        Files.write(file, Arrays.copyOf(good, length));
        try (FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
          KmsException e = assertThrows(KmsException.class, () -> store.load(first));
          assertTrue(DAMAGE.contains(e.code()), "length " + length + ": " + e.getMessage());
          KeyRecord other = store.load(second).orElseThrow();
          KeyRecord next = KeyRecord.of(first, "bc", 3, 1, 1, other.versions());
          assertCode(e.code(), () -> store.save(next, 2)); // the write reads the file first
        }
        assertEquals(length, Files.size(file));
      }
      Files.write(file, good);
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
        assertEquals(2, store.load(first).orElseThrow().head());
      }
      Files.write(file, Arrays.copyOf(good, 40));
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
        assertTrue(store.delete(first), "a file the store cannot read can still be deleted");
        assertFalse(Files.exists(file));
        assertEquals(java.util.List.of(second), store.list());
      }
    }
  }

  @Test
  void aDamagedOrMissingHeaderIsCorruptAndChangesNothing() throws Exception {
    Path header = dir.resolve("store");
    byte[] good = Files.readAllBytes(header);
    try (KeyringSealer key = storeKey(key(1))) {
      for (int i = 0; i < good.length; i++) {
        byte[] bad = good.clone();
        bad[i] ^= 0x20;
        Files.write(header, bad);
        Map<String, String> before = snapshot(dir);
        assertCode(ErrorCode.CORRUPT_RECORD, () -> FileKeystoreStore.open(dir, key));
        assertEquals(before, snapshot(dir));
      }
      for (int length = 0; length < good.length; length++) {
        Files.write(header, Arrays.copyOf(good, length));
        assertCode(ErrorCode.CORRUPT_RECORD, () -> FileKeystoreStore.open(dir, key));
      }
      Files.delete(header);
      Map<String, String> before = snapshot(dir);
      assertCode(ErrorCode.CORRUPT_RECORD, () -> FileKeystoreStore.builder(dir, key)
          .createIfMissing(true).build());
      assertEquals(before, snapshot(dir), "a store without a header is not re-created");
      Files.write(header, good);
      FileKeystoreStore.open(dir, key).close();
    }
  }

  @Test
  void aRecordFileReplacedByAnOlderCopyIsARollbackWhileTheStoreIsOpen() throws Exception {
    Path file = StoreFixture.keyFile(dir, first);
    byte[] older = Files.readAllBytes(file);
    try (KeyringSealer key = storeKey(key(1)); Kms kms = kms(FileKeystoreStore.open(dir, key))) {
      kms.rotate(first);
      assertEquals(3, kms.attest(first).headVersion());
      Files.write(file, older);
      kms.rotate(second); // any write by the store: caches look at the files again
      assertCode(ErrorCode.ROLLBACK, () -> kms.sign(first, new byte[1]));
      assertCode(ErrorCode.ROLLBACK, () -> kms.rotate(first));
      assertArrayEquals(older, Files.readAllBytes(file), "the refused file is left alone");
    }
    try (KeyringSealer key = storeKey(key(1)); Kms kms = kms(FileKeystoreStore.open(dir, key))) {
      assertEquals(2, kms.attest(first).headVersion(), "a fresh store cannot tell: the documented"
          + " limit");
    }
  }

  @Test
  void aDeletedKeysFileRestoredWhileTheStoreIsOpenIsARollback() throws Exception {
    Path file = StoreFixture.keyFile(dir, second);
    byte[] copy = Files.readAllBytes(file);
    try (KeyringSealer key = storeKey(key(1)); Kms kms = kms(FileKeystoreStore.open(dir, key))) {
      kms.attest(second);
      assertTrue(kms.delete(second));
      Files.write(file, copy);
      kms.rotate(first);
      assertCode(ErrorCode.ROLLBACK, () -> kms.attest(second));
    }
  }

  @Test
  void leftoverTemporaryFilesAreIgnoredAndCleanedOnOpen() throws Exception {
    Path keys = dir.resolve("keys");
    Path leftover = keys.resolve("." + StoreFixture.keyFile(dir, first).getFileName()
        + ".0123456789abcdef.tmp");
    Files.write(leftover, new byte[] {1, 2, 3});
    Path rootLeftover = dir.resolve(".store.00000000000000aa.tmp");
    Files.write(rootLeftover, new byte[7]);
    Files.write(keys.resolve("notes.txt"), new byte[] {'x'});
    try (KeyringSealer key = storeKey(key(1)); Kms kms = kms(FileKeystoreStore.open(dir, key))) {
      assertEquals(2, kms.list().size());
      assertEquals(2, kms.attest(first).headVersion());
      assertFalse(Files.exists(leftover));
      assertFalse(Files.exists(rootLeftover));
      assertTrue(Files.exists(keys.resolve("notes.txt")), "files of other tools are kept");
    }
  }

  @Test
  void aRecordFileMovedToAnotherKeysNameDoesNotOpen() throws Exception {
    Files.copy(StoreFixture.keyFile(dir, first), StoreFixture.keyFile(dir, second),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (KeyringSealer key = storeKey(key(1));
        FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
      assertCode(ErrorCode.TAMPERED, () -> store.load(second));
    }
  }
}
