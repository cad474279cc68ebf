package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.kms;
import static dev.ronkms.filestore.StoreFixture.snapshot;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.seal.CounterStore;
import dev.ronkms.seal.RollbackContext;
import dev.ronkms.softseal.KeyringSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a store to a new store key, whole or interrupted half-way, and back to work. */
class StoreKeyRotationTest {
  private static final byte[] MESSAGE = "rotate the store key".getBytes(StandardCharsets.UTF_8);
  private static final RollbackContext CONTEXT = RollbackContext.of("host/secret", new byte[1]);
  private static final int KEYS = 6;

  @TempDir
  Path dir;
  private final List<KeyId> ids = new ArrayList<>();
  private final List<Signed> signatures = new ArrayList<>();

  @BeforeEach
  void aStoreUnderTheOldKey() {
    try (KeyringSealer old = storeKey(key(1)); FileKeystoreStore store = create(dir, old)) {
      CounterStore counters = store.counters();
      counters.increment(CONTEXT);
      counters.increment(CONTEXT);
      Kms kms = kms(store);
      for (int i = 0; i < KEYS; i++) {
        KeyId id = kms.create("acme", "k" + i, Algorithm.ED25519);
        ids.add(id);
        signatures.add(kms.sign(id, MESSAGE));
        kms.rotate(id);
      }
      kms.close();
    }
  }

  @Test
  void toASeparateNewKeyThenReopenWithTheNewKeyOnly() {
    try (KeyringSealer old = storeKey(key(1));
        KeyringSealer fresh = storeKey("ron-kms/store-key-2", key(9))) {
      Map<String, String> before = snapshot(dir);
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(fresh);
        assertTrue(store.toString().contains("ron-kms/store-key-2/v1"), store.toString());
        assertWorks(kms(store)); // the open store carries on under the new key
      }
      Map<String, String> after = snapshot(dir);
      for (KeyId id : ids) {
        String file = "keys/" + StoreFixture.keyFile(dir, id).getFileName();
        assertNotEquals(before.get(file), after.get(file), "the data key was rewrapped");
      }
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, old));
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, fresh)) {
        assertEquals(3, store.counters().increment(CONTEXT));
        assertWorks(kms(store));
      }
    }
  }

  @Test
  void toTheNextVersionOfTheSameKeyring() {
    try (KeyringSealer old = storeKey(key(1)); KeyringSealer both = storeKey(key(1), key(2))) {
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(both);
      }
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, old));
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, both)) {
        assertWorks(kms(store));
      }
    }
  }

  @Test
  void aRotationInterruptedHalfWayOpensWithBothKeysAndFinishes() {
    try (KeyringSealer old = storeKey(key(1));
        KeyringSealer fresh = storeKey("ron-kms/store-key-2", key(9))) {
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(fresh, KEYS / 2); // then the process "dies"
      }
      Map<String, String> midway = snapshot(dir);
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, old));
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, fresh));
      assertEquals(midway, snapshot(dir), "refused opens change nothing");
      try (FileKeystoreStore store = FileKeystoreStore.builder(dir, fresh)
          .previousStoreKey(old).build()) {
        Kms kms = kms(store);
        for (KeyId id : ids) {
          assertEquals(2, kms.attest(id).headVersion(), "every key opens mid-rotation");
        }
        store.rotateStoreKey(fresh);
      }
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, fresh)) {
        assertEquals(3, store.counters().increment(CONTEXT));
        assertWorks(kms(store));
      }
    }
  }

  @Test
  void aKeyringHoldingBothVersionsOpensAnInterruptedRotationAlone() {
    try (KeyringSealer old = storeKey(key(1)); KeyringSealer both = storeKey(key(1), key(2))) {
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(both, 2);
      }
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, old));
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, both)) {
        assertWorks(kms(store)); // writes seal with v2 while the rotation is unfinished
        store.rotateStoreKey(both);
      }
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, both)) {
        assertWorks(kms(store));
      }
    }
  }

  @Test
  void openingWithANewerKeyringVersionStartsARotationAtTheFirstWrite() {
    try (KeyringSealer old = storeKey(key(1)); KeyringSealer both = storeKey(key(1), key(2))) {
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, both)) {
        assertEquals(2, kms(store).attest(ids.get(0)).headVersion(), "reads need no write");
      }
      FileKeystoreStore.open(dir, old).close(); // nothing was sealed under v2 yet
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, both)) {
        kms(store).rotate(ids.get(0)); // sealed under v2: the header now lists v1 and v2
      }
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, old));
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, both)) {
        store.rotateStoreKey(both);
      }
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, old));
    }
  }

  @Test
  void anotherStoreOnTheOldKeyCannotWriteAfterTheRotation() {
    try (KeyringSealer old = storeKey(key(1));
        KeyringSealer fresh = storeKey("ron-kms/store-key-2", key(9));
        FileKeystoreStore stale = FileKeystoreStore.open(dir, old)) {
      Kms staleKms = kms(stale);
      staleKms.attest(ids.get(0));
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(fresh);
      }
      Map<String, String> rotated = snapshot(dir);
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> staleKms.rotate(ids.get(0)));
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> stale.counters().increment(CONTEXT));
      assertEquals(rotated, snapshot(dir));
    }
  }

  private void assertWorks(Kms kms) {
    assertEquals(ids, kms.list());
    for (int i = 0; i < KEYS; i++) {
      assertTrue(kms.verify(signatures.get(i), MESSAGE));
      Signed now = kms.sign(ids.get(i), MESSAGE);
      assertTrue(kms.verify(now, MESSAGE));
    }
    KeyId extra = kms.rotate(ids.get(0));
    assertTrue(kms.verify(kms.sign(ids.get(0), MESSAGE), MESSAGE));
    kms.destroy(extra.withVersion(extra.version() - 1));
  }
}
