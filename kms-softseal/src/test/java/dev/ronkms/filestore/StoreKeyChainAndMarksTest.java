package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.spi.Sealer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreKeyChain}'s idea of "this key does not open it" against a broken key, its refusal
 * of stamping store keys, and {@link RollbackMarks} at its boundaries.
 */
class StoreKeyChainAndMarksTest {
  private static final byte[] AAD = {1, 2, 3};
  private static final KeyId ID = KeyId.of("acme", "marks", Algorithm.ED25519, new UUID(3, 4));

  @Test
  void onlyNotOpeningErrorsFallThroughToTheNextKey() {
    assertTrue(StoreKeyChain.notOpenedBy(ErrorCode.TAMPERED));
    assertTrue(StoreKeyChain.notOpenedBy(ErrorCode.VERSION_NOT_FOUND));
    assertTrue(StoreKeyChain.notOpenedBy(ErrorCode.VERSION_DISABLED));
    assertFalse(StoreKeyChain.notOpenedBy(ErrorCode.CLOSED));
    assertFalse(StoreKeyChain.notOpenedBy(ErrorCode.ROLLBACK));
    assertFalse(StoreKeyChain.notOpenedBy(ErrorCode.STORE_KEY_MISMATCH));
  }

  @Test
  void theChainOpensWithAnOlderKeyButAClosedKeyIsClosed() {
    KeyringSealer oldKey = storeKey("old", key(1));
    KeyringSealer newKey = storeKey("new", key(2));
    KeyringSealer twoVersions = storeKey("old", key(1), key(3));
    StoreKeyChain chain = new StoreKeyChain(oldKey, List.of()).sealingWith(newKey);
    assertSame(newKey, chain.sealer());
    byte[] underOld = oldKey.seal(new byte[] {9}, AAD);
    byte[] underV2 = twoVersions.seal(new byte[] {8}, AAD);
    assertArrayEquals(new byte[] {9}, chain.open(underOld, AAD));
    assertArrayEquals(new byte[] {9}, new StoreKeyChain(newKey, List.of(oldKey, newKey))
        .open(underOld, AAD));
    // "old" has no v2: VERSION_NOT_FOUND from it, TAMPERED from "new": not opened by the chain
    assertCode(ErrorCode.TAMPERED, () -> chain.open(underV2, AAD));
    oldKey.close(); // "new" does not open it (TAMPERED), then "old" is closed: CLOSED, not TAMPERED
    assertCode(ErrorCode.CLOSED, () -> chain.open(underOld, AAD));
    newKey.close();
    twoVersions.close();
  }

  @Test
  void aStoreKeyMustNotStampItsEnvelopes() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeyChain.requireUnstamped(null));
    try (KeyringSealer counting = KeyringSealer.builder("k").addVersion(key(4))
        .antiRollback(AntiRollback.counter()).build();
        KeyringSealer plain = storeKey(key(5))) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> StoreKeyChain.requireUnstamped(counting));
      assertSame(plain, StoreKeyChain.requireUnstamped(plain));
    }
    Sealer own = new Sealer() {
      @Override
      public String algorithm() {
        return "own";
      }

      @Override
      public String keyReference() {
        return "own/v1";
      }

      @Override
      public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return new byte[] {0};
      }

      @Override
      public byte[] open(byte[] sealed, byte[] associatedData) {
        return new byte[0];
      }
    };
    assertSame(own, StoreKeyChain.requireUnstamped(own), "a foreign format is not checked");
  }

  @Test
  void rollbackMarksRefuseOlderRevisionsAndRetiredIncarnationsOnly() {
    RollbackMarks marks = new RollbackMarks();
    marks.check(ID, 5, 1); // nothing seen: anything goes
    marks.admit(ID, 5, 3);
    marks.check(ID, 5, 3); // the same revision again is no rollback
    marks.check(ID, 5, 4);
    assertCode(ErrorCode.ROLLBACK, () -> marks.check(ID, 5, 2));
    marks.admit(ID, 5, 2); // an admit never lowers the mark
    assertCode(ErrorCode.ROLLBACK, () -> marks.check(ID, 5, 2));
    marks.admit(ID, 6, 1); // a new incarnation retires the old one
    marks.check(ID, 6, 1);
    assertCode(ErrorCode.ROLLBACK, () -> marks.check(ID, 5, 9));
    marks.retire(ID, 6);
    assertCode(ErrorCode.ROLLBACK, () -> marks.check(ID, 6, 1));
    marks.check(ID, 7, 1);

    RollbackMarks fresh = new RollbackMarks();
    KeyId other = KeyId.of("acme", "other", Algorithm.ED25519, new UUID(5, 6));
    fresh.retire(other, 2); // retiring what was never admitted
    assertCode(ErrorCode.ROLLBACK, () -> fresh.check(other, 2, 100));
    fresh.check(other, 3, 1);
  }
}
