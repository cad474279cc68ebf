package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.security.KeyStoreException;
import java.security.ProviderException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/** The pure mappings from PKCS#11 return values to typed errors: TokenErrors, SunPkcs11Errors. */
class ErrorMappingTest {
  private static final long[] PIN_CODES = {CKR_PIN_INCORRECT, CKR_PIN_INVALID,
      CKR_PIN_LEN_RANGE, CKR_PIN_EXPIRED, CKR_PIN_LOCKED};
  private static final long[] GONE_CODES = {CKR_DEVICE_REMOVED, CKR_DEVICE_ERROR,
      CKR_DEVICE_MEMORY, CKR_TOKEN_NOT_PRESENT, CKR_TOKEN_NOT_RECOGNIZED,
      CKR_CRYPTOKI_NOT_INITIALIZED, CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED,
      CKR_SESSION_COUNT, CKR_GENERAL_ERROR, CKR_USER_NOT_LOGGED_IN, CKR_SLOT_ID_INVALID};
  private static final long[] STALE_CODES = {CKR_OBJECT_HANDLE_INVALID, CKR_KEY_HANDLE_INVALID};
  private static final long[] OTHER_CODES = {CKR_OK, CKR_FUNCTION_FAILED, CKR_ARGUMENTS_BAD,
      CKR_MECHANISM_INVALID, CKR_DATA_LEN_RANGE, CKR_USER_ALREADY_LOGGED_IN,
      CKR_CRYPTOKI_ALREADY_INITIALIZED, CKR_TEMPLATE_INCOMPLETE, CKR_ATTRIBUTE_SENSITIVE,
      CKR_SIGNATURE_INVALID, CKR_HOST_MEMORY, CKR_OPERATION_ACTIVE};

  /** The message without the error code's prefix. */
  private static String detail(KmsException e) {
    String prefix = e.code().code() + ": ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    return e.getMessage().substring(prefix.length());
  }

  // ---- TokenErrors ----

  @Test
  void pinCodesAreInvalidArgumentAndNothingElse() {
    for (long code : PIN_CODES) {
      PKCS11Exception e = new PKCS11Exception(code);
      assertTrue(TokenErrors.isPin(e), Long.toHexString(code));
      assertFalse(TokenErrors.isGone(e));
      assertFalse(TokenErrors.isStaleObject(e));
      KmsException mapped = TokenErrors.map(e, "log in", "tok-x1");
      assertEquals(ErrorCode.INVALID_ARGUMENT, mapped.code());
      assertFalse(mapped.code().retryable());
      assertTrue(mapped.getMessage().contains("tok-x1"), mapped.getMessage());
      assertTrue(mapped.getMessage().contains(TokenErrors.name(e)), mapped.getMessage());
    }
  }

  @Test
  void goneCodesAreTheRetryableTokenUnavailable() {
    for (long code : GONE_CODES) {
      PKCS11Exception e = new PKCS11Exception(code);
      assertTrue(TokenErrors.isGone(e), Long.toHexString(code));
      assertFalse(TokenErrors.isPin(e));
      assertFalse(TokenErrors.isStaleObject(e));
      KmsException mapped = TokenErrors.map(e, "sign", "tok-x1");
      assertEquals(ErrorCode.TOKEN_UNAVAILABLE, mapped.code(), Long.toHexString(code));
      assertTrue(mapped.code().retryable());
      assertTrue(mapped.getMessage().contains("sign"), mapped.getMessage());
      assertTrue(mapped.getMessage().contains("tok-x1"), mapped.getMessage());
      assertTrue(mapped.getMessage().contains(TokenErrors.name(e)), mapped.getMessage());
    }
  }

  @Test
  void staleObjectCodesAreOnlyStale() {
    for (long code : STALE_CODES) {
      PKCS11Exception e = new PKCS11Exception(code);
      assertTrue(TokenErrors.isStaleObject(e), Long.toHexString(code));
      assertFalse(TokenErrors.isGone(e));
      assertFalse(TokenErrors.isPin(e));
      assertEquals(ErrorCode.BACKEND_FAILURE, TokenErrors.map(e, "sign", "tok-x1").code());
    }
  }

  @Test
  void everyOtherCodeIsABackendFailure() {
    for (long code : OTHER_CODES) {
      PKCS11Exception e = new PKCS11Exception(code);
      assertFalse(TokenErrors.isPin(e), Long.toHexString(code));
      assertFalse(TokenErrors.isGone(e), Long.toHexString(code));
      assertFalse(TokenErrors.isStaleObject(e), Long.toHexString(code));
      KmsException mapped = TokenErrors.map(e, "generate a key", "tok-x1");
      assertEquals(ErrorCode.BACKEND_FAILURE, mapped.code());
      assertFalse(mapped.code().retryable());
      assertEquals("the token tok-x1 failed to generate a key (" + TokenErrors.name(e) + ")",
          detail(mapped));
    }
  }

