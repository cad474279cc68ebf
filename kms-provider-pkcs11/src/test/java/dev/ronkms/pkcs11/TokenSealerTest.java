package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The token sealer on a SoftHSM2 token: the Sealer contract, its envelope, its key. */
class TokenSealerTest {
  private static final byte[] SECRET = "a data key, 32 bytes long.......".getBytes(
      StandardCharsets.UTF_8);
  private static final byte[] AAD = "ron-kms/test/aad".getBytes(StandardCharsets.UTF_8);

  private TokenConfig token;
  private String label;

  @BeforeEach
  void token() {
    token = SoftHsm.token();
    label = "seal-" + UUID.randomUUID();
  }

  static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void sealsAndOpensInTheProjectsEnvelopeWithoutAStamp() {
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      assertEquals("pkcs11:" + SoftHsm.TOKEN_LABEL + "/" + label, sealer.keyReference());
      assertEquals(Algorithm.AES_256_GCM.id(), sealer.algorithm());
      assertEquals(label, sealer.keyLabel());
      byte[] sealed = sealer.seal(SECRET, AAD);
      assertArrayEquals(SECRET, sealer.open(sealed, AAD));
      Envelope envelope = Envelope.parse(sealed);
      assertEquals(StampKind.NONE, envelope.stampKind());
      assertEquals(0, envelope.stamp());
      assertEquals(1, envelope.keyVersion());
      assertEquals(Algorithm.AES_256_GCM, envelope.algorithm());
      assertEquals(sealer.keyReference(), envelope.keyReference());
      assertEquals(SECRET.length, envelope.plaintextLength());
      byte[] empty = sealer.seal(new byte[0], new byte[0]);
      assertEquals(0, sealer.open(empty, new byte[0]).length);
      assertArrayEquals(SECRET, sealer.open(sealer.reseal(sealed, AAD), AAD));
      assertFalse(sealer.toString().contains(new String(SECRET, StandardCharsets.UTF_8)));
    }
  }

  @Test
  void everySealHasAFreshNonce() {
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      byte[] a = sealer.seal(SECRET, AAD);
      byte[] b = sealer.seal(SECRET, AAD);
      int nonceAt = a.length - SECRET.length - 16 - 12;
      assertFalse(java.util.Arrays.equals(a, nonceAt, nonceAt + 12, b, nonceAt, nonceAt + 12));
    }
  }

  @Test
  void theAssociatedDataIsBound() {
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      byte[] sealed = sealer.seal(SECRET, AAD);
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(sealed, new byte[0]));
      byte[] other = AAD.clone();
      other[other.length - 1] ^= 1;
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(sealed, other));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.open(sealed, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.seal(SECRET, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.seal(null, AAD));
    }
  }

  @Test
  void everyFlippedBitOfHeaderCiphertextOrTagIsTampered() {
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      byte[] sealed = sealer.seal(SECRET, AAD);
      for (int i = 0; i < sealed.length; i++) {
        for (int bit : new int[] {0, 7}) {
          byte[] bad = sealed.clone();
          bad[i] ^= (byte) (1 << bit);
          KmsException e = assertThrows(KmsException.class, () -> sealer.open(bad, AAD));
          assertEquals(ErrorCode.TAMPERED, e.code(), "byte " + i + " bit " + bit);
        }
      }
      for (int cut = 0; cut < sealed.length; cut += 7) {
        byte[] truncated = java.util.Arrays.copyOf(sealed, cut);
        assertCode(ErrorCode.TAMPERED, () -> sealer.open(truncated, AAD));
      }
      assertArrayEquals(SECRET, sealer.open(sealed, AAD), "the sealer still works");
    }
  }

  @Test
  void anotherTokenKeyDoesNotOpen() {
    String otherLabel = label + "-other";
    try (TokenSealer sealer = TokenSealer.create(token, label);
        TokenSealer other = TokenSealer.create(token, otherLabel)) {
      byte[] sealed = sealer.seal(SECRET, AAD);
      assertCode(ErrorCode.TAMPERED, () -> other.open(sealed, AAD));
    }
  }

  @Test
  void aMissingKeyIsNotFoundAndAnExistingOneIsNotCreatedTwice() {
    KmsException missing = assertCode(ErrorCode.KEY_NOT_FOUND,
        () -> TokenSealer.open(token, label));
    assertTrue(missing.getMessage().contains(label), missing.getMessage());
    TokenSealer.create(token, label).close();
    assertCode(ErrorCode.KEY_EXISTS, () -> TokenSealer.create(token, label));
    try (TokenSealer created = TokenSealer.open(token, label)) {
      assertArrayEquals(SECRET, created.open(created.seal(SECRET, AAD), AAD));
    }
  }

  @Test
  void aSecondSealerOfTheSameKeyOpensTheFirstsEnvelopes() {
    byte[] sealed;
    try (TokenSealer first = TokenSealer.create(token, label)) {
      sealed = first.seal(SECRET, AAD);
    }
    try (TokenSealer second = TokenSealer.open(token, label)) {
      assertArrayEquals(SECRET, second.open(sealed, AAD));
    }
  }

  @Test
  void theKeyIsASensitiveNonExtractableTokenObject() {
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      SecretKey key = sealer.tokenKey();
      assertNull(key.getEncoded(), "the token must not export the key");
      assertEquals("AES", key.getAlgorithm());
      String description = key.toString();
      assertTrue(description.contains("token object"), description);
      assertTrue(description.contains("sensitive"), description);
      assertFalse(description.contains("not sensitive"), description);
      assertTrue(description.contains("unextractable"), description);
    }
  }

  @Test
  void badArgumentsAndClosedSealersAreTyped() {
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.open(null, label));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.open(token, ""));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.open(token, "a\nb"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.create(token, "x".repeat(129)));
    TokenSealer sealer = TokenSealer.create(token, label);
    byte[] sealed = sealer.seal(SECRET, AAD);
    sealer.close();
    sealer.close();
    assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));
    assertCode(ErrorCode.CLOSED, () -> sealer.open(sealed, AAD));
    assertTrue(sealer.toString().contains("closed"));
    assertCode(ErrorCode.TAMPERED, () -> sealer.open(new byte[40], AAD));
  }

  @Test
  void anAbsentTokenIsUnavailableNamingIt() {
    TokenConfig absent = TokenConfig.of(token.library(), "no-such-token", token.pin());
    KmsException e = assertCode(ErrorCode.TOKEN_UNAVAILABLE,
        () -> TokenSealer.open(absent, label));
    assertTrue(e.getMessage().contains("no-such-token"), e.getMessage());
    assertFalse(e.getMessage().contains(System.getenv(SoftHsm.PIN_VARIABLE)), e.getMessage());
  }

  @Test
  void aKeyDeletedWhileInUseIsUnavailableThenNotFound() throws Exception {
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      byte[] sealed = sealer.seal(SECRET, AAD);
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS11",
          sealer.tokenKeyProvider());
      char[] pin = token.pin().read();
      ks.load(null, pin);
      ks.deleteEntry(label);
      KmsException gone = assertThrows(KmsException.class, () -> sealer.open(sealed, AAD));
      assertEquals(ErrorCode.TOKEN_UNAVAILABLE, gone.code(), gone.getMessage());
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> sealer.seal(SECRET, AAD));
    }
  }
}
