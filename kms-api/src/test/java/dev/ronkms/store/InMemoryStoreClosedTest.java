package dev.ronkms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.TestProvider;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * After {@link InMemoryKeystoreStore#close()} a save is {@code CLOSED} before its arguments are
 * judged: a revision that does not follow the expected one is {@code CLOSED} too, not
 * {@code INVALID_ARGUMENT} (kms-tests' StoreContractTest covers the rest of a closed store).
 */
class InMemoryStoreClosedTest {
  static final KeyId ID = KeyId.of("acme", "closed", Algorithm.ED25519, new UUID(3, 9));

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  @Test
  void aClosedStoreSaysClosedBeforeItJudgesTheRevision() {
    byte[] pk = new byte[32];
    pk[0] = 1;
    KeyRecord r = KeyRecord.of(ID, "t", 1, 1, 1, List.of(new KeyVersion(1,
        VersionState.ENABLED, Instant.EPOCH, pk, TestProvider.unboundSeed(pk, "t"))));
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.save(r, 5)); // while open
    store.close();
    assertCode(ErrorCode.CLOSED, () -> store.save(r, 5));
    assertCode(ErrorCode.CLOSED, () -> store.save(r, -1));
    assertCode(ErrorCode.CLOSED, () -> store.save(r, 0));
    assertFalse(r.version(1).handle().orElseThrow().isDestroyed(),
        "the refused record is not touched");
  }
}
