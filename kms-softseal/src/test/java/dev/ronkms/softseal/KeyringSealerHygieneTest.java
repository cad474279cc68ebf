package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.REFERENCE;
import static dev.ronkms.softseal.SealTesting.assertCode;
import static dev.ronkms.softseal.SealTesting.key;
import static dev.ronkms.softseal.SealTesting.keyring;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.PrivateKeyHandle;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link KeyringSealer} on what a round trip does not show: key copies and refused plaintext
 * are zeroised, {@code close()} destroys every version and wins over a call under way, null
 * associated data is refused, and the head skips disabled versions.
 */
class KeyringSealerHygieneTest {
  private static final byte[] AAD = "ctx".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECRET = "the secret".getBytes(StandardCharsets.UTF_8);

  private static KeyringSealer.Builder recorded(RecordingProvider p, AntiRollback policy,
      int versions) {
    KeyringSealer.Builder b = KeyringSealer.builder(REFERENCE).provider(p).antiRollback(policy);
    for (int v = 1; v <= versions; v++) {
      b.addVersion(key(v));
    }
    return b;
  }

  @Test
  void thePlaintextARollbackRefusesIsZeroised() {
    RecordingProvider p = new RecordingProvider();
    try (KeyringSealer sealer = recorded(p, AntiRollback.counter(), 1).build()) {
      byte[] old = sealer.seal(SECRET, AAD);
      byte[] newer = sealer.seal(SECRET, AAD);
      assertArrayEquals(SECRET, sealer.open(newer, AAD));
      assertCode(ErrorCode.ROLLBACK, () -> sealer.open(old, AAD));
      assertEquals(2, p.decrypted.size());
      assertArrayEquals(SECRET, p.decrypted.get(0), "what open returned is the caller's");
      byte[] refused = p.decrypted.get(1);
      assertEquals(SECRET.length, refused.length);
      assertTrue(RecordingProvider.zero(refused), "refused plaintext left in memory");
    }
  }

  @Test
  void theKeyCopiesGivenToTheProviderAreZeroisedAndTheBuilderCannotBuildAgain() {
    RecordingProvider p = new RecordingProvider();
    KeyringSealer.Builder b = recorded(p, AntiRollback.counter(), 2);
    try (KeyringSealer sealer = b.build()) {
      assertEquals(2, p.importedKeys.size());
      p.importedKeys.forEach(k -> assertTrue(RecordingProvider.zero(k), "key copy kept"));
      assertArrayEquals(SECRET, sealer.open(sealer.seal(SECRET, AAD), AAD));
    }
    // the copies are gone: a second build has no versions rather than all-zero keys
    assertCode(ErrorCode.INVALID_ARGUMENT, b::build);
    assertEquals(2, p.importedKeys.size());
  }

  @Test
  void aFailedImportClosesTheHandlesAlreadyMadeAndZeroisesEveryCopy() {
    RecordingProvider p = new RecordingProvider();
    p.failImportAt = 1;
    KeyringSealer.Builder b = recorded(p, AntiRollback.counter(), 3);
    assertThrows(IllegalStateException.class, b::build);
    assertEquals(1, p.handles.size());
    assertTrue(p.handles.get(0).isDestroyed(), "the first version's handle leaked");
    p.importedKeys.forEach(k -> assertTrue(RecordingProvider.zero(k)));
  }

  @Test
  void aKeyringWithEveryVersionDisabledClosesItsHandles() {
    RecordingProvider p = new RecordingProvider();
    KeyringSealer.Builder b = recorded(p, AntiRollback.counter(), 2).disable(1).disable(2);
    assertCode(ErrorCode.INVALID_ARGUMENT, b::build);
    assertEquals(2, p.handles.size());
    p.handles.forEach(h -> assertTrue(h.isDestroyed(), "a handle leaked"));
    p.importedKeys.forEach(k -> assertTrue(RecordingProvider.zero(k)));
  }

  @SuppressWarnings("unchecked")
  @Test
  void disablingAVersionNeverAddedZeroisesTheCopiesBeforeRefusing() throws Exception {
    KeyringSealer.Builder b = KeyringSealer.builder(REFERENCE).addVersion(key(1))
        .addVersion(key(2)).disable(3);
    Field field = KeyringSealer.Builder.class.getDeclaredField("keys");
    field.setAccessible(true);
    List<byte[]> keys = (List<byte[]>) field.get(b);
    List<byte[]> copies = new ArrayList<>(keys);
    assertEquals(2, copies.size());
    assertCode(ErrorCode.INVALID_ARGUMENT, b::build);
    copies.forEach(k -> assertTrue(RecordingProvider.zero(k), "key copy kept after refusal"));
    assertTrue(keys.isEmpty(), "zeroised copies still listed as versions");
  }

