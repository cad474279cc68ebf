package dev.ronkms.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link SoftwareSealingProvider}'s own argument checks, made before its library is called: a
 * nonce of exactly 12 bytes, no null associated data part, room for exactly ciphertext and tag
 * at the output offset, an input range inside the input; a range shorter than a tag is
 * {@code TAMPERED} without asking the library. The edges (offset 0, exact room, a range ending
 * at the end of the input) are accepted.
 */
class SealingProviderArgumentsTest {
  static final byte[] PLAINTEXT = "seal me, exactly".getBytes(StandardCharsets.UTF_8);
  static final byte[][] AAD = {"header".getBytes(StandardCharsets.UTF_8), new byte[0]};
  static final byte[] NONCE = new byte[12];
  static final List<Algorithm> AEADS = List.of(Algorithm.AES_256_GCM,
      Algorithm.CHACHA20_POLY1305);
  static final int SEALED = PLAINTEXT.length + SealingProvider.TAG_LENGTH;

  private final TestAeadProvider probe = new TestAeadProvider("probe");

  /** A sealing provider serving what it is told, whose library is never reached. */
  static final class Bare extends SoftwareSealingProvider {
    Bare(String name, int priority, Set<Algorithm> algorithms) {
      super(name, priority, algorithms);
    }

    @Override
    protected void encryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
        byte[][] associatedData, byte[] plaintext, byte[] out, int outOffset) {
      throw new AssertionError("not used");
    }

