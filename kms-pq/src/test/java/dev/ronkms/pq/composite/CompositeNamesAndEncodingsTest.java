package dev.ronkms.pq.composite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlDsaLane;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The small exact facts of the composite package: diagnostic names, the parameter table, and M'
 * with no context and the refusal of a null message.
 */
class CompositeNamesAndEncodingsTest {

  @Test
  void namesSayWhichLibrariesSign() {
    assertEquals("bc", Ed25519Signer.bouncyCastle().name());
    CompositeSigner bc = CompositeSigner.bouncyCastle();
    assertEquals("bc+bc", bc.name());
    assertEquals("CompositeSigner[bc+bc]", bc.toString());
    assertThrows(NullPointerException.class,
        () -> new CompositeSigner(null, Ed25519Signer.bouncyCastle()));
    assertThrows(NullPointerException.class,
        () -> new CompositeSigner(BcMlDsaLane.INSTANCE, null));
  }

  @Test
  void theParameterTable() {
    CompositeParameters p44 = CompositeParameters.MLDSA44_ED25519;
    CompositeParameters p65 = CompositeParameters.MLDSA65_ED25519;
    assertEquals(Algorithm.MLDSA44_ED25519, p44.algorithm());
    assertEquals(Algorithm.MLDSA65_ED25519, p65.algorithm());
    assertEquals(Algorithm.ML_DSA_44, p44.mlDsa());
    assertEquals(Algorithm.ML_DSA_65, p65.mlDsa());
    assertEquals("COMPSIG-MLDSA44-Ed25519-SHA512", p44.labelText());
    assertEquals("COMPSIG-MLDSA65-Ed25519-SHA512", p65.labelText());
    assertEquals(1312, p44.mlDsaPublicKeyLength());
    assertEquals(2420, p44.mlDsaSignatureLength());
    assertEquals(1952, p65.mlDsaPublicKeyLength());
    assertEquals(3309, p65.mlDsaSignatureLength());
    for (CompositeParameters p : CompositeParameters.values()) {
      Algorithm a = p.algorithm();
      assertEquals(Optional.of(p), CompositeParameters.find(a));
      assertEquals(p, CompositeParameters.of(a));
      assertEquals(a.publicKeyLength(), p.mlDsaPublicKeyLength() + 32, a.id());
      assertEquals(a.outputLength(), p.mlDsaSignatureLength() + 64, a.id());
      byte[] label = p.label();
      label[0] = 'X'; // a fresh copy each time
      assertEquals('C', p.label()[0]);
    }
    assertEquals(Optional.empty(), CompositeParameters.find(null));
    assertEquals(Optional.empty(), CompositeParameters.find(Algorithm.ML_DSA_65));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CompositeParameters.of(Algorithm.ED25519));
    assertTrue(e.getMessage().startsWith("not a composite signature algorithm"),
        e.getMessage());
  }

  @Test
  void mPrimeWithoutContextHasALengthByteOfZeroAndANullMessageIsRefused() throws Exception {
    byte[] m = "message".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] mp = CompositeMessage.representative(Algorithm.MLDSA44_ED25519, m, null);
    assertEquals(32 + 30 + 1 + 64, mp.length);
    assertEquals("CompositeAlgorithmSignatures2025COMPSIG-MLDSA44-Ed25519-SHA512",
        new String(mp, 0, 62, java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(0, mp[62]);
    assertArrayEquals(MessageDigest.getInstance("SHA-512").digest(m),
        Arrays.copyOfRange(mp, 63, mp.length));
    byte[] ctx255 = new byte[255];
    Arrays.fill(ctx255, (byte) 0xa5);
    byte[] mp255 = CompositeMessage.representative(Algorithm.MLDSA44_ED25519, m, ctx255);
    assertEquals((byte) 255, mp255[62]);
    assertArrayEquals(ctx255, Arrays.copyOfRange(mp255, 63, 63 + 255));
    assertThrows(IllegalArgumentException.class, () -> CompositeMessage.representative(
        Algorithm.MLDSA44_ED25519, m, new byte[256]));
    assertThrows(IllegalArgumentException.class, () -> CompositeMessage.representative(
        Algorithm.MLDSA44_ED25519, null, null));
    assertThrows(IllegalArgumentException.class, () -> CompositeMessage.representative(
        Algorithm.ML_DSA_44, m, null));
    byte[] seed = new byte[64];
    CompositeSigner bc = CompositeSigner.bouncyCastle();
    assertThrows(IllegalArgumentException.class,
        () -> bc.sign(Algorithm.MLDSA44_ED25519, seed, null, null, new byte[32]));
    CompositeSigner.PreparedKey key = bc.prepare(Algorithm.MLDSA44_ED25519, seed);
    try {
      assertThrows(IllegalArgumentException.class, () -> key.sign(null, null, new byte[32]));
    } finally {
      key.destroy();
    }
  }
}
