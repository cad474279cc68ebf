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

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.RollbackContext;
import dev.ronkms.softseal.KeyringSealer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DataKey}: random, checked for length, closed with its sealer; and a store-key rotation
 * step limited to n files rewraps exactly the first n (keys before counters, by name) and
 * settles the header only when every file is done.
 */
class DataKeyAndRotationStepTest {
  private static final byte[] AAD = {4, 5, 6};

  @TempDir
  Path dir;

  @Test
  void freshDataKeysAreRandomAndEachOpensOnlyItsOwnEnvelopes() {
    try (KeyringSealer store = storeKey(key(1))) {
      StoreKeyChain keys = new StoreKeyChain(store, List.of());
      try (DataKey a = DataKey.fresh(keys, AAD); DataKey b = DataKey.fresh(keys, AAD)) {
        byte[] rawA = keys.open(a.sealedKey(), AAD);
        assertEquals(32, rawA.length);
        assertFalse(Arrays.equals(new byte[32], rawA), "an all-zero data key");
        assertFalse(Arrays.equals(rawA, keys.open(b.sealedKey(), AAD)));
        byte[] sealed = a.sealer().seal(new byte[] {1}, AAD);
        assertArrayEquals(new byte[] {1}, a.open(sealed, AAD));
        assertCode(ErrorCode.TAMPERED, () -> b.open(sealed, AAD));
        try (DataKey again = DataKey.open(a.sealedKey(), keys, AAD)) {
          assertArrayEquals(new byte[] {1}, again.open(sealed, AAD));
        }
      }
    }
  }

  @Test
  void aSealedDataKeyOfTheWrongLengthIsTamperedAndAClosedKeyIsClosed() {
    try (KeyringSealer store = storeKey(key(2))) {
      StoreKeyChain keys = new StoreKeyChain(store, List.of());
      assertCode(ErrorCode.TAMPERED, () -> DataKey.open(keys.seal(new byte[31], AAD), keys, AAD));
      assertCode(ErrorCode.TAMPERED, () -> DataKey.open(keys.seal(new byte[33], AAD), keys, AAD));
      DataKey a = DataKey.fresh(keys, AAD);
      byte[] sealed = a.sealer().seal(new byte[] {2}, AAD);
      a.close();
      assertCode(ErrorCode.CLOSED, () -> a.open(sealed, AAD));
      assertCode(ErrorCode.CLOSED, () -> a.sealer().seal(new byte[] {2}, AAD));
    }
  }

  @Test
  void aLimitOfZeroStopsBeforeTheCountersOfAStoreWithoutKeys() {
    try (KeyringSealer old = storeKey(key(1));
        KeyringSealer fresh = storeKey("ron-kms/store-key-2", key(9))) {
      try (FileKeystoreStore store = create(dir, old)) {
        store.counters().increment(RollbackContext.of("ctx", new byte[1]));
      }
      Map<String, String> before = snapshot(dir);
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(fresh, 0);
      }
      Map<String, String> after = snapshot(dir);
      before.keySet().stream().filter(f -> f.startsWith("counters"))
          .forEach(f -> assertEquals(before.get(f), after.get(f), f));
      assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, fresh));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void aLimitedRotationStepRewrapsExactlyTheFirstFiles(int limit) {
    try (KeyringSealer old = storeKey(key(1));
        KeyringSealer fresh = storeKey("ron-kms/store-key-2", key(9))) {
      try (FileKeystoreStore store = create(dir, old)) {
        store.counters().increment(RollbackContext.of("ctx", new byte[1]));
        store.counters().increment(RollbackContext.of("ctx", new byte[2]));
        Kms kms = kms(store);
        kms.create("acme", "b", Algorithm.ED25519);
        kms.create("acme", "a", Algorithm.ED25519);
        kms.close();
      }
      Map<String, String> before = snapshot(dir);
      List<String> dataFiles = new ArrayList<>();
      before.keySet().stream().filter(f -> f.startsWith("keys")).sorted()
          .forEach(dataFiles::add);
      before.keySet().stream().filter(f -> f.startsWith("counters")).sorted()
          .forEach(dataFiles::add);
      assertEquals(4, dataFiles.size(), before.keySet().toString());
      try (FileKeystoreStore store = FileKeystoreStore.open(dir, old)) {
        store.rotateStoreKey(fresh, limit);
      }
      Map<String, String> after = snapshot(dir);
      List<String> changed = new ArrayList<>();
      for (String f : dataFiles) {
        if (!before.get(f).equals(after.get(f))) {
          changed.add(f);
        }
      }
      assertEquals(dataFiles.subList(0, limit), changed);
      if (limit == dataFiles.size()) {
        FileKeystoreStore.open(dir, fresh).close(); // settled on the new key alone
      } else {
        assertCode(ErrorCode.STORE_KEY_MISMATCH, () -> FileKeystoreStore.open(dir, fresh));
        FileKeystoreStore.builder(dir, fresh).previousStoreKey(old).build().close();
      }
    }
  }
}
