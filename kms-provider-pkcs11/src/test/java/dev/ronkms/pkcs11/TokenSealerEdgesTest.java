package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The token sealer's argument checks, label bounds and closed state, in the order they apply. */
class TokenSealerEdgesTest {
  private static final byte[] SECRET = "edge".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

  private static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void nullAssociatedDataIsRefusedBeforeAnythingElse() {
    TokenSealer sealer = TokenSealer.create(SoftHsm.token(), "edge-" + UUID.randomUUID());
    byte[] sealed = sealer.seal(SECRET, AAD);
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.open(new byte[3], null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.open(sealed, null));
    sealer.close();
    KmsException seal = assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.seal(SECRET, null));
    assertTrue(seal.getMessage().contains("associated data"), seal.getMessage());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> sealer.open(sealed, null));
    assertCode(ErrorCode.CLOSED, () -> sealer.seal(SECRET, AAD));
    assertCode(ErrorCode.CLOSED, () -> sealer.open(sealed, AAD));
    assertCode(ErrorCode.CLOSED, sealer::tokenKey);
    assertEquals("TokenSealer[" + sealer.keyReference() + ", " + sealer.algorithm()
        + ", closed]", sealer.toString());
  }

  @Test
  void keyLabelsOfUpTo128Characters() {
    TokenConfig token = SoftHsm.token();
    String longest = "k".repeat(127) + UUID.randomUUID().toString().charAt(0);
    KmsException missing = assertCode(ErrorCode.KEY_NOT_FOUND,
        () -> TokenSealer.open(token, longest));
    assertTrue(missing.getMessage().contains(longest), "a 128-character label is looked up");
    assertCode(ErrorCode.KEY_NOT_FOUND, () -> TokenSealer.open(token, "k"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.open(token, "k".repeat(129)));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.open(token, null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.open(token, " "));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.create(token, "a\u0000b"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> TokenSealer.create(null, "k"));
  }

  @Test
  void anOpenSealerDescribesItselfWithoutTheKey() {
    String label = "edge-" + UUID.randomUUID();
    try (TokenSealer sealer = TokenSealer.create(SoftHsm.token(), label)) {
      assertEquals("TokenSealer[pkcs11:" + SoftHsm.TOKEN_LABEL + "/" + label
          + ", " + sealer.algorithm() + "]", sealer.toString());
      assertFalse(sealer.toString().contains(System.getenv(SoftHsm.PIN_VARIABLE)));
      assertArrayEquals(SECRET, sealer.open(sealer.seal(SECRET, AAD), AAD));
    }
  }
}
