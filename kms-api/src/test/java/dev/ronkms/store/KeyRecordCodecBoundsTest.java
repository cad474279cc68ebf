package dev.ronkms.store;

import static dev.ronkms.store.KeyRecordCodecTest.ID;
import static dev.ronkms.store.KeyRecordCodecTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.spi.TestSealer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of docs/API.md's "Key record format" that {@link KeyRecordCodecTest} does not reach:
 * the version count's range (1..2^20, checked before the provider is looked up), a length field
 * no larger than what is left (a hostile length is {@code CORRUPT_RECORD}, not an allocation), a
 * public key of the wrong length refused before anything is unsealed, and the binding of a
 * sealed key to its public key, byte for byte as documented.
 */
class KeyRecordCodecBoundsTest {
  static final int MAGIC = 0x524b5243;
  static final int MAX_VERSIONS = 1 << 20;

  private final TestProvider provider = new TestProvider("t");
  private final TestSealer sealer = new TestSealer("bounds-test");
  private final List<String> lookups = new ArrayList<>();

  private KeyProvider lookup(String name, Algorithm algorithm) {
    lookups.add(name);
    return provider;
  }

  private static RecordWriter header(String provider, int policy, int count) {
    return new RecordWriter().i(MAGIC).b(1).utf(ID.format()).utf(provider).l(1).i(1).i(1)
        .b(policy).i(count);
  }

  private KmsException decodeFails(byte[] encoded) {
    KmsException e = assertThrows(KmsException.class,
        () -> KeyRecordCodec.decode(encoded, this::lookup, sealer, null));
    assertEquals(ErrorCode.CORRUPT_RECORD, e.code(), e.getMessage());
    return e;
  }

  private KeyVersion live(int n) {
    PrivateKeyHandle h = provider.generate(Algorithm.ED25519);
    return new KeyVersion(n, VersionState.ENABLED, KeyRecordCodecTest.T0, h.publicKey(), h);
  }

  private byte[] sealedKey(KeyVersion v, byte[] boundPublicKey) {
    return provider.sealPrivateKey(v.handle().orElseThrow(), sealer,
        KeyRecordCodec.keyBinding(ID, v.number(), boundPublicKey));
  }

  @Test
  void aCountOutOfRangeIsRefusedBeforeTheProviderIsLookedUp() {
    for (int count : new int[] {0, -1, MAX_VERSIONS + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      KmsException e = decodeFails(header("t", 0, count).done());
      assertTrue(e.getMessage().contains("version count"), count + ": " + e.getMessage());
      assertEquals(List.of(), lookups, "count " + count);
    }
    for (int count : new int[] {1, 2, MAX_VERSIONS}) {
      lookups.clear();
      KmsException e = decodeFails(header("t", 0, count).done());
      assertTrue(e.getMessage().contains("truncated"), count + ": " + e.getMessage());
      assertEquals(List.of("t"), lookups, "count " + count + " is in range: decoding goes on");
    }
  }

  @Test
  void aLengthBeyondTheRestOfTheInputIsCorruptNotAnAllocation() {
    byte[] pk = live(1).publicKey();
    // Integer.MAX_VALUE is more than any array may hold: trusting it would throw an Error
    for (int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1}) {
      decodeFails(header("", 0, 1).i(1).b(1).l(0).i(0).blob(pk).i(length).done());
      decodeFails(header("", 0, 1).i(1).b(1).l(0).i(0).i(length).done());
    }
    // a length of exactly what is left is read
    KeyVersion v = live(1);
    byte[] sealed = sealedKey(v, v.publicKey());
    byte[] exact = header("t", 0, 1).i(1).b(1).l(0).i(0).blob(v.publicKey()).blob(sealed)
        .done();
    KeyRecord back = KeyRecordCodec.decode(exact, this::lookup, sealer, null);
    assertArrayEquals(v.publicKey(), back.version(1).handle().orElseThrow().publicKey());
    byte[] oneShort = Arrays.copyOf(exact, exact.length);
    int lengthAt = exact.length - sealed.length - 4;
    oneShort[lengthAt + 3]++; // the sealed key's length, one more than is left
    decodeFails(oneShort);
  }

  @Test
  void aPublicKeyOfTheWrongLengthIsRefusedBeforeAnythingIsUnsealed() {
    KeyVersion v = live(1);
    for (int n : new int[] {0, 31, 33}) {
      byte[] pk = Arrays.copyOf(v.publicKey(), n);
      byte[] sealed = sealedKey(v, pk);
      int opens = sealer.opens.get();
      decodeFails(header("t", 0, 1).i(1).b(1).l(0).i(0).blob(pk).blob(sealed).done());
      assertEquals(opens, sealer.opens.get(), n + "-byte public key: nothing unsealed");
    }
  }

  @Test
  void theBindingIsTheVersionedIdThenThePublicKey() {
    byte[] pk = live(1).publicKey();
    byte[] prefix = ("ron-kms private key|" + ID.format() + "/v3|")
        .getBytes(StandardCharsets.UTF_8);
    byte[] expected = Arrays.copyOf(prefix, prefix.length + pk.length);
    System.arraycopy(pk, 0, expected, prefix.length, pk.length);
    assertArrayEquals(expected, KeyRecordCodec.keyBinding(ID, 3, pk));
  }

  @Test
  void aSealedKeyMovedToAnotherPublicKeyDoesNotOpen() {
    KeyVersion v1 = live(1);
    KeyVersion other = live(1);
    byte[] sealed = sealedKey(v1, v1.publicKey());
    int made = provider.made().size();
    // the same key id and version, another public key: the binding differs, so TAMPERED
    byte[] moved = header("t", 0, 1).i(1).b(1).l(0).i(0).blob(other.publicKey()).blob(sealed)
        .done();
    assertCode(ErrorCode.TAMPERED, () -> KeyRecordCodec.decode(moved, this::lookup, sealer,
        null));
    assertEquals(made, provider.made().size(), "no key was unsealed");
  }

  @Test
  void enumValuesAndASealedKeyOfAVerifyOnlyRecordAreNamedInTheRefusal() {
    byte[] pk = live(1).publicKey();
    KmsException policy = decodeFails(header("", ExportPolicy.values().length, 1)
        .version(1, 1, pk).done());
    assertTrue(policy.getMessage().contains("enum value is out of range"), policy.getMessage());
    KmsException state = decodeFails(header("", 0, 1)
        .version(1, VersionState.values().length, pk).done());
    assertTrue(state.getMessage().contains("enum value is out of range"), state.getMessage());
    KeyVersion v = live(1);
    KmsException verifyOnly = decodeFails(header("", 0, 1).i(1).b(1).l(0).i(0)
        .blob(v.publicKey()).blob(sealedKey(v, v.publicKey())).done());
    assertTrue(verifyOnly.getMessage().contains("a verify-only key holds a private key"),
        verifyOnly.getMessage());
    assertEquals(List.of(), lookups, "a verify-only record looks up no provider");
  }
}
