package dev.ronkms.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Set;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/**
 * How a PKCS#11 return value becomes a {@link KmsException}: a rejected PIN is
 * {@code INVALID_ARGUMENT}; a token, session or library that is gone is the retryable
 * {@code TOKEN_UNAVAILABLE}; anything else is {@code BACKEND_FAILURE}. Messages carry the CKR
 * name and the operation, never a PIN or key byte.
 */
final class TokenErrors {
  private static final Set<Long> PIN = Set.of(CKR_PIN_INCORRECT, CKR_PIN_INVALID,
      CKR_PIN_LEN_RANGE, CKR_PIN_EXPIRED, CKR_PIN_LOCKED);
  private static final Set<Long> GONE = Set.of(CKR_DEVICE_REMOVED, CKR_DEVICE_ERROR,
      CKR_DEVICE_MEMORY, CKR_TOKEN_NOT_PRESENT, CKR_TOKEN_NOT_RECOGNIZED,
      CKR_CRYPTOKI_NOT_INITIALIZED, CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED,
      CKR_SESSION_COUNT, CKR_GENERAL_ERROR, CKR_USER_NOT_LOGGED_IN, CKR_SLOT_ID_INVALID);
  private static final Set<Long> STALE_OBJECT = Set.of(CKR_OBJECT_HANDLE_INVALID,
      CKR_KEY_HANDLE_INVALID);

  private TokenErrors() {}

  /** True when the PIN was rejected. */
  static boolean isPin(PKCS11Exception e) {
    return PIN.contains(e.getErrorCode());
  }

  /** True when the token, its sessions or the library are gone: reconnect before the next call. */
  static boolean isGone(PKCS11Exception e) {
    return GONE.contains(e.getErrorCode());
  }

  /** True when an object handle no longer names an object: find the object again by label. */
  static boolean isStaleObject(PKCS11Exception e) {
    return STALE_OBJECT.contains(e.getErrorCode());
  }

  /** The CKR name of {@code e}, for messages. */
  static String name(PKCS11Exception e) {
    try {
      return PKCS11Constants.ckrCodeToName(e.getErrorCode());
    } catch (RuntimeException unknown) {
      return "CKR 0x" + Long.toHexString(e.getErrorCode());
    }
  }

  /** The typed error for {@code e}, raised while doing {@code operation} on {@code token}. */
  static KmsException map(PKCS11Exception e, String operation, String token) {
    if (isPin(e)) {
      return new KmsException(ErrorCode.INVALID_ARGUMENT, "the token " + token
          + " refused the PIN (" + name(e) + ")");
    }
    if (isGone(e)) {
      return unavailable(operation, token, name(e));
    }
    return new KmsException(ErrorCode.BACKEND_FAILURE, "the token " + token + " failed to "
        + operation + " (" + name(e) + ")");
  }

  /** {@code TOKEN_UNAVAILABLE} for {@code operation} on {@code token}, because {@code why}. */
  static KmsException unavailable(String operation, String token, String why) {
    return new KmsException(ErrorCode.TOKEN_UNAVAILABLE, "the token " + token
        + " is not reachable to " + operation + " (" + why + ")");
  }
}
