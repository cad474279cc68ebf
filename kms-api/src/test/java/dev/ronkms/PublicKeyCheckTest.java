package dev.ronkms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The public key checks: length always, the policy for Ed25519 halves, FIPS 203 for ML-KEM. */
class PublicKeyCheckTest {

  @Test
  void mlKemCoefficientsMustBeBelowQ() {
    for (Algorithm kem : new Algorithm[] {Algorithm.ML_KEM_512, Algorithm.ML_KEM_768,
        Algorithm.ML_KEM_1024}) {
      byte[] ek = new byte[kem.publicKeyLength()];
      assertTrue(PublicKeyCheck.accepts(kem, ek));
      int last = ek.length - 33; // the last byte of the encoded vector
      for (int[] at : new int[][] {{0, 0}, {last - 2, 0}, {last - 2, 1}}) {
        byte[] bad = ek.clone();
        int i = at[0];
        if (at[1] == 0) { // first coefficient of the triple = 3329
          bad[i] = (byte) (3329 & 0xff);
          bad[i + 1] = (byte) (3329 >> 8);
        } else { // second coefficient of the triple = 3329
          bad[i + 1] = (byte) ((3329 & 0x0f) << 4);
          bad[i + 2] = (byte) (3329 >> 4);
        }
        assertFalse(PublicKeyCheck.accepts(kem, bad), kem.id() + " at " + i);
        byte[] edge = ek.clone();
        edge[i] = (byte) (3328 & 0xff);
        edge[i + 1] = (byte) (3328 >> 8);
        assertTrue(PublicKeyCheck.accepts(kem, edge), "q - 1 is fine");
      }
      byte[] rho = ek.clone();
      Arrays.fill(rho, ek.length - 32, ek.length, (byte) 0xff);
      assertTrue(PublicKeyCheck.accepts(kem, rho), "rho is free");
      assertFalse(PublicKeyCheck.accepts(kem, Arrays.copyOf(ek, ek.length + 1)));
    }
  }

  @Test
  void lengthsAndEd25519Halves() {
    assertFalse(PublicKeyCheck.accepts(Algorithm.ML_DSA_65, new byte[1951]));
    assertTrue(PublicKeyCheck.accepts(Algorithm.ML_DSA_65, new byte[1952]));
    assertFalse(PublicKeyCheck.accepts(null, new byte[32]));
    assertFalse(PublicKeyCheck.accepts(Algorithm.ML_DSA_65, null));
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertFalse(PublicKeyCheck.accepts(Algorithm.ED25519, identity), "small order");
    byte[] composite = new byte[1984];
    composite[1952] = 1;
    assertFalse(PublicKeyCheck.accepts(Algorithm.MLDSA65_ED25519, composite));
    byte[] base = java.util.HexFormat.of().parseHex(
        "5866666666666666666666666666666666666666666666666666666666666666");
    System.arraycopy(base, 0, composite, 1952, 32);
    assertTrue(PublicKeyCheck.accepts(Algorithm.MLDSA65_ED25519, composite), "B is fine");
    assertTrue(PublicKeyCheck.accepts(Algorithm.ED25519, base));
  }
}
