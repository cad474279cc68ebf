package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlKemLane;
import dev.ronkms.spi.Encapsulation;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MlKemExpanded} and {@link MlDsaExpanded} for every parameter set: exact lengths, the
 * error code of each refused input (null, every wrong length, another algorithm), which parts of
 * an expanded key the checks cover (embedded ek and H(ek)) and that a valid key decapsulates as
 * its seed does.
 */
class ExpandedKeyChecksTest {

  static byte[] seed(long s, int n) {
    byte[] b = new byte[n];
    new Random(s).nextBytes(b);
    return b;
  }

  static MLKEMParameters kem(Algorithm a) {
    return switch (a) {
      case ML_KEM_512 -> MLKEMParameters.ml_kem_512;
      case ML_KEM_768 -> MLKEMParameters.ml_kem_768;
      default -> MLKEMParameters.ml_kem_1024;
    };
  }

  static MLDSAParameters dsa(Algorithm a) {
    return switch (a) {
      case ML_DSA_44 -> MLDSAParameters.ml_dsa_44;
      case ML_DSA_65 -> MLDSAParameters.ml_dsa_65;
      default -> MLDSAParameters.ml_dsa_87;
    };
  }

  static byte[] expandedDk(Algorithm a, byte[] dz) {
    return new MLKEMPrivateKeyParameters(kem(a), dz)
        .getParametersWithFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY).getEncoded();
  }

  static KmsException refused(ErrorCode code, org.junit.jupiter.api.function.Executable call,
      String what) {
    return PqTestSupport.refused(code, call, what);
  }

  @Test
  void expandedLengthsAreThoseOfFips203AndFips204() {
    assertEquals(1632, MlKemExpanded.expandedLength(Algorithm.ML_KEM_512));
    assertEquals(2400, MlKemExpanded.expandedLength(Algorithm.ML_KEM_768));
    assertEquals(3168, MlKemExpanded.expandedLength(Algorithm.ML_KEM_1024));
    assertEquals(2560, MlDsaExpanded.expandedLength(Algorithm.ML_DSA_44));
    assertEquals(4032, MlDsaExpanded.expandedLength(Algorithm.ML_DSA_65));
    assertEquals(4896, MlDsaExpanded.expandedLength(Algorithm.ML_DSA_87));
    for (Algorithm a : Algorithm.values()) {
      if (!PqProvider.ML_DSA.contains(a)) {
        assertEquals(-1, MlDsaExpanded.expandedLength(a), a.id());
      }
      if (!PqProvider.ML_KEM.contains(a)) {
        KmsException e = refused(ErrorCode.UNSUPPORTED_ALGORITHM,
            () -> MlKemExpanded.expandedLength(a), a.id());
        assertTrue(e.getMessage().contains(a.id()), e.getMessage());
      }
    }
    KmsException e = refused(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> MlKemExpanded.expandedLength(null), "null algorithm");
    assertTrue(e.getMessage().endsWith("not an ML-KEM algorithm: null"), e.getMessage());
    refused(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> MlKemExpanded.check(null, new byte[2400]), "check with a null algorithm");
    refused(ErrorCode.UNSUPPORTED_ALGORITHM, () -> MlKemExpanded.decapsulate(Algorithm.ML_DSA_65,
        new byte[2400], new byte[1088]), "decapsulate with ML-DSA");
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void aValidExpandedKeyDecapsulatesAsItsSeed(Algorithm a) throws Exception {
    byte[] dz = seed(a.ordinal(), 64);
    byte[] dk = expandedDk(a, dz);
    MlKemExpanded.check(a, dk);
    byte[] ek = BcMlKemLane.INSTANCE.publicKey(a, dz);
    try (Encapsulation e = BcMlKemLane.INSTANCE.encapsulate(a, ek)) {
      assertArrayEquals(e.sharedSecret(), MlKemExpanded.decapsulate(a, dk, e.ciphertext()));
      byte[] wrong = e.ciphertext();
      wrong[wrong.length - 1] ^= 1;
      assertArrayEquals(BcMlKemLane.INSTANCE.decapsulate(a, dz, wrong),
          MlKemExpanded.decapsulate(a, dk, wrong), "implicit rejection as with the seed");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void wrongLengthsAndNullsHaveTheirOwnCodes(Algorithm a) {
    byte[] dk = expandedDk(a, seed(7, 64));
    int n = dk.length;
    for (int len : new int[] {0, 64, n - 1, n + 1}) {
      KmsException e = refused(ErrorCode.MALFORMED_KEY,
          () -> MlKemExpanded.check(a, Arrays.copyOf(dk, len)), "dk of " + len);
      assertTrue(e.getMessage().contains(n + " bytes, got " + len + " bytes"), e.getMessage());
    }
    KmsException nul = refused(ErrorCode.MALFORMED_KEY, () -> MlKemExpanded.check(a, null),
        "null dk");
    assertTrue(nul.getMessage().endsWith("got null"), nul.getMessage());
    refused(ErrorCode.MALFORMED_KEY,
        () -> MlKemExpanded.decapsulate(a, null, new byte[a.outputLength()]), "null dk");
    int ct = a.outputLength();
    for (int len : new int[] {0, ct - 1, ct + 1}) {
      KmsException e = refused(ErrorCode.MALFORMED_CIPHERTEXT,
          () -> MlKemExpanded.decapsulate(a, dk, new byte[len]), "ciphertext of " + len);
      assertTrue(e.getMessage().contains(ct + " bytes, got " + len + " bytes"), e.getMessage());
    }
    KmsException e = refused(ErrorCode.MALFORMED_CIPHERTEXT,
        () -> MlKemExpanded.decapsulate(a, dk, null), "null ciphertext");
    assertTrue(e.getMessage().endsWith("got null"), e.getMessage());
  }

  /**
   * Every byte of H(ek) and a spread of bytes of the embedded ek are checked; dk_PKE and z are
   * not (no check can see them), so flipping them keeps the key "valid".
   */
  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void theChecksCoverExactlyTheEmbeddedKeyAndItsHash(Algorithm a) {
    byte[] dk = expandedDk(a, seed(8, 64));
    int ekStart = dk.length - 64 - a.publicKeyLength();
    int hashStart = dk.length - 64;
    for (int i = hashStart; i < hashStart + 32; i++) {
      byte[] bad = dk.clone();
      bad[i] ^= (byte) 0x80;
      KmsException e = refused(ErrorCode.MALFORMED_KEY, () -> MlKemExpanded.check(a, bad),
          "H(ek) byte " + i);
      assertTrue(e.getMessage().contains("hash check"), e.getMessage());
    }
    Random r = new Random(9);
    for (int t = 0; t < 24; t++) {
      int i = ekStart + r.nextInt(a.publicKeyLength());
      byte[] bad = dk.clone();
      bad[i] ^= 1;
      // either the modulus check or the hash check refuses it: never accepted
      refused(ErrorCode.MALFORMED_KEY, () -> MlKemExpanded.check(a, bad), "ek byte " + i);
    }
    byte[] overQ = dk.clone();
    overQ[ekStart] = (byte) 0xff;
    overQ[ekStart + 1] |= 0x0f;
    KmsException modulus = refused(ErrorCode.MALFORMED_KEY, () -> MlKemExpanded.check(a, overQ),
        "ek over q");
    assertTrue(modulus.getMessage().contains("modulus"), modulus.getMessage());
    for (int i : new int[] {0, ekStart - 1, hashStart + 32, dk.length - 1}) {
      byte[] other = dk.clone();
      other[i] ^= 1;
      MlKemExpanded.check(a, other); // dk_PKE and z: outside every check
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
  void everyMlDsaParameterSetIsValidatedThenRefusedOnImport(Algorithm a) {
    PqProvider p = new BcPqProvider();
    byte[] sk = new MLDSAPrivateKeyParameters(dsa(a), seed(a.ordinal(), 32))
        .getParametersWithFormat(MLDSAPrivateKeyParameters.EXPANDED_KEY).getEncoded();
    assertEquals(MlDsaExpanded.expandedLength(a), sk.length);
    MlDsaExpanded.check(a, sk);
    KmsException valid = refused(ErrorCode.UNSUPPORTED_OPERATION,
        () -> p.importPrivateKey(a, sk), "valid expanded " + a.id());
    assertTrue(valid.getMessage().contains("valid expanded " + a.id()), valid.getMessage());
    assertTrue(valid.getMessage().endsWith("import the 32-byte seed xi"), valid.getMessage());
    byte[] badTr = sk.clone();
    badTr[64] ^= 1; // tr follows rho (32) and K (32)
    KmsException bad = refused(ErrorCode.MALFORMED_KEY, () -> p.importPrivateKey(a, badTr),
        "wrong tr");
    assertTrue(bad.getMessage().contains("inconsistent"), bad.getMessage());
    // the expanded length of another ML-DSA set is just a wrong length here
    for (Algorithm other : PqProvider.ML_DSA) {
      if (other != a) {
        byte[] foreign = new byte[MlDsaExpanded.expandedLength(other)];
        KmsException e = refused(ErrorCode.MALFORMED_KEY,
            () -> p.importPrivateKey(a, foreign), other.id() + " length under " + a.id());
        assertTrue(e.getMessage().contains("seed is 32 bytes"), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_1024"})
  void everyMlKemParameterSetIsValidatedThenRefusedOnImport(Algorithm a) {
    PqProvider p = new BcPqProvider();
    byte[] dk = expandedDk(a, seed(10, 64));
    KmsException valid = refused(ErrorCode.UNSUPPORTED_OPERATION,
        () -> p.importPrivateKey(a, dk), "valid expanded " + a.id());
    assertTrue(valid.getMessage().endsWith("import the 64-byte seed d||z"), valid.getMessage());
    // an expanded ML-KEM length offered as a composite or ML-DSA key is just the wrong length
    refused(ErrorCode.MALFORMED_KEY, () -> p.importPrivateKey(Algorithm.MLDSA44_ED25519, dk),
        "expanded dk as a composite seed");
    refused(ErrorCode.MALFORMED_KEY, () -> p.importPrivateKey(Algorithm.ML_DSA_44, dk),
        "expanded dk as an ML-DSA seed");
  }
}