    @Override
    protected byte[] decryptWithKey(Algorithm algorithm, byte[] key, byte[] nonce,
        byte[][] associatedData, byte[] input, int offset, int length) {
      throw new AssertionError("not used");
    }
  }

  static void assertCode(ErrorCode code, Executable call, String why) {
    KmsException e = assertThrows(KmsException.class, call, why);
    assertEquals(code, e.code(), why + ": " + e.getMessage());
  }

  /** Ciphertext and tag of {@link #PLAINTEXT} at {@code offset} of an exactly large array. */
  private byte[] sealedAt(PrivateKeyHandle key, int offset) {
    byte[] out = new byte[offset + SEALED];
    probe.encrypt(key, NONCE, AAD, PLAINTEXT, out, offset);
    return out;
  }

  /** The call is refused with {@code code} and neither library method ran. */
  private void assertRefusedBeforeTheLibrary(ErrorCode code, Executable call, String why) {
    int encrypts = probe.encryptLengths.size();
    int decrypts = probe.decryptLengths.size();
    assertCode(code, call, why);
    assertEquals(encrypts, probe.encryptLengths.size(), why + ": encrypt reached the library");
    assertEquals(decrypts, probe.decryptLengths.size(), why + ": decrypt reached the library");
  }

  @Test
  void ciphertextAndTagFitExactlyAtAnyOffset() {
    for (Algorithm a : AEADS) {
      PrivateKeyHandle key = probe.generate(a);
      byte[] atZero = sealedAt(key, 0);
      byte[] atSeven = sealedAt(key, 7);
      assertArrayEquals(atZero, Arrays.copyOfRange(atSeven, 7, atSeven.length),
          "the same ciphertext and tag wherever they are written");
      assertArrayEquals(new byte[7], Arrays.copyOf(atSeven, 7), "nothing before the offset");
      assertArrayEquals(PLAINTEXT, probe.decrypt(key, NONCE, AAD, atZero, 0, SEALED),
          "offset 0, the range the whole input");
      assertArrayEquals(PLAINTEXT, probe.decrypt(key, NONCE, AAD, atSeven, 7, SEALED),
          "a range that ends at the end of the input");
      byte[] inside = Arrays.copyOf(atSeven, atSeven.length + 5);
      Arrays.fill(inside, atSeven.length, inside.length, (byte) 0x5a);
      assertArrayEquals(PLAINTEXT, probe.decrypt(key, NONCE, AAD, inside, 7, SEALED),
          "only the range is read");
      byte[] empty = new byte[SealingProvider.TAG_LENGTH];
      probe.encrypt(key, NONCE, AAD, new byte[0], empty, 0);
      assertArrayEquals(new byte[0], probe.decrypt(key, NONCE, AAD, empty, 0, empty.length),
          "a range of exactly a tag is an empty plaintext");
    }
  }

  @Test
  void theNonceIsExactlyTwelveBytes() {
    for (Algorithm a : AEADS) {
      PrivateKeyHandle key = probe.generate(a);
      byte[] sealed = sealedAt(key, 0);
      for (byte[] nonce : new byte[][] {null, new byte[0], new byte[11], new byte[13],
          new byte[16]}) {
        String why = a + ", nonce " + (nonce == null ? "null" : nonce.length + " bytes");
        assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
            () -> probe.encrypt(key, nonce, AAD, PLAINTEXT, new byte[SEALED], 0), why);
        assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
            () -> probe.decrypt(key, nonce, AAD, sealed, 0, SEALED), why);
      }
    }
  }

  @Test
  void associatedDataAndEveryPartOfItAreRequired() {
    PrivateKeyHandle key = probe.generate(Algorithm.AES_256_GCM);
    byte[] sealed = sealedAt(key, 0);
    byte[][][] bad = {null, {null}, {new byte[1], null}, {null, new byte[1]}};
    for (byte[][] aad : bad) {
      String why = aad == null ? "null associated data" : Arrays.toString(aad);
      assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
          () -> probe.encrypt(key, NONCE, aad, PLAINTEXT, new byte[SEALED], 0), why);
      assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
          () -> probe.decrypt(key, NONCE, aad, sealed, 0, SEALED), why);
    }
    byte[] noParts = new byte[SEALED];
    probe.encrypt(key, NONCE, new byte[0][], PLAINTEXT, noParts, 0);
    assertArrayEquals(PLAINTEXT, probe.decrypt(key, NONCE, new byte[0][], noParts, 0, SEALED),
        "no parts at all is no associated data");
  }

  @Test
  void theOutputHasRoomForCiphertextAndTagAtItsOffset() {
    PrivateKeyHandle key = probe.generate(Algorithm.CHACHA20_POLY1305);
    assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
        () -> probe.encrypt(key, NONCE, AAD, null, new byte[SEALED], 0), "null plaintext");
    assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
        () -> probe.encrypt(key, NONCE, AAD, PLAINTEXT, null, 0), "null output");
    assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
        () -> probe.encrypt(key, NONCE, AAD, PLAINTEXT, new byte[SEALED + 1], -1),
        "a negative offset");
    for (int offset : new int[] {0, 1, 9}) {
      assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
          () -> probe.encrypt(key, NONCE, AAD, PLAINTEXT, new byte[offset + SEALED - 1], offset),
          "one byte short at offset " + offset);
      assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
          () -> probe.encrypt(key, NONCE, AAD, PLAINTEXT, new byte[offset + PLAINTEXT.length],
              offset), "no room for the tag at offset " + offset);
    }
    assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
        () -> probe.encrypt(key, NONCE, AAD, PLAINTEXT, new byte[SEALED], SEALED + 1),
        "an offset past the end");
    byte[] roomy = new byte[3 + SEALED + 4];
    probe.encrypt(key, NONCE, AAD, PLAINTEXT, roomy, 3);
    assertArrayEquals(new byte[4], Arrays.copyOfRange(roomy, 3 + SEALED, roomy.length),
        "nothing written after ciphertext and tag");
    assertArrayEquals(PLAINTEXT, probe.decrypt(key, NONCE, AAD, roomy, 3, SEALED));
  }

  @Test
  void theInputRangeLiesInsideTheInput() {
    PrivateKeyHandle key = probe.generate(Algorithm.AES_256_GCM);
    byte[] sealed = sealedAt(key, 2);
    int[][] ranges = {{-1, SEALED}, {2, -1}, {3, SEALED}, {0, sealed.length + 1},
        {sealed.length + 1, 0}, {Integer.MAX_VALUE, 1}, {1, Integer.MAX_VALUE},
        {Integer.MIN_VALUE, SEALED}};
    for (int[] r : ranges) {
      assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
          () -> probe.decrypt(key, NONCE, AAD, sealed, r[0], r[1]),
          "offset " + r[0] + ", length " + r[1] + " of " + sealed.length);
    }
    assertRefusedBeforeTheLibrary(ErrorCode.INVALID_ARGUMENT,
        () -> probe.decrypt(key, NONCE, AAD, null, 0, 0), "null input");
  }

  @Test
  void aRangeShorterThanATagIsTamperedWithoutAskingTheLibrary() {
    PrivateKeyHandle key = probe.generate(Algorithm.AES_256_GCM);
    byte[] sealed = sealedAt(key, 0);
    for (int length : new int[] {0, 1, SealingProvider.TAG_LENGTH - 1}) {
      assertRefusedBeforeTheLibrary(ErrorCode.TAMPERED,
          () -> probe.decrypt(key, NONCE, AAD, sealed, 0, length), "length " + length);
      assertRefusedBeforeTheLibrary(ErrorCode.TAMPERED,
          () -> probe.decrypt(key, NONCE, AAD, sealed, sealed.length - length, length),
          "the last " + length + " bytes");
    }
    probe.decryptLengths.clear();
    assertCode(ErrorCode.TAMPERED, () -> probe.decrypt(key, NONCE, AAD, sealed, 1,
        SEALED - 1), "a tag that does not verify");
    assertEquals(List.of(SEALED - 1), probe.decryptLengths, "that one reaches the library");
  }

  @Test
  void onlyAeadAlgorithmsAreServedAndThePriorityIsKept() {
    assertThrows(IllegalArgumentException.class,
        () -> new Bare("p", 1, Set.of(Algorithm.ED25519)));
    assertThrows(IllegalArgumentException.class,
        () -> new Bare("p", 1, Set.of(Algorithm.AES_256_GCM, Algorithm.ED25519)),
        "one signature algorithm among AEAD ones is refused too");
    Bare p = new Bare("p", 7, Set.of(Algorithm.CHACHA20_POLY1305));
    assertEquals(7, p.priority());
    assertEquals(-3, new Bare("n", -3, Set.of(Algorithm.AES_256_GCM)).priority());
    assertEquals(Set.of(Algorithm.CHACHA20_POLY1305), p.algorithms());
    assertEquals("Bare[p, priority 7]", p.toString());
  }
}
