package dev.ronkms.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyResultTest {

  @Test
  void onlyAValidSignatureIsValid() {
    assertTrue(VerifyResult.valid().isValid());
    assertFalse(VerifyResult.invalid().isValid());
    for (ErrorCode code : ErrorCode.values()) {
      VerifyResult refused = VerifyResult.refused(code);
      assertFalse(refused.isValid(), "a refused item is never valid: " + code);
      assertEquals(Optional.of(code), refused.error());
      KmsException e = assertThrows(KmsException.class, refused::orThrow);
      assertEquals(code, e.code());
      assertEquals("REFUSED(" + code + ")", refused.toString());
    }
    assertTrue(VerifyResult.valid().orThrow());
    assertFalse(VerifyResult.invalid().orThrow());
    assertEquals(Optional.empty(), VerifyResult.valid().error());
    assertEquals(Optional.empty(), VerifyResult.invalid().error());
    assertEquals(VerifyResult.valid(), VerifyResult.of(true));
    assertEquals(VerifyResult.invalid(), VerifyResult.of(false));
    assertEquals(VerifyResult.refused(ErrorCode.CLOSED), VerifyResult.refused(ErrorCode.CLOSED));
    assertEquals(VerifyResult.refused(ErrorCode.CLOSED).hashCode(),
        VerifyResult.refused(ErrorCode.CLOSED).hashCode());
    assertNotEquals(VerifyResult.refused(ErrorCode.CLOSED),
        VerifyResult.refused(ErrorCode.TAMPERED));
    assertNotEquals(VerifyResult.valid(), VerifyResult.invalid());
    assertEquals("VALID", VerifyResult.valid().toString());
    assertEquals("INVALID", VerifyResult.invalid().toString());
    assertThrows(NullPointerException.class, () -> VerifyResult.refused(null));
  }
}