  @Test
  void namesAreTheCkrNames() {
    assertEquals("CKR_PIN_INCORRECT", TokenErrors.name(new PKCS11Exception(CKR_PIN_INCORRECT)));
    assertEquals("CKR_DEVICE_REMOVED",
        TokenErrors.name(new PKCS11Exception(CKR_DEVICE_REMOVED)));
    String unknown = TokenErrors.name(new PKCS11Exception(0x12345L));
    assertTrue(unknown.contains("12345"), unknown);
    assertTrue(unknown.startsWith("CKR"), unknown);
    KmsException mapped = TokenErrors.map(new PKCS11Exception(0x12345L), "sign", "tok-x1");
    assertEquals(ErrorCode.BACKEND_FAILURE, mapped.code());
    assertTrue(mapped.getMessage().contains(unknown), mapped.getMessage());
  }

  @Test
  void unavailableNamesTheOperationTokenAndReason() {
    KmsException e = TokenErrors.unavailable("connect", "tok-x1", "no token");
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE, e.code());
    assertEquals("the token tok-x1 is not reachable to connect (no token)", detail(e));
  }

  // ---- SunPkcs11Errors ----

  private static Exception chain(String... messages) {
    Exception e = null;
    for (int i = messages.length - 1; i >= 0; i--) {
      e = new Exception(messages[i], e);
    }
    return e;
  }

  @Test
  void returnValueIsTheFirstCkrNameAlongTheCauses() {
    assertEquals("CKR_PIN_INCORRECT", SunPkcs11Errors.returnValue(
        new Exception("login failed: CKR_PIN_INCORRECT")));
    assertEquals("CKR_DEVICE_REMOVED", SunPkcs11Errors.returnValue(
        chain("outer text", null, "inner CKR_DEVICE_REMOVED and CKR_PIN_INCORRECT")));
    assertEquals("CKR_SESSION_CLOSED", SunPkcs11Errors.returnValue(
        chain("first CKR_SESSION_CLOSED", "then CKR_PIN_INCORRECT")));
    assertEquals("CKR_0X00012345", SunPkcs11Errors.returnValue(new Exception("CKR_0X00012345")));
    assertNull(SunPkcs11Errors.returnValue(chain("no name", null, "ckr_lowercase")));
    assertNull(SunPkcs11Errors.returnValue(new Exception()));
    assertNull(SunPkcs11Errors.returnValue(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CKR_DEVICE_REMOVED", "CKR_TOKEN_NOT_PRESENT",
      "CKR_TOKEN_NOT_RECOGNIZED", "CKR_DEVICE_ERROR", "CKR_SESSION_HANDLE_INVALID",
      "CKR_SESSION_CLOSED", "CKR_KEY_HANDLE_INVALID", "CKR_OBJECT_HANDLE_INVALID",
      "CKR_CRYPTOKI_NOT_INITIALIZED", "CKR_USER_NOT_LOGGED_IN", "CKR_SLOT_ID_INVALID"})
  void goneReturnValuesAreUnavailable(String ckr) {
    Exception e = chain("wrapped", ckr);
    assertTrue(SunPkcs11Errors.tokenGone(e));
    assertFalse(SunPkcs11Errors.badPin(e));
    KmsException mapped = SunPkcs11Errors.of("sealing", "pkcs11:t/k", e);
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE, mapped.code());
    assertTrue(mapped.code().retryable());
    assertSame(e, mapped.getCause());
    assertTrue(mapped.getMessage().contains(ckr), mapped.getMessage());
    assertTrue(mapped.getMessage().contains("pkcs11:t/k"), mapped.getMessage());
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE, SunPkcs11Errors.unavailable("w", e).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CKR_PIN_INCORRECT", "CKR_PIN_INVALID", "CKR_PIN_LEN_RANGE",
      "CKR_PIN_EXPIRED"})
  void badPinReturnValues(String ckr) {
    Exception e = new IOException("load failed", new LoginException(ckr));
    assertTrue(SunPkcs11Errors.badPin(e));
    assertFalse(SunPkcs11Errors.tokenGone(e));
    assertEquals(ErrorCode.BACKEND_FAILURE, SunPkcs11Errors.of("logging in", "k", e).code());
  }

  @Test
  void otherReturnValuesAreNeitherGoneNorABadPin() {
    for (String ckr : new String[] {"CKR_PIN_LOCKED", "CKR_FUNCTION_FAILED",
        "CKR_GENERAL_ERROR", "CKR_MECHANISM_INVALID"}) {
      Exception e = new ProviderException("failed: " + ckr);
      assertFalse(SunPkcs11Errors.tokenGone(e), ckr);
      assertFalse(SunPkcs11Errors.badPin(e), ckr);
      KmsException mapped = SunPkcs11Errors.of("sealing", "pkcs11:t/k", e);
      assertEquals(ErrorCode.BACKEND_FAILURE, mapped.code(), ckr);
      assertSame(e, mapped.getCause());
      assertEquals("sealing failed on the token key pkcs11:t/k (ProviderException " + ckr + ")",
          detail(mapped));
    }
  }

  @Test
  void aReturnValueDecidesEvenWhenTheTextSaysRemoved() {
    Exception e = new Exception("Token has been removed: CKR_FUNCTION_FAILED");
    assertFalse(SunPkcs11Errors.tokenGone(e), "the CKR name decides, not the free text");
    Exception failedLogin = new Exception("CKR_FUNCTION_FAILED", new FailedLoginException());
    assertFalse(SunPkcs11Errors.badPin(failedLogin), "the CKR name decides, not the type");
  }

  @Test
  void withoutAReturnValueTheRemovalTextMeansGone() {
    assertTrue(SunPkcs11Errors.tokenGone(new ProviderException("Token has been removed")));
    assertTrue(SunPkcs11Errors.tokenGone(chain("outer", "the token removed itself")));
    assertTrue(SunPkcs11Errors.tokenGone(new Exception(new Exception("token removed"))));
    assertFalse(SunPkcs11Errors.tokenGone(chain("outer", null, "something else")));
    assertFalse(SunPkcs11Errors.tokenGone(new Exception()));
    assertFalse(SunPkcs11Errors.tokenGone(new Exception("Token has been rem0ved")));
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE,
        SunPkcs11Errors.of("x", "k", new ProviderException("Token has been removed")).code());
    assertEquals(ErrorCode.BACKEND_FAILURE,
        SunPkcs11Errors.of("x", "k", new ProviderException("other")).code());
  }

  @Test
  void withoutAReturnValueAFailedLoginCauseIsABadPin() {
    assertTrue(SunPkcs11Errors.badPin(new FailedLoginException("no")));
    assertTrue(SunPkcs11Errors.badPin(new IOException("load", new FailedLoginException())));
    assertTrue(SunPkcs11Errors.badPin(
        new IOException("a", new IOException("b", new FailedLoginException("c")))));
    assertFalse(SunPkcs11Errors.badPin(new IOException("load", new LoginException("no"))));
    assertFalse(SunPkcs11Errors.badPin(new IOException("load")));
    assertFalse(SunPkcs11Errors.badPin(new IOException()));
  }

  @Test
  void describeGivesTypeAndNameButNoFreeText() {
    assertEquals("ProviderException CKR_DEVICE_ERROR", SunPkcs11Errors.describe(
        new ProviderException("secret free text CKR_DEVICE_ERROR")));
    assertEquals("IllegalStateException", SunPkcs11Errors.describe(
        new IllegalStateException("free text")));
    assertEquals("KeyStoreException: label x is not unique",
        SunPkcs11Errors.describe(new KeyStoreException("label x is not unique")));
    assertEquals("KeyStoreException CKR_GENERAL_ERROR: failed CKR_GENERAL_ERROR",
        SunPkcs11Errors.describe(new KeyStoreException("failed CKR_GENERAL_ERROR")));
    assertEquals("KeyStoreException", SunPkcs11Errors.describe(new KeyStoreException()));
    KmsException failed = SunPkcs11Errors.failed("opening", "pkcs11:t/k",
        new IllegalStateException("do not show"));
    assertEquals(ErrorCode.BACKEND_FAILURE, failed.code());
    assertEquals("opening failed on the token key pkcs11:t/k (IllegalStateException)",
        detail(failed));
    KmsException unavailable = SunPkcs11Errors.unavailable("pkcs11:t/k",
        new ProviderException("CKR_DEVICE_REMOVED"));
    assertTrue(detail(unavailable).startsWith(
        "the token key pkcs11:t/k is unavailable (ProviderException CKR_DEVICE_REMOVED)"),
        unavailable.getMessage());
  }
}
