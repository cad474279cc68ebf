package dev.ronkms.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestAeadProvider;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.spi.TestSealer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link KeyRecordCodec}: every record round-trips with its whole history; a previous record's
 * live handles are reused; every malformed input is {@code CORRUPT_RECORD} (a sealed key that
 * does not open is the sealer's {@code TAMPERED}), and a failed decode closes every handle it
 * opened and none it reused.
 */
class KeyRecordCodecTest {
  static final KeyId ID = KeyId.of("acme", "codec", Algorithm.ED25519, new UUID(7, 8));
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456789Z");
  static final byte[] MSG = "codec".getBytes(StandardCharsets.UTF_8);

  private final TestProvider provider = new TestProvider("t");
  private final TestSealer sealer = new TestSealer("codec-test");

  private KeyProvider lookup(String name, Algorithm algorithm) {
    assertEquals("t", name);
    assertEquals(ID.algorithm(), algorithm);
    return provider;
  }

  private KeyVersion live(int n, VersionState state) {
    PrivateKeyHandle h = provider.generate(Algorithm.ED25519);
    return new KeyVersion(n, state, T0.plusSeconds(n), h.publicKey(), h);
  }

  private static KeyVersion tombstone(int n) {
    byte[] pk = new byte[32];
    pk[0] = (byte) n;
    return new KeyVersion(n, VersionState.DESTROYED, T0.plusSeconds(n), pk, null);
  }

  /** v1 destroyed, v2 disabled, v3 the head, v4 pending; min v2; revision 7. */
  private KeyRecord history(ExportPolicy policy) {
    return KeyRecord.of(ID, "t", 7, 3, 2, List.of(tombstone(1), live(2, VersionState.DISABLED),
        live(3, VersionState.ENABLED), live(4, VersionState.PENDING)), policy);
  }

  static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  private void assertCorrupt(byte[] encoded) {
    assertCode(ErrorCode.CORRUPT_RECORD,
        () -> KeyRecordCodec.decode(encoded, this::lookup, sealer, null));
  }

  private static void assertSameState(KeyRecord expected, KeyRecord actual) {
    assertEquals(expected.id(), actual.id());
    assertEquals(expected.provider(), actual.provider());
    assertEquals(expected.revision(), actual.revision());
    assertEquals(expected.head(), actual.head());
    assertEquals(expected.minVerifyVersion(), actual.minVerifyVersion());
    assertEquals(expected.exportPolicy(), actual.exportPolicy());
    assertEquals(expected.latest(), actual.latest());
    for (KeyVersion e : expected.versions()) {
      KeyVersion a = actual.version(e.number());
      assertEquals(e.state(), a.state());
      assertEquals(e.createdAt(), a.createdAt(), "nanoseconds survive");
      assertArrayEquals(e.publicKey(), a.publicKey());
      assertEquals(e.handle().isPresent(), a.handle().isPresent());
    }
  }

  @Test
  void aWholeHistoryRoundTripsWithItsKeys() {
    for (ExportPolicy policy : ExportPolicy.values()) {
      KeyRecord record = history(policy);
      byte[] encoded = KeyRecordCodec.encode(record, provider, sealer);
      KeyRecord back = KeyRecordCodec.decode(encoded, this::lookup, sealer, null);
      assertSameState(record, back);
      for (int v = 2; v <= 4; v++) {
        PrivateKeyHandle before = record.version(v).handle().orElseThrow();
        PrivateKeyHandle after = back.version(v).handle().orElseThrow();
        assertNotSame(before, after, "unsealed afresh");
        assertArrayEquals(provider.sign(before, MSG), provider.sign(after, MSG),
            "the same seed (Ed25519 signatures are deterministic)");
      }
      PlainSealer plain = new PlainSealer();
      assertArrayEquals(KeyRecordCodec.encode(record, provider, plain),
          KeyRecordCodec.encode(back, provider, plain), "byte for byte the same record");
    }
  }

  @Test
  void anAeadKeyRoundTripsThroughItsProvider() {
    TestAeadProvider aead = new TestAeadProvider("aead");
    KeyId id = KeyId.of("acme", "codec", Algorithm.CHACHA20_POLY1305, new UUID(1, 1));
    PrivateKeyHandle h = aead.generate(Algorithm.CHACHA20_POLY1305);
    KeyRecord record = KeyRecord.of(id, "aead", 1, 1, 1, List.of(new KeyVersion(1,
        VersionState.ENABLED, T0, h.publicKey(), h)));
    KeyRecord back = KeyRecordCodec.decode(KeyRecordCodec.encode(record, aead, sealer),
        (name, alg) -> aead, sealer, null);
    assertSameState(record, back);
    assertArrayEquals(h.publicKey(), back.version(1).handle().orElseThrow().publicKey(),
        "the same key check value, so the same key");
  }

  @Test
  void aVerifyOnlyKeyNeedsNoProviderAndNoSealer() {
    KeyRecord record = KeyRecord.of(ID, null, 3, 2, 1, List.of(tombstone(1),
        new KeyVersion(2, VersionState.ENABLED, T0, live(9, VersionState.ENABLED).publicKey(),
            null)));
    KeyRecordCodec.ProviderLookup none = (name, alg) -> {
      throw new AssertionError("a verify-only key has no provider to look up");
    };
    byte[] encoded = KeyRecordCodec.encode(record, null, null);
    KeyRecord back = KeyRecordCodec.decode(encoded, none, null, null);
    assertSameState(record, back);
    assertTrue(back.verifyOnly());
    assertArrayEquals(expectedVerifyOnlyBytes(record, 2), encoded, "the documented layout");
  }

  @Test
  void aFormatOneRecordIsReadWithTheAlgorithmsDefaultOptions() {
    KeyRecord record = KeyRecord.of(ID, null, 3, 2, 1, List.of(tombstone(1),
        new KeyVersion(2, VersionState.ENABLED, T0, live(9, VersionState.ENABLED).publicKey(),
            null)));
    KeyRecord back = KeyRecordCodec.decode(expectedVerifyOnlyBytes(record, 1),
        (name, alg) -> null, null, null);
    assertSameState(record, back);
    assertEquals(KeyOptions.defaults().resolve(Algorithm.ED25519), back.options());
    byte[] badVariant = expectedVerifyOnlyBytes(record, 2);
    int at = 4 + 1 + 2 + ID.format().length() + 2 + 8 + 4 + 4 + 1;
    badVariant[at] = 2; // HEDGED: Ed25519 is deterministic
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecordCodec.decode(badVariant,
        (name, alg) -> null, null, null));
    badVariant[at] = 3; // no such variant
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecordCodec.decode(badVariant,
        (name, alg) -> null, null, null));
    byte[] badMode = expectedVerifyOnlyBytes(record, 2);
    badMode[at + 1] = 1; // REQUIRE on a key that is not composite
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecordCodec.decode(badMode,
        (name, alg) -> null, null, null));
  }

  /** The layout of docs/API.md ("Key record format"), written field by field. */
  private static byte[] expectedVerifyOnlyBytes(KeyRecord r, int format) {
    RecordWriter w = new RecordWriter().i(0x524b5243).b(format).utf(r.id().format()).utf("")
        .l(r.revision()).i(r.head()).i(r.minVerifyVersion()).b(0);
    if (format == 2) {
      w.b(1).b(0); // DETERMINISTIC, no composite mode
    }
    w.i(r.latest());
    for (KeyVersion v : r.versions()) {
      w.i(v.number()).b(v.state().ordinal()).l(v.createdAt().getEpochSecond())
          .i(v.createdAt().getNano()).blob(v.publicKey()).i(0);
    }
    return w.done();
  }

  @Test
  void noPrivateKeyByteIsWrittenUnsealed() {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 0x5a);
    PrivateKeyHandle h = provider.importPrivateKey(Algorithm.ED25519, seed);
    KeyRecord record = KeyRecord.of(ID, "t", 1, 1, 1,
        List.of(new KeyVersion(1, VersionState.ENABLED, T0, h.publicKey(), h)));
    byte[] encoded = KeyRecordCodec.encode(record, provider, sealer);
    for (int i = 0; i + 8 <= encoded.length; i++) {
      assertFalse(Arrays.equals(encoded, i, i + 8, seed, 0, 8), "seed bytes at " + i);
    }
  }

  @Test
  void liveHandlesOfAPreviousRecordAreReused() {
    KeyRecord record = history(ExportPolicy.NOT_EXPORTABLE);
    byte[] encoded = KeyRecordCodec.encode(record, provider, sealer);
    int opensBefore = sealer.opens.get();
    KeyRecord back = KeyRecordCodec.decode(encoded, this::lookup, sealer, record);
    assertEquals(opensBefore, sealer.opens.get(), "nothing unsealed");
    for (int v = 2; v <= 4; v++) {
      assertSame(record.version(v).handle().orElseThrow(), back.version(v).handle().orElseThrow());
    }
    // a closed handle, a version the previous record lacks, or another public key: unsealed
    record.version(2).handle().orElseThrow().close();
    KeyRecord shorter = KeyRecord.of(ID, "t", 6, 3, 2, record.versions().subList(0, 3));
    KeyRecord again = KeyRecordCodec.decode(encoded, this::lookup, sealer, shorter);
    assertNotSame(record.version(2).handle().orElseThrow(),
        again.version(2).handle().orElseThrow());
    assertFalse(again.version(2).handle().orElseThrow().isDestroyed());
    assertSame(record.version(3).handle().orElseThrow(), again.version(3).handle().orElseThrow());
    assertNotSame(record.version(4).handle().orElseThrow(),
        again.version(4).handle().orElseThrow());
    assertEquals(opensBefore + 2, sealer.opens.get());
    KeyRecord other = KeyRecord.of(ID, "t", 1, 1, 1, List.of(live(1, VersionState.ENABLED),
        live(2, VersionState.PENDING)));
    KeyRecord fresh = KeyRecordCodec.decode(encoded, this::lookup, sealer, other);
    assertNotSame(other.version(2).handle().orElseThrow(),
        fresh.version(2).handle().orElseThrow(), "another public key is not reused");
  }

  @Test
  void everyTruncationIsCorruptAndClosesWhatItOpened() {
    KeyRecord record = history(ExportPolicy.EXPORTABLE_SEALED);
    byte[] encoded = KeyRecordCodec.encode(record, provider, sealer);
    int made = provider.made().size();
    for (int n = 0; n < encoded.length; n++) {
      assertCorrupt(Arrays.copyOf(encoded, n));
    }
    List<PrivateKeyHandle> opened = provider.made().subList(made, provider.made().size());
    assertFalse(opened.isEmpty(), "some truncations come after whole keys");
    assertTrue(opened.stream().allMatch(PrivateKeyHandle::isDestroyed), "all closed");
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertCorrupt(longer);
    assertTrue(record.versions().stream().allMatch(v -> v.handle().map(h -> !h.isDestroyed())
        .orElse(true)), "the record's own handles are untouched");
  }

  @Test
  void everyMalformedFieldIsCorrupt() {
    byte[] pk = live(1, VersionState.ENABLED).publicKey();
    assertCorrupt(header(0x524b5244, 1, ID.format(), "", 1, 1, 1, 0, 1).version(1, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 2, ID.format(), "", 1, 1, 1, 0, 1).version(1, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, "acme/codec", "", 1, 1, 1, 0, 1).version(1, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format().replace("ed25519", "rsa"), "", 1, 1, 1, 0,
        1).version(1, 1, pk).done());
    assertCorrupt(header(0x524b5243, 1, ID.withVersion(1).format(), "", 1, 1, 1, 0, 1)
        .version(1, 1, pk).done());
    assertCorrupt(valid().b(0).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 2, 1).version(1, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1).version(1, 4, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 0).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, -1).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, (1 << 20) + 1).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .version(1, 1, Arrays.copyOf(pk, 31)).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .version(1, 1, Arrays.copyOf(pk, 33)).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .i(1).b(1).l(0).i(0).i(-1).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .i(1).b(1).l(Long.MAX_VALUE).i(0).blob(pk).i(0).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 0, 1, 1, 0, 1).version(1, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 2, 1, 0, 1).version(1, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1).version(2, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1).version(0, 1, pk)
        .done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .i(1).b(1).l(0).i(0).blob(pk).i(-1).done());
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .i(1).b(1).l(0).i(0).blob(pk).i(1000).done());
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecordCodec.decode(null, this::lookup,
        sealer, null));
    KeyRecordCodec.decode(valid().done(), this::lookup, sealer, null); // the baseline decodes
  }

  /** A verify-only record with v1 ENABLED, which decodes. */
  private RecordWriter valid() {
    return header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .version(1, 1, live(1, VersionState.ENABLED).publicKey());
  }

  @Test
  void aVerifyOnlyRecordHoldingASealedKeyIsCorrupt() {
    KeyVersion v = live(1, VersionState.ENABLED);
    byte[] sealed = provider.sealPrivateKey(v.handle().orElseThrow(), sealer,
        KeyRecordCodec.keyBinding(ID, 1, v.publicKey()));
    int opens = sealer.opens.get();
    assertCorrupt(header(0x524b5243, 1, ID.format(), "", 1, 1, 1, 0, 1)
        .i(1).b(1).l(0).i(0).blob(v.publicKey()).blob(sealed).done());
    assertEquals(opens, sealer.opens.get(), "refused before anything is unsealed");
  }

  @Test
  void aDestroyedVersionHoldingASealedKeyIsCorruptAndItsKeyClosed() {
    KeyVersion v = live(1, VersionState.ENABLED);
    KeyVersion head = live(2, VersionState.ENABLED);
    byte[] sealed = provider.sealPrivateKey(v.handle().orElseThrow(), sealer,
        KeyRecordCodec.keyBinding(ID, 1, v.publicKey()));
    byte[] headSealed = provider.sealPrivateKey(head.handle().orElseThrow(), sealer,
        KeyRecordCodec.keyBinding(ID, 2, head.publicKey()));
    int made = provider.made().size();
    assertCorrupt(header(0x524b5243, 1, ID.format(), "t", 1, 2, 1, 0, 2)
        .i(1).b(VersionState.DESTROYED.ordinal()).l(0).i(0).blob(v.publicKey()).blob(sealed)
        .i(2).b(1).l(0).i(0).blob(head.publicKey()).blob(headSealed).done());
    List<PrivateKeyHandle> opened = provider.made().subList(made, provider.made().size());
    assertEquals(1, opened.size());
    assertTrue(opened.get(0).isDestroyed());
  }

  @Test
  void aSealedKeyMovedToAnotherVersionOrKeyDoesNotOpen() {
    KeyVersion v1 = live(1, VersionState.DISABLED);
    KeyVersion v2 = live(2, VersionState.ENABLED);
    byte[] s1 = provider.sealPrivateKey(v1.handle().orElseThrow(), sealer,
        KeyRecordCodec.keyBinding(ID, 1, v1.publicKey()));
    byte[] s2 = provider.sealPrivateKey(v2.handle().orElseThrow(), sealer,
        KeyRecordCodec.keyBinding(ID, 2, v2.publicKey()));
    int made = provider.made().size();
    // v2's sealed key under v1's number and public key: the binding differs
    byte[] moved = header(0x524b5243, 1, ID.format(), "t", 1, 2, 1, 0, 2)
        .i(1).b(2).l(0).i(0).blob(v1.publicKey()).blob(s1)
        .i(2).b(1).l(0).i(0).blob(v2.publicKey()).blob(s1).done();
    assertCode(ErrorCode.TAMPERED, () -> KeyRecordCodec.decode(moved, this::lookup, sealer,
        null));
    List<PrivateKeyHandle> opened = provider.made().subList(made, provider.made().size());
    assertEquals(1, opened.size(), "v1 opened before v2 failed");
    assertTrue(opened.get(0).isDestroyed(), "and was closed");
    KeyId other = KeyId.of("acme", "codec", Algorithm.ED25519, new UUID(9, 9));
    byte[] otherKey = header(0x524b5243, 1, other.format(), "t", 1, 1, 1, 0, 1)
        .i(1).b(1).l(0).i(0).blob(v2.publicKey()).blob(s2).done();
    assertCode(ErrorCode.TAMPERED, () -> KeyRecordCodec.decode(otherKey, (n, a) -> provider,
        sealer, null));
    assertCode(ErrorCode.TAMPERED, () -> KeyRecordCodec.decode(otherKey, (n, a) -> provider,
        new TestSealer("codec-test"), null));
  }

  @Test
  void anUnsealedKeyOfTheWrongLengthOrPublicKeyIsCorrupt() {
    KeyVersion v1 = live(1, VersionState.DISABLED);
    KeyVersion v2 = live(2, VersionState.ENABLED);
    PlainSealer plain = new PlainSealer();
    byte[] good = KeyRecordCodec.encode(KeyRecord.of(ID, "t", 1, 2, 1, List.of(v1, v2)),
        provider, plain);
    int made = provider.made().size();
    plain.shortenAfter = 1;
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecordCodec.decode(good, this::lookup, plain,
        null));
    List<PrivateKeyHandle> opened = provider.made().subList(made, provider.made().size());
    assertEquals(1, opened.size());
    assertTrue(opened.get(0).isDestroyed(), "the first key, opened before, was closed");
    // a stored public key that is not the unsealed key's (a sealer that ignores the binding)
    plain.shortenAfter = Integer.MAX_VALUE;
    byte[] swapped = header(0x524b5243, 1, ID.format(), "t", 1, 1, 1, 0, 1)
        .i(1).b(1).l(0).i(0).blob(v2.publicKey())
        .blob(provider.sealPrivateKey(v1.handle().orElseThrow(), plain, new byte[0])).done();
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecordCodec.decode(swapped, this::lookup,
        plain, null));
    assertTrue(provider.made().get(provider.made().size() - 1).isDestroyed());
  }

  @Test
  void aMissingProviderIsProviderNotFound() {
    byte[] encoded = KeyRecordCodec.encode(history(ExportPolicy.NOT_EXPORTABLE), provider,
        sealer);
    assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> KeyRecordCodec.decode(encoded, (n, a) -> {
      throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "no " + n);
    }, sealer, null));
  }

  private static RecordWriter header(int magic, int format, String id, String provider,
      long revision, int head, int min, int policy, int count) {
    return new RecordWriter().i(magic).b(format).utf(id).utf(provider).l(revision).i(head).i(min)
        .b(policy).i(count);
  }
}
