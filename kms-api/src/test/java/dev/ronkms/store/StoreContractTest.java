package dev.ronkms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Fingerprint;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The store contract as the in-memory store keeps it, and the record checks a store relies on
 * when it reads a record back: after close every call is CLOSED and nothing more is stored; a
 * record without versions or holding a private key of another algorithm is corrupt.
 */
class StoreContractTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final KeyId ID = KeyId.of("acme", "contract", Algorithm.ED25519, new UUID(3, 4));

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  static byte[] pk(int n) {
    byte[] pk = new byte[32];
    pk[0] = (byte) n;
    pk[31] = (byte) 0x5a;
    return pk;
  }

  static KeyRecord record(KeyId id) {
    KeyVersion v1 = new KeyVersion(1, VersionState.ENABLED, T0, pk(1),
        TestProvider.unboundSeed(pk(1), "t"));
    return KeyRecord.of(id, "t", 1, 1, 1, List.of(v1));
  }

  @Test
  void aClosedStoreRefusesEveryCallAndStoresNothing() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    KeyRecord kept = record(ID);
    store.save(kept, 0);
    String open = store.toString();
    store.close();
    KeyRecord late = record(KeyId.of("acme", "late", Algorithm.ED25519, new UUID(3, 5)));
    assertCode(ErrorCode.CLOSED, () -> store.load(ID));
    assertCode(ErrorCode.CLOSED, () -> store.save(late, 0));
    assertCode(ErrorCode.CLOSED, store::list);
    assertCode(ErrorCode.CLOSED, () -> store.delete(ID));
    assertFalse(late.version(1).handle().orElseThrow().isDestroyed(),
        "a refused save does not touch the caller's record");
    assertTrue(kept.version(1).handle().orElseThrow().isDestroyed());
    assertNotEquals(open, store.toString(), "toString tells a closed store from an open one");
    assertTrue(open.contains("1 keys"), open);
    assertTrue(store.toString().contains("closed"), store.toString());
  }

  @Test
  void listIsSortedWhateverTheInsertionOrder() {
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    java.util.Random random = new java.util.Random(99);
    List<KeyId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      KeyId id = KeyId.of("t" + random.nextInt(5), "p" + random.nextInt(5), Algorithm.ED25519,
          new UUID(random.nextLong(), random.nextLong()));
      ids.add(id);
      store.save(record(id), 0);
    }
    ids.sort(null);
    assertEquals(ids, store.list());
    store.close();
  }

  @Test
  void aRecordNeedsVersions() {
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(ID, "t", 1, 1, 1, null));
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(ID, "t", 1, 1, 1, List.of()));
  }

  @Test
  void aPrivateKeyOfAnotherAlgorithmIsCorrupt() {
    PrivateKeyHandle real = TestProvider.unboundSeed(pk(1), "t");
    PrivateKeyHandle otherAlgorithm = new PrivateKeyHandle() {
      @Override
      public String provider() {
        return "t";
      }

      @Override
      public Algorithm algorithm() {
        return null; // not ED25519: the only other answer a handle can give today
      }

      @Override
      public byte[] publicKey() {
        return real.publicKey();
      }

      @Override
      public boolean isDestroyed() {
        return false;
      }

      @Override
      public void close() {
        real.close();
      }
    };
    KeyVersion v1 = new KeyVersion(1, VersionState.ENABLED, T0, pk(1), otherAlgorithm);
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(ID, "t", 1, 1, 1, List.of(v1)));
    KeyRecord.of(ID, "t", 1, 1, 1,
        List.of(new KeyVersion(1, VersionState.ENABLED, T0, pk(1), real)));
  }

  @Test
  void aVersionShowsItsFingerprintAndNoKeyMaterial() {
    KeyVersion withKey = new KeyVersion(2, VersionState.ENABLED, T0, pk(2),
        TestProvider.unboundSeed(pk(2), "t"));
    KeyVersion bare = new KeyVersion(2, VersionState.DISABLED, T0, pk(2), null);
    assertEquals(Fingerprint.sha256(pk(2)), withKey.fingerprint());
    assertNotEquals(withKey.fingerprint(), new KeyVersion(1, VersionState.ENABLED, T0, pk(1),
        null).fingerprint());
    assertEquals("KeyVersion[v2, ENABLED, created " + T0 + ", " + withKey.fingerprint() + "]",
        withKey.toString());
    assertEquals("KeyVersion[v2, DISABLED, created " + T0 + ", " + bare.fingerprint()
        + ", no private key]", bare.toString());
    assertFalse(withKey.toString().contains(HexFormat.of().formatHex(pk(2))));
  }
}
