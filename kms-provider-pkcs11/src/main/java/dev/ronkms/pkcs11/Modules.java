package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * The PKCS#11 libraries this process has loaded, one {@link PKCS11Module} per library path,
 * shared and counted: a library is initialised once per process (a second {@code C_Initialize}
 * fails, and a {@code C_Finalize} would end every user's sessions), so every provider on the same
 * library uses the same module and the last one to let go finalises it, if this class
 * initialised it: a library that other code in the process (for example SunPKCS11) had
 * initialised first is left initialised. Thread-safe.
 */
final class Modules {
  private static final Map<Path, Entry> LOADED = new HashMap<>();

  private static final class Entry {
    final PKCS11Module module;
    boolean initialisedHere;
    int users;

    Entry(PKCS11Module module) {
      this.module = module;
    }
  }

  private Modules() {}

  /** The module for {@code library}, loaded on first use; pair with {@link #release}. */
  static synchronized PKCS11Module acquire(Path library) {
    Path key = library.toAbsolutePath().normalize();
    Entry entry = LOADED.get(key);
    if (entry == null) {
      PKCS11Module module;
      try {
        module = PKCS11Module.getInstance(key.toString());
      } catch (Exception | LinkageError e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "the PKCS#11 library " + key
            + " cannot be loaded (" + e.getClass().getName() + ")");
      }
      entry = new Entry(module);
      entry.initialisedHere = initialize(module, key);
      LOADED.put(key, entry);
    }
    entry.users++;
    return entry.module;
  }

  /**
   * Initialises {@code module} unless it already is (a library another part of the process
   * initialised, or one finalised under us and now brought back).
   *
   * @return true when this call initialised it, false when it already was
   * @throws KmsException {@code TOKEN_UNAVAILABLE} when the library refuses
   */
  static boolean initialize(PKCS11Module module, Path library) {
    try {
      module.initialize();
      return true;
    } catch (PKCS11Exception e) {
      if (e.getErrorCode() != PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw TokenErrors.unavailable("initialise", library.toString(), TokenErrors.name(e));
      }
      return false;
    } catch (RuntimeException | LinkageError e) {
      throw TokenErrors.unavailable("initialise", library.toString(), e.getClass().getName());
    }
  }

  /** Lets go of {@code library}'s module; the last user finalises it. Never throws. */
  static synchronized void release(Path library) {
    Path key = library.toAbsolutePath().normalize();
    Entry entry = LOADED.get(key);
    if (entry == null || --entry.users > 0) {
      return;
    }
    LOADED.remove(key);
    if (!entry.initialisedHere) {
      return;
    }
    try {
      entry.module.finalize(null);
    } catch (Exception | LinkageError ignored) {
      // already finalised, or the library is broken: nothing left to release
    }
  }
}
