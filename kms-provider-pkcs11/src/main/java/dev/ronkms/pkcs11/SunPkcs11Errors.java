package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what SunPKCS11 and the token report into {@link KmsException}s, with the codes of
 * {@link TokenErrors} (which reads ipkcs11wrapper's return values directly). SunPKCS11's own
 * exception type is not exported by the JDK, so the PKCS#11 return value ({@code CKR_...}) is
 * read from the messages along the cause chain.
 *
 * <p>Guarantees: the messages made here name the token, the key label and the {@code CKR_}
 * name only; never a PIN or key bytes.
 */
final class SunPkcs11Errors {
  private static final Pattern CKR = Pattern.compile("CKR_[A-Z_0-9]+");
  /** Return values that mean the token, its session or the key's handle went away. */
  private static final Set<String> TOKEN_GONE = Set.of("CKR_DEVICE_REMOVED",
      "CKR_TOKEN_NOT_PRESENT", "CKR_TOKEN_NOT_RECOGNIZED", "CKR_DEVICE_ERROR",
      "CKR_SESSION_HANDLE_INVALID", "CKR_SESSION_CLOSED", "CKR_KEY_HANDLE_INVALID",
      "CKR_OBJECT_HANDLE_INVALID", "CKR_CRYPTOKI_NOT_INITIALIZED", "CKR_USER_NOT_LOGGED_IN",
      "CKR_SLOT_ID_INVALID");
  private static final Set<String> BAD_PIN = Set.of("CKR_PIN_INCORRECT", "CKR_PIN_INVALID",
      "CKR_PIN_LEN_RANGE", "CKR_PIN_EXPIRED");

  private SunPkcs11Errors() {}

  /** The first {@code CKR_} name along the cause chain of {@code e}, or null. */
  static String returnValue(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = CKR.matcher(t.getMessage());
        if (m.find()) {
          return m.group();
        }
      }
    }
    return null;
  }

  /** True when {@code e} says the token, its session or the key's handle is gone. */
  static boolean tokenGone(Throwable e) {
    String ckr = returnValue(e);
    if (ckr != null) {
      return TOKEN_GONE.contains(ckr);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("Token has been removed") || m.contains("token removed"))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code e} is the token refusing the PIN. */
  static boolean badPin(Throwable e) {
    String ckr = returnValue(e);
    if (ckr != null) {
      return BAD_PIN.contains(ckr);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.security.auth.login.FailedLoginException) {
        return true;
      }
    }
    return false;
  }

  /** The token or the key went away: the retryable {@code TOKEN_UNAVAILABLE}. */
  static KmsException unavailable(String where, Throwable cause) {
    return new KmsException(ErrorCode.TOKEN_UNAVAILABLE, "the token key " + where
        + " is unavailable (" + describe(cause) + "); the token may have been removed: the next"
        + " call looks for it again", cause);
  }

  /** Any other failure of the token or the provider: {@code BACKEND_FAILURE}. */
  static KmsException failed(String what, String where, Throwable cause) {
    return new KmsException(ErrorCode.BACKEND_FAILURE, what + " failed on the token key "
        + where + " (" + describe(cause) + ")", cause);
  }

  /** A failure of {@code what} on {@code where}: unavailable or failed, by its cause. */
  static KmsException of(String what, String where, Throwable cause) {
    return tokenGone(cause) ? unavailable(where, cause) : failed(what, where, cause);
  }

  /** The cause's type and its {@code CKR_} name; never its free text. */
  static String describe(Throwable cause) {
    String ckr = returnValue(cause);
    String text = cause.getClass().getSimpleName() + (ckr == null ? "" : " " + ckr);
    // SunPKCS11's key store messages name labels only, and say what is wrong with the token
    return cause instanceof java.security.KeyStoreException && cause.getMessage() != null
        ? text + ": " + cause.getMessage() : text;
  }
}
