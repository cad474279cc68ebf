package dev.ronkms.filestore;

import static dev.ronkms.filestore.StoreFixture.assertCode;
import static dev.ronkms.filestore.StoreFixture.key;
import static dev.ronkms.filestore.StoreFixture.storeKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.softseal.KeyringSealer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreHeader} byte by byte: every field {@code parse} checks, checks that open to the
 * wrong store id, long and unprintable key references, and the limit on keys in use.
 */
class StoreHeaderFormatTest {
  private static final byte[] ID = new byte[16];

  static {
    Arrays.fill(ID, (byte) 7);
  }

  /** The header bytes for the given fields, with a correct digest. */
  private static byte[] header(byte[] magic, int format, byte[] id, int state, int count,
      List<byte[]> checks, byte[] trailing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(magic);
    out.write(format);
    out.writeBytes(id);
    out.write(state);
    out.write(count);
    checks.forEach(out::writeBytes);
    out.writeBytes(trailing);
    out.writeBytes(StoreHeader.sha256(out.toByteArray()));
    return out.toByteArray();
  }

  private static byte[] check(String reference, byte[] sealed, int length) {
    byte[] ref = reference.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + ref.length + 4 + sealed.length).putShort((short) ref.length)
        .put(ref).putInt(length).put(sealed).array();
  }

  private static byte[] magic() {
    return "RKFS".getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] valid(int state, int count, List<byte[]> checks) {
    return header(magic(), 1, ID, state, count, checks, new byte[0]);
  }

  private static void corrupt(byte[] bytes) {
    assertCode(ErrorCode.CORRUPT_RECORD, () -> StoreHeader.parse(bytes));
  }

  @Test
  void everyFieldParseChecksIsCorruptWhenWrong() {
    byte[] one = check("k", new byte[] {1, 2, 3}, 3);
    assertEquals("StoreHeader[keys k]", StoreHeader.parse(valid(0, 1, List.of(one)))
        .toString());
    assertTrue(StoreHeader.parse(valid(1, 2, List.of(one, check("j", new byte[1], 1))))
        .rotating());
    assertFalse(StoreHeader.parse(valid(0, 1, List.of(one))).rotating());
    corrupt(header("RKFX".getBytes(StandardCharsets.US_ASCII), 1, ID, 0, 1, List.of(one),
        new byte[0]));
    corrupt(header(magic(), 2, ID, 0, 1, List.of(one), new byte[0]));
    corrupt(valid(2, 1, List.of(one)));
    corrupt(valid(0, 0, List.of()));
    corrupt(valid(0, 2, List.of(one, one)));
    corrupt(valid(1, 9, List.of(one, one, one, one, one, one, one, one, one)));
    StoreHeader eight = StoreHeader.parse(valid(1, 8, List.of(one, one, one, one, one, one,
        one, one)));
    assertTrue(eight.rotating());
    corrupt(valid(0, 1, List.of(check("k", new byte[0], 0))));
    corrupt(valid(0, 1, List.of(check("k", new byte[3], 4))));
    StoreHeader.parse(valid(0, 1, List.of(check("k", new byte[1], 1))));
    corrupt(header(magic(), 1, ID, 0, 1, List.of(one), new byte[] {0}));
    corrupt(valid(0, 1, List.of(Arrays.copyOf(one, one.length - 1))));
  }

  @Test
  void aCheckThatOpensToAnotherStoreIdIsAMismatch() {
    try (KeyringSealer k = storeKey(key(1))) {
      StoreKeyChain keys = new StoreKeyChain(k, List.of());
      String ref = keys.reference();
      byte[] other = ID.clone();
      other[0] ^= 1;
      byte[] sealed = k.seal(other, Aad.of(Aad.CHECK, ID, ref));
      StoreHeader h = StoreHeader.parse(valid(0, 1, List.of(check(ref, sealed,
          sealed.length))));
      KmsException e = assertThrows(KmsException.class, () -> h.verify(keys, "here"));
      assertEquals(ErrorCode.STORE_KEY_MISMATCH, e.code());
      assertFalse(e.getMessage().contains("rotation"), e.getMessage());
      byte[] right = k.seal(ID, Aad.of(Aad.CHECK, ID, ref));
      StoreHeader.parse(valid(0, 1, List.of(check(ref, right, right.length)))).verify(keys, "x");
    }
  }

  @Test
  void aClosedKeyIsClosedNotAMismatch() {
    KeyringSealer k = storeKey(key(2));
    StoreKeyChain keys = new StoreKeyChain(k, List.of());
    StoreHeader h = StoreHeader.create(keys);
    h.verify(keys, "here");
    k.close();
    assertCode(ErrorCode.CLOSED, () -> h.verify(keys, "here"));
  }

  @Test
  void storeIdsAreRandomAndRotationKeepsOneCheckPerKeyUpToEight() {
    try (KeyringSealer a = storeKey(key(3))) {
      StoreKeyChain keys = new StoreKeyChain(a, List.of());
      StoreHeader h = StoreHeader.create(keys);
      assertFalse(Arrays.equals(h.storeId(), StoreHeader.create(keys).storeId()));
      assertFalse(Arrays.equals(new byte[16], h.storeId()));
      assertTrue(h.lists(keys.reference()));
      assertFalse(h.lists(keys.reference() + "x"));
      StoreHeader again = h.rotatingTo(keys);
      assertTrue(again.rotating());
      assertEquals("StoreHeader[rotating, keys " + keys.reference() + "]", again.toString());
      StoreHeader more = h;
      for (int i = 2; i <= 8; i++) {
        more = more.rotatingTo(new StoreKeyChain(storeKey("ref" + i, key(i)), List.of()));
      }
      StoreHeader full = StoreHeader.parse(more.toByteArray());
      assertTrue(full.lists("ref8/v1"));
      assertCode(ErrorCode.INVALID_ARGUMENT,
          () -> full.rotatingTo(new StoreKeyChain(storeKey("ref9", key(9)), List.of())));
      StoreHeader settled = full.settledOn(keys);
      assertFalse(settled.rotating());
      assertFalse(settled.lists("ref8/v1"));
    }
  }

  @Test
  void longAndUnprintableReferencesSurviveTheBytesAndAreCleanedInMessages() {
    String longRef = "r".repeat(300);
    try (KeyringSealer a = storeKey(longRef, key(4));
        KeyringSealer b = storeKey("b\u0001\u007f~ \u00e9", key(5))) {
      StoreKeyChain longKeys = new StoreKeyChain(a, List.of());
      StoreHeader h = StoreHeader.parse(StoreHeader.create(longKeys).toByteArray());
      assertTrue(h.lists(longRef + "/v1"));
      h.verify(longKeys, "x");
      assertEquals("StoreHeader[keys " + "r".repeat(80) + "]", h.toString());

      StoreKeyChain odd = new StoreKeyChain(b, List.of());
      StoreHeader rotating = StoreHeader.parse(h.rotatingTo(odd).toByteArray());
      assertEquals("StoreHeader[rotating, keys " + "r".repeat(80) + ", b??~ ?/v1]",
          rotating.toString());
      try (KeyringSealer c = storeKey("c", key(6))) {
        KmsException e = assertThrows(KmsException.class,
            () -> rotating.verify(new StoreKeyChain(c, List.of()), "at dir"));
        assertEquals(ErrorCode.STORE_KEY_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("r".repeat(80) + " and b??~ ?/v1"), e.getMessage());
        assertTrue(e.getMessage().contains("rotation is in progress"), e.getMessage());
        assertTrue(e.getMessage().contains("at dir"), e.getMessage());
      }
    }
  }
}
