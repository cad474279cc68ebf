package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Finds a token's slot by its label. SunPKCS11 chooses a slot by id or list index only, and
 * SoftHSM2 (like most tokens) gives a slot a new random id whenever a token is initialised, so
 * the label is read through ipkcs11wrapper, which shares the process's one initialisation of
 * the library with SunPKCS11.
 *
 * <p>Guarantees: the library is loaded through {@link Modules}, the process's one shared
 * module per library path, which accepts a library another user (SunPKCS11) initialised first
 * and never finalises one; ipkcs11wrapper's log lines stay off standard output
 * ({@link WrapperLog}).
 */
final class TokenSlots {
  private TokenSlots() {}

  /**
   * The id of the slot holding the token labelled {@code label}.
   *
   * @throws KmsException {@code TOKEN_UNAVAILABLE} when no present token has the label;
   *     {@code BACKEND_FAILURE} when
   *     more than one has it, or the library fails
   */
  static long slotOf(Path library, String label) {
    PKCS11Module module = Modules.acquire(library);
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
    } finally {
      Modules.release(library);
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
}
