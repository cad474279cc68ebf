package dev.ronkms.spi;

import static dev.ronkms.spi.SealingProviderArgumentsTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SoftwareKeyProvider#sealPrivateKey} and {@link SoftwareKeyProvider#openPrivateKey}: a
 * null sealer, sealed key or associated data is {@code INVALID_ARGUMENT} and an algorithm the
 * provider does not serve {@code UNSUPPORTED_ALGORITHM}, both before the sealer is asked; a
 * sealer that opens to anything but a seed of the algorithm's length is {@code MALFORMED_KEY},
 * and the array it returned is zeroised.
 */
class KeySealingArgumentsTest {
  static final byte[] AAD = "binding".getBytes(StandardCharsets.UTF_8);

  private final TestAeadProvider aead = new TestAeadProvider("aead");

  /** Opens anything to a copy of {@link #opensTo}, remembering every array it returned. */
  static final class FixedSealer implements Sealer {
    byte[] opensTo;
    final List<byte[]> returned = new java.util.ArrayList<>();

    FixedSealer(byte[] opensTo) {
      this.opensTo = opensTo;
    }

    @Override
    public String algorithm() {
      return "none";
    }

    @Override
    public String keyReference() {
      return "fixed";
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
      return plaintext.clone();
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
      byte[] out = opensTo == null ? null : opensTo.clone();
      returned.add(out);
      return out;
    }
  }

  @Test
  void aKeySealsAndOpensToTheSameKey() {
    try (TestSealer sealer = new TestSealer("keys")) {
      for (Algorithm a : List.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305)) {
        PrivateKeyHandle key = aead.generate(a);
        byte[] sealed = aead.sealPrivateKey(key, sealer, AAD);
        PrivateKeyHandle back = aead.openPrivateKey(a, sealed, sealer, AAD);
        assertEquals(a, back.algorithm());
        assertArrayEquals(key.publicKey(), back.publicKey(), "the same key check value");
        assertCode(ErrorCode.TAMPERED, () -> aead.openPrivateKey(a, sealed, sealer,
            new byte[0]), "other associated data");
      }
    }
  }

  @Test
  void nullArgumentsAreRefusedBeforeTheSealerIsAsked() {
    try (TestSealer sealer = new TestSealer("keys")) {
      PrivateKeyHandle key = aead.generate(Algorithm.AES_256_GCM);
      byte[] sealed = aead.sealPrivateKey(key, sealer, AAD);
      int seals = sealer.seals.get();
      int opens = sealer.opens.get();
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> aead.sealPrivateKey(key, null, AAD),
          "seal, null sealer");
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> aead.sealPrivateKey(key, sealer, null),
          "seal, null associated data");
      Algorithm a = Algorithm.AES_256_GCM;
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> aead.openPrivateKey(a, null, sealer, AAD),
          "open, null sealed key");
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> aead.openPrivateKey(a, sealed, null, AAD),
          "open, null sealer");
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> aead.openPrivateKey(a, sealed, sealer,
          null), "open, null associated data");
      assertEquals(seals, sealer.seals.get());
      assertEquals(opens, sealer.opens.get());
    }
  }

  @Test
  void anAlgorithmTheProviderDoesNotServeIsRefusedEverywhere() {
    SoftwareSealingProvider chachaOnly = new SealingProviderArgumentsTest.Bare("chacha", 1,
        java.util.Set.of(Algorithm.CHACHA20_POLY1305));
    FixedSealer sealer = new FixedSealer(new byte[32]);
    // a signature algorithm whose seed and public key have the lengths of an AEAD key's
    for (Algorithm a : Arrays.asList(Algorithm.ED25519, Algorithm.AES_256_GCM, null)) {
      if (a != null) {
        assertEquals(32, a.seedLength());
      }
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> chachaOnly.generate(a), "generate " + a);
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
          () -> chachaOnly.importPrivateKey(a, new byte[32]), "import " + a);
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
          () -> chachaOnly.openPrivateKey(a, new byte[32], sealer, AAD), "open " + a);
    }
    assertEquals(List.of(), sealer.returned, "the sealer was never asked");
    assertEquals(Algorithm.CHACHA20_POLY1305,
        chachaOnly.openPrivateKey(Algorithm.CHACHA20_POLY1305, new byte[32], sealer, AAD)
            .algorithm(), "the algorithm it serves opens");
  }

  @Test
  void aSealedKeyOfTheWrongLengthIsMalformedAndZeroised() {
    for (int length : new int[] {0, 16, 31, 33, 64}) {
      byte[] opensTo = new byte[length];
      Arrays.fill(opensTo, (byte) 0x6b);
      FixedSealer sealer = new FixedSealer(opensTo);
      assertCode(ErrorCode.MALFORMED_KEY, () -> aead.openPrivateKey(Algorithm.AES_256_GCM,
          new byte[48], sealer, AAD), length + " bytes");
      assertEquals(1, sealer.returned.size());
      assertArrayEquals(new byte[length], sealer.returned.get(0),
          "the " + length + " bytes the sealer returned are zeroised");
    }
    FixedSealer nothing = new FixedSealer(null);
    assertCode(ErrorCode.MALFORMED_KEY, () -> aead.openPrivateKey(Algorithm.AES_256_GCM,
        new byte[48], nothing, AAD), "a sealer that returns null");
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 0x6b);
    FixedSealer exact = new FixedSealer(seed);
    PrivateKeyHandle h = aead.openPrivateKey(Algorithm.AES_256_GCM, new byte[48], exact, AAD);
    assertFalse(h.isDestroyed());
    assertArrayEquals(aead.importPrivateKey(Algorithm.AES_256_GCM, seed).publicKey(),
        h.publicKey(), "a seed of the right length is bound as it is");
  }
}
