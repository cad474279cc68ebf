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
 * fails), so every provider on the same library uses the same module. A library is never
 * finalised: {@code C_Finalize} would end the sessions of every user in the process, including
 * SunPKCS11's (the {@link TokenSealer}), which cannot be told; the last provider to let go only
 * forgets the module, and the library stays initialised until the process ends. Thread-safe.
 */
final class Modules {
  private static final Map<Path, Entry> LOADED = new HashMap<>();

  private static final class Entry {
    final PKCS11Module module;
    int users;

    Entry(PKCS11Module module) {
      this.module = module;
    }
  }

  static {
    WrapperLog.install();
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
      initialize(module, key);
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

  /** Lets go of {@code library}'s module; the last user forgets it. Never throws. */
  static synchronized void release(Path library) {
    Path key = library.toAbsolutePath().normalize();
    Entry entry = LOADED.get(key);
    if (entry != null && --entry.users == 0) {
      LOADED.remove(key);
    }
  }
}
