package dev.ronkms.pkcs11;

import java.util.Arrays;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * A child JVM of {@link CoexistenceTest} in which ipkcs11wrapper initialises the library and
 * logs in first, as the token signature provider would, and the token sealer comes second.
 * Prints {@code OK} when the sealer works and the wrapper's session still does.
 */
public final class CoexistenceChild {
  private CoexistenceChild() {}

  public static void main(String[] args) throws Exception {
    TokenConfig config = TokenConfig.fromSystem().orElseThrow();
    PKCS11Module module = PKCS11Module.getInstance(config.library().toString());
    module.initialize();
    Slot slot = Arrays.stream(module.getSlotList(true)).filter(s -> {
      try {
        return s.getToken().getTokenInfo().getLabel().strip().equals(config.tokenLabel());
      } catch (Exception e) {
        return false;
      }
    }).findFirst().orElseThrow();
    Session session = slot.getToken().openSession(true);
    session.login(PKCS11Constants.CKU_USER, config.pin().read());
    try (TokenSealer sealer = TokenSealer.create(config, "coexist-child")) {
      byte[] sealed = sealer.seal(new byte[] {7}, new byte[0]);
      if (sealer.open(sealed, new byte[0])[0] != 7) {
        throw new AssertionError("round trip");
      }
    }
    session.getSessionInfo(); // the wrapper's session survived SunPKCS11's arrival
    session.closeSession();
    System.out.println("OK");
  }
}
