package dev.ronkms.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The seed is lent only to its own provider, bound to its public key, and zeroised on close. */
class SecretSeedTest {
  private static final byte[] RFC8032_SEED = HexFormat.of().parseHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] RFC8032_PUBLIC = HexFormat.of().parseHex(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @Test
  void closeOverwritesTheBytesAndRefusesLaterUse() {
    TestProvider p = new TestProvider("t");
    SecretSeed seed = (SecretSeed) p.importPrivateKey(Algorithm.ED25519, RFC8032_SEED);
    byte[][] inside = new byte[1][];
    seed.apply(bytes -> inside[0] = bytes);
    assertArrayEquals(RFC8032_SEED, inside[0], "the handle owns a copy of the seed");
    assertArrayEquals(RFC8032_PUBLIC, seed.publicKey(), "bound to the derived public key");
    assertFalse(seed.isDestroyed());
    seed.close();
    assertTrue(seed.isDestroyed());
    byte[] zeros = new byte[32];
    assertArrayEquals(zeros, inside[0], "zeroised in place");
    assertEquals(ErrorCode.VERSION_DESTROYED,
        assertThrows(KmsException.class, () -> seed.apply(b -> b)).code());
    assertEquals(ErrorCode.VERSION_DESTROYED,
        assertThrows(KmsException.class, () -> p.sign(seed, new byte[1])).code());
    seed.close();
    assertTrue(seed.toString().contains("destroyed"));
  }

  @Test
  void importCopiesAndChecksTheLength() {
    TestProvider p = new TestProvider("t");
    byte[] mine = RFC8032_SEED.clone();
    PrivateKeyHandle h = p.importPrivateKey(Algorithm.ED25519, mine);
    h.close();
    assertArrayEquals(RFC8032_SEED, mine, "the caller's array is not touched");
    for (int len : new int[] {0, 31, 33, 64}) {
      assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
          () -> p.importPrivateKey(Algorithm.ED25519, new byte[len])).code(), "" + len);
    }
    assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
        () -> p.importPrivateKey(Algorithm.ED25519, null)).code());
    assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, assertThrows(KmsException.class,
        () -> p.importPrivateKey(null, RFC8032_SEED)).code());
    assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, assertThrows(KmsException.class,
        () -> p.generate(null)).code());
  }

  @Test
  void toStringShowsNoKeyMaterial() {
    TestProvider p = new TestProvider("t");
    PrivateKeyHandle h = p.importPrivateKey(Algorithm.ED25519, RFC8032_SEED);
    String s = h.toString();
    String hex = HexFormat.of().formatHex(RFC8032_SEED);
    assertFalse(s.contains(hex) || s.contains(Arrays.toString(RFC8032_SEED))
        || s.contains(HexFormat.of().formatHex(RFC8032_PUBLIC)), s);
    assertEquals("t", h.provider());
    assertEquals(Algorithm.ED25519, h.algorithm());
    h.close();
  }

  @Test
  void aSignatureUsesTheBoundKeyAndIsDeterministic() {
    TestProvider p = new TestProvider("t");
    PrivateKeyHandle h = p.importPrivateKey(Algorithm.ED25519, RFC8032_SEED);
    byte[] sig = p.sign(h, new byte[0]);
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        HexFormat.of().formatHex(sig), "RFC 8032 test 1");
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        assertThrows(KmsException.class, () -> p.sign(h, null)).code());
    h.close();
  }
}