  @Test
  void closeDestroysEveryVersionAndLaterCallsAreClosed() {
    RecordingProvider p = new RecordingProvider();
    KeyringSealer sealer = recorded(p, AntiRollback.counter(), 3).disable(2).build();
    byte[] sealed = sealer.seal(SECRET, AAD);
    sealer.close();
    assertEquals(3, p.handles.size());
    p.handles.forEach(h -> assertTrue(h.isDestroyed(), "a version survived close()"));
    assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));
    assertCode(ErrorCode.CLOSED, () -> sealer.open(sealed, AAD));
    assertCode(ErrorCode.CLOSED, () -> sealer.keyCheckValue(1));
    sealer.close(); // idempotent
  }

  @Test
  void closedIsRefusedEvenWhenTheProviderHandlesOutliveClose() {
    RecordingProvider p = new RecordingProvider();
    p.undyingHandles = true;
    KeyringSealer sealer = recorded(p, AntiRollback.counter(), 1).build();
    byte[] sealed = sealer.seal(SECRET, AAD);
    sealer.close();
    assertFalse(p.handles.get(0).isDestroyed(), "the test's handles ignore close()");
    assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));
    assertCode(ErrorCode.CLOSED, () -> sealer.open(sealed, AAD));
    p.handles.forEach(PrivateKeyHandle::close);
  }

  @Test
  void aCloseDuringACallIsReportedAsClosedAndADestroyedHandleAloneIsNot() {
    RecordingProvider p = new RecordingProvider();
    KeyringSealer sealer = recorded(p, AntiRollback.disabled(), 1).build();
    p.beforeCall = h -> sealer.close();
    assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));

    RecordingProvider q = new RecordingProvider();
    KeyringSealer open = recorded(q, AntiRollback.disabled(), 1).build();
    byte[] mine = open.seal(SECRET, AAD);
    q.beforeCall = PrivateKeyHandle::close; // the handle dies, the keyring is not closed
    assertCode(ErrorCode.VERSION_DESTROYED, () -> open.open(mine, AAD));
    assertCode(ErrorCode.VERSION_DESTROYED, () -> open.seal(SECRET, AAD));
    open.close();
  }

  @Test
  void aCloseDuringAnOpenIsReportedAsClosed() {
    RecordingProvider p = new RecordingProvider();
    KeyringSealer sealer = recorded(p, AntiRollback.counter(), 1).build();
    byte[] sealed = sealer.seal(SECRET, AAD);
    p.beforeCall = h -> sealer.close();
    assertCode(ErrorCode.CLOSED, () -> sealer.open(sealed, AAD));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void nullAssociatedDataIsAnInvalidArgument(Algorithm algorithm) {
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1);
        KeyringSealer off = keyring(algorithm, AntiRollback.disabled(), 1)) {
      byte[] sealed = sealer.seal(SECRET, AAD);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.seal(SECRET, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.open(sealed, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> off.seal(SECRET, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> off.open(off.seal(SECRET, AAD), null));
      assertArrayEquals(SECRET, sealer.open(sealer.seal(SECRET, new byte[0]), new byte[0]));
    }
  }

  @Test
  void anEnvelopeOfAnotherReferenceOrAlgorithmIsTampered() {
    try (KeyringSealer aes = keyring(Algorithm.AES_256_GCM, AntiRollback.disabled(), 1);
        KeyringSealer chacha = keyring(Algorithm.CHACHA20_POLY1305, AntiRollback.disabled(), 1);
        KeyringSealer renamed = KeyringSealer.builder(REFERENCE + "2")
            .antiRollback(AntiRollback.disabled()).addVersion(key(1)).build()) {
      byte[] sealed = aes.seal(SECRET, AAD);
      assertCode(ErrorCode.TAMPERED, () -> chacha.open(sealed, AAD));
      assertCode(ErrorCode.TAMPERED, () -> renamed.open(sealed, AAD));
      assertCode(ErrorCode.TAMPERED, () -> aes.open(chacha.seal(SECRET, AAD), AAD));
      assertArrayEquals(SECRET, aes.open(sealed, AAD));
    }
  }

  @Test
  void theHeadIsTheNewestEnabledVersion() {
    try (KeyringSealer last = KeyringSealer.builder(REFERENCE).addVersion(key(1))
        .addVersion(key(2)).addVersion(key(3)).disable(3).build();
        KeyringSealer first = KeyringSealer.builder(REFERENCE).addVersion(key(1))
            .addVersion(key(2)).disable(2).build();
        KeyringSealer onlyFirst = KeyringSealer.builder(REFERENCE).addVersion(key(1))
            .addVersion(key(2)).addVersion(key(3)).disable(2).disable(3).build();
        KeyringSealer middle = KeyringSealer.builder(REFERENCE).addVersion(key(1))
            .addVersion(key(2)).addVersion(key(3)).disable(2).build()) {
      assertEquals(2, last.headVersion());
      assertEquals(REFERENCE + "/v2", last.keyReference());
      assertEquals(1, first.headVersion());
      assertEquals(1, onlyFirst.headVersion());
      assertEquals(3, middle.headVersion());
      assertCode(ErrorCode.VERSION_DISABLED,
          () -> middle.open(last.seal(SECRET, AAD), AAD));
    }
  }
}
