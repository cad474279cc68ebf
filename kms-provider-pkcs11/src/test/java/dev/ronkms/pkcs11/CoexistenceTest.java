package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ronkms.pkcs11.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * SunPKCS11 (the token sealer) and ipkcs11wrapper (the token signature provider's library)
 * share one process and one token: each may come first, the second's C_Initialize and C_Login
 * are told "already", and both go on working. ipkcs11wrapper also reads the sealer's key
 * attributes independently of SunPKCS11.
 */
class CoexistenceTest {
  private static final byte[] AAD = "coexistence".getBytes(StandardCharsets.UTF_8);

  @Test
  void sunPkcs11AndIpkcs11wrapperShareTheLibraryAndTheLogin() throws Exception {
    TokenConfig token = SoftHsm.token();
    String label = "coexist-" + UUID.randomUUID();
    try (TokenSealer sealer = TokenSealer.create(token, label)) {
      byte[] sealed = sealer.seal(new byte[] {1, 2, 3}, AAD);

      // a second user of the library, as the token signature provider is
      PKCS11Module module = PKCS11Module.getInstance(token.library().toString());
      try {
        module.initialize();
      } catch (PKCS11Exception e) {
        assertEquals(PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED, e.getErrorCode());
      }
      Slot slot = null;
      for (Slot s : module.getSlotList(true)) {
        if (s.getToken().getTokenInfo().getLabel().strip().equals(SoftHsm.TOKEN_LABEL)) {
          slot = s;
        }
      }
      assertNotNull(slot);
      Session session = slot.getToken().openSession(true);
      try {
        char[] pin = token.pin().read();
        try {
          session.login(PKCS11Constants.CKU_USER, pin);
        } catch (PKCS11Exception e) {
          assertEquals(PKCS11Constants.CKR_USER_ALREADY_LOGGED_IN, e.getErrorCode());
        }
        long[] found = session.findObjectsSingle(AttributeVector.newSecretKey()
            .label(label), 10);
        assertEquals(1, found.length, "one key object with the label");
        AttributeVector attrs = session.getAttrValues(found[0], PKCS11Constants.CKA_TOKEN,
            PKCS11Constants.CKA_SENSITIVE, PKCS11Constants.CKA_EXTRACTABLE,
            PKCS11Constants.CKA_VALUE_LEN, PKCS11Constants.CKA_KEY_TYPE);
        assertEquals(Boolean.TRUE, attrs.token());
        assertEquals(Boolean.TRUE, attrs.sensitive());
        assertEquals(Boolean.FALSE, attrs.extractable());
        assertEquals(32, attrs.valueLen());
        assertEquals(PKCS11Constants.CKK_AES, attrs.keyType());
        try { // the wrapper reports CKR_ATTRIBUTE_SENSITIVE as an absent value
          assertNull(session.getAttrValues(found[0], PKCS11Constants.CKA_VALUE).value(),
              "the token must not reveal the key's value");
        } catch (PKCS11Exception refused) {
          assertEquals(PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE, refused.getErrorCode());
        }

        // the wrapper makes and uses its own token object while the sealer works
        long own = session.generateKey(new Mechanism(PKCS11Constants.CKM_AES_KEY_GEN),
            AttributeVector.newAESSecretKey().valueLen(32).token(false).encrypt(true)
                .decrypt(true).label("coexist-session-key"));
        assertArrayEquals(new byte[] {1, 2, 3}, sealer.open(sealed, AAD));
        session.destroyObject(own);
      } finally {
        session.closeSession(); // never C_Finalize: it would end SunPKCS11's sessions too
      }
      assertArrayEquals(new byte[] {4}, sealer.open(sealer.seal(new byte[] {4}, AAD), AAD));
    }
    try (TokenSealer again = TokenSealer.open(token, label)) {
      assertArrayEquals(new byte[] {5}, again.open(again.seal(new byte[] {5}, AAD), AAD));
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theWrapperMayInitialiseAndLogInFirst(@TempDir Path dir) throws Exception {
    SoftHsm.Separate token = SoftHsm.separateToken(dir, "ron-kms-coexist");
    Process p = SoftHsm.childJvm(CoexistenceChild.class, token.environment()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    assertEquals(true, out.contains("OK"), out);
  }
}
