package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.create;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.kms;
import static dev.ronkms.filestore.StoreFixture.storeKey;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.softseal.KeyringSealer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record file is bound to its store: a copy into another store under the same store key fails. */
class StoreIdBindingTest {
  @TempDir
  Path one;
  @TempDir
  Path two;

  @Test
  void aRecordFileCopiedIntoAnotherStoreOfTheSameKeyDoesNotOpen() throws Exception {
    try (KeyringSealer key = storeKey(key(5));
        FileKeystoreStore source = create(one, key);
        FileKeystoreStore target = create(two, key)) {
      Kms kms = kms(source);
      KeyId id = kms.create("acme", "moved", Algorithm.ED25519).unversioned();
      Files.copy(StoreFixture.keyFile(one, id), StoreFixture.keyFile(two, id));
      assertCode(ErrorCode.TAMPERED, () -> target.load(id));
    }
  }
}
