package dev.ronkms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Every failure carries its code, says whether repeating the call may help exactly as the code
 * does (only CONFLICT, TOKEN_UNAVAILABLE and OVERLOADED are retryable, docs/API.md), and starts its
 * message with the code.
 */
class KmsExceptionTest {

  @Test
  void retryableIsTheCodesAnswerAndOnlyConflictTokenUnavailableAndOverloadedAreRetryable() {
    for (ErrorCode code : ErrorCode.values()) {
      KmsException e = new KmsException(code, "detail");
      assertSame(code, e.code());
      assertEquals(code == ErrorCode.CONFLICT || code == ErrorCode.TOKEN_UNAVAILABLE
          || code == ErrorCode.OVERLOADED,
          e.retryable(), code.name());
      assertEquals(code.retryable(), e.retryable(), code.name());
      assertEquals(code.name(), code.code());
    }
  }

  @Test
  void theMessageStartsWithTheCodeAndFallsBackToTheDescription() {
    assertEquals("KEY_NOT_FOUND: no key acme/x",
        new KmsException(ErrorCode.KEY_NOT_FOUND, "no key acme/x").getMessage());
    for (String none : new String[] {null, ""}) {
      assertEquals("KEY_NOT_FOUND: " + ErrorCode.KEY_NOT_FOUND.description(),
          new KmsException(ErrorCode.KEY_NOT_FOUND, none).getMessage());
    }
    IllegalStateException cause = new IllegalStateException("x");
    KmsException wrapped = new KmsException(ErrorCode.BACKEND_FAILURE, "", cause);
    assertSame(cause, wrapped.getCause());
    assertEquals("BACKEND_FAILURE: " + ErrorCode.BACKEND_FAILURE.description(),
        wrapped.getMessage());
    assertThrows(NullPointerException.class, () -> new KmsException(null, "detail"));
  }
}
