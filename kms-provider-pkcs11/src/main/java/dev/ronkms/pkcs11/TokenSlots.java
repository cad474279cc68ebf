package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Finds a token's slot by its label. SunPKCS11 chooses a slot by id or list index only, and
 * SoftHSM2 (like most tokens) gives a slot a new random id whenever a token is initialised, so
 * the label is read through ipkcs11wrapper, which shares the process's one initialisation of
 * the library with SunPKCS11.
 *
 * <p>Guarantees: the library is initialised at most once per path by this class and never
 * finalised here (C_Finalize would end every session of the process, SunPKCS11's included);
 * {@code CKR_CRYPTOKI_ALREADY_INITIALIZED} (another user of the library came first) is
 * accepted; ipkcs11wrapper's informational lines, which it prints on standard output, are
 * dropped, and its warnings and errors go to standard error.
 */
final class TokenSlots {
  private static final Map<Path, PKCS11Module> MODULES = new ConcurrentHashMap<>();

  static {
    StaticLogger.setLogger(new QuietLogger());
  }

  private TokenSlots() {}

  /**
   * The id of the slot holding the token labelled {@code label}.
   *
   * @throws KmsException {@code TOKEN_UNAVAILABLE} when no present token has the label;
   *     {@code BACKEND_FAILURE} when
   *     more than one has it, or the library fails
   */
  static long slotOf(Path library, String label) {
    PKCS11Module module = module(library);
    List<Long> found = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try {
      for (Slot slot : module.getSlotList(true)) {
        String tokenLabel = slot.getToken().getTokenInfo().getLabel();
        String trimmed = tokenLabel == null ? "" : tokenLabel.strip();
        if (!trimmed.isEmpty()) {
          seen.add(trimmed);
        }
        if (trimmed.equals(label)) {
          found.add(slot.getSlotID());
        }
      }
    } catch (PKCS11Exception | RuntimeException e) {
      throw SunPkcs11Errors.failed("listing the tokens", "library " + library, e);
    }
    if (found.isEmpty()) {
      throw new KmsException(ErrorCode.TOKEN_UNAVAILABLE, "no token labelled '" + label
          + "' is present behind " + library + " (tokens present: " + seen + "); is it"
          + " plugged in, and is the label right?");
    }
    if (found.size() > 1) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, found.size() + " tokens are labelled '"
          + label + "' behind " + library + "; give each token its own label");
    }
    return found.get(0);
  }

  private static PKCS11Module module(Path library) {
    return MODULES.computeIfAbsent(library.toAbsolutePath().normalize(), path -> {
      try {
        PKCS11Module module = PKCS11Module.getInstance(path.toString());
        try {
          module.initialize();
        } catch (PKCS11Exception e) {
          if (!"CKR_CRYPTOKI_ALREADY_INITIALIZED".equals(SunPkcs11Errors.returnValue(e))) {
            throw e;
          }
        }
        return module;
      } catch (Exception | LinkageError e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "the PKCS#11 library " + path
            + " cannot be loaded or initialised (" + SunPkcs11Errors.describe(e) + ")", e);
      }
    });
  }

  /** Drops information and debugging lines; warnings and errors go to standard error. */
  private static final class QuietLogger implements Logger {
    @Override
    public void info(String format, Object... args) {}

    @Override
    public void warn(String format, Object... args) {
      System.err.println("[ipkcs11wrapper WARN] " + format);
    }

    @Override
    public void error(String format, Object... args) {
      System.err.println("[ipkcs11wrapper ERROR] " + format);
    }

    @Override
    public void debug(String format, Object... args) {}

    @Override
    public void trace(String format, Object... args) {}

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }
  }
}
