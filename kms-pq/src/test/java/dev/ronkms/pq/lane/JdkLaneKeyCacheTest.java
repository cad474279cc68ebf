package dev.ronkms.pq.lane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Encapsulation;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JDK lanes keep the JDK key decoded from a public key's bytes (and ML-KEM's encapsulator)
 * by content: a fresh copy of the same bytes reuses it, any other bytes never do, and the cache
 * stays bounded. JDK 24+ only (skipped before).
 */
class JdkLaneKeyCacheTest {

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
  void mlDsaVerifyDecodesEachKeyContentOnceAndNeverAnswersForOtherBytes(Algorithm a)
      throws Exception {
    assumeTrue(JdkMlDsaLane.supported().contains(a), "JDK 24+ ML-DSA");
    JdkMlDsaLane lane = new JdkMlDsaLane();
    Random r = new Random(21 ^ a.ordinal());
    byte[] xi = bytes(r, 32);
    byte[] message = bytes(r, 100);
    byte[] pk = lane.publicKey(a, xi);
    byte[] sig = lane.sign(a, xi, message, new byte[0], new byte[32]);
    for (int i = 0; i < 4; i++) {
      assertTrue(lane.verify(a, pk.clone(), message, new byte[0], sig));
    }
    assertEquals(1, lane.publicKeyCache(a).size(), "fresh copies of one key: one entry");
    // one flipped byte: another key, decoded on its own, and the signature fails under it
    for (int at : new int[] {0, 31, 32, pk.length - 1}) {
      byte[] flipped = pk.clone();
      flipped[at] ^= 1;
      assertFalse(lane.verify(a, flipped, message, new byte[0], sig), "byte " + at);
      assertFalse(BcMlDsaLane.INSTANCE.verify(a, flipped, message, new byte[0], sig));
    }
    assertEquals(5, lane.publicKeyCache(a).size());
    // a key whose signature does verify, after the others: its own answer still
    byte[] xi2 = bytes(r, 32);
    byte[] pk2 = lane.publicKey(a, xi2);
    byte[] sig2 = lane.sign(a, xi2, message, new byte[0], new byte[32]);
    assertTrue(lane.verify(a, pk2, message, new byte[0], sig2));
    assertFalse(lane.verify(a, pk, message, new byte[0], sig2));
    assertTrue(lane.verify(a, pk, message, new byte[0], sig));
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_DSA_44"})
  void theMlDsaKeyCacheStaysBoundedUnderManyKeys(Algorithm a) throws Exception {
    assumeTrue(JdkMlDsaLane.supported().contains(a), "JDK 24+ ML-DSA");
    JdkMlDsaLane lane = new JdkMlDsaLane();
    Random r = new Random(22);
    byte[] pk = lane.publicKey(a, bytes(r, 32));
    byte[] message = bytes(r, 16);
    byte[] sig = new byte[a.outputLength()];
    int capacity = lane.publicKeyCache(a).capacity();
    for (int i = 0; i < capacity + 100; i++) {
      byte[] other = pk.clone();
      other[40] = (byte) i;
      other[41] = (byte) (i >> 8);
      assertFalse(lane.verify(a, other, message, new byte[0], sig));
      assertTrue(lane.publicKeyCache(a).size() <= capacity);
    }
    assertEquals(capacity, lane.publicKeyCache(a).size());
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void mlKemEncapsulatesToExactlyTheBytesGivenWithTheKeyDecodedOnce(Algorithm a)
      throws Exception {
    assumeTrue(JdkMlKemLane.supported().contains(a), "JDK 24+ ML-KEM");
    JdkMlKemLane lane = new JdkMlKemLane();
    Random r = new Random(23 ^ a.ordinal());
    byte[] seed = bytes(r, 64);
    MlKemLane.PreparedKey dk = lane.prepare(a, seed);
    byte[] ek = dk.publicKey();
    // the random path, three times with fresh copies: one entry, each secret opens
    for (int i = 0; i < 3; i++) {
      try (Encapsulation e = lane.encapsulate(a, ek.clone())) {
        assertArrayEquals(e.sharedSecret(), dk.decapsulate(e.ciphertext()));
      }
    }
    assertEquals(1, lane.encapsulationKeyCache(a).size());
    // with m given: the same bytes as Bouncy Castle for ek and for ek with one byte of rho
    // flipped (still a valid key: rho is not checked), and different from each other
    byte[] m = bytes(r, 32);
    byte[] flipped = ek.clone();
    flipped[flipped.length - 1] ^= 1;
    try (Encapsulation mine = lane.encapsulate(a, ek.clone(), m);
        Encapsulation bc = BcMlKemLane.INSTANCE.encapsulate(a, ek, m);
        Encapsulation other = lane.encapsulate(a, flipped, m);
        Encapsulation otherBc = BcMlKemLane.INSTANCE.encapsulate(a, flipped, m)) {
      assertArrayEquals(bc.ciphertext(), mine.ciphertext());
      assertArrayEquals(bc.sharedSecret(), mine.sharedSecret());
      assertArrayEquals(otherBc.ciphertext(), other.ciphertext());
      assertArrayEquals(otherBc.sharedSecret(), other.sharedSecret());
      assertFalse(Arrays.equals(mine.ciphertext(), other.ciphertext()));
    }
    assertEquals(2, lane.encapsulationKeyCache(a).size());
    // the random path to the flipped key: not to ek (implicit rejection gives another secret)
    try (Encapsulation e = lane.encapsulate(a, flipped)) {
      assertFalse(Arrays.equals(e.sharedSecret(), dk.decapsulate(e.ciphertext())));
    }
    dk.destroy();
  }
}
