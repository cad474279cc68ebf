package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.testing.SoftHsm;
import iaik.pkcs.pkcs11.wrapper.PKCS11Implementation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * The process-wide state: the shared, counted modules ({@link Modules}) and the record of the
 * PIN each token was logged in with ({@link TokenLogins}). Each test uses a library path of its
 * own (a link to, or a copy of, SoftHSM's library), so what other tests hold does not count.
 */
class ModulesAndLoginsTest {
  private static final String WRONG_PIN = "wrong-pin-0815";

  @TempDir
  Path dir;

  private Path link(String name) throws IOException {
    SoftHsm.token();
    return Files.createSymbolicLink(dir.resolve(name), SoftHsm.library().orElseThrow());
  }

  /** A copy of the library: the dynamic linker loads it as a SoftHSM of its own. */
  private Path copy(String name) throws IOException {
    SoftHsm.token();
    return Files.copy(SoftHsm.library().orElseThrow(), dir.resolve(name));
  }

  private Path pinFile(String pin) throws IOException {
    Path file = Files.writeString(dir.resolve("pin-" + pin.length()), pin);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void aModuleIsSharedUntilItsLastUserLetsGo() throws IOException {
    Path library = link("libshared.so");
    PKCS11Module first = Modules.acquire(library);
    PKCS11Module second = Modules.acquire(library.resolveSibling("./libshared.so"));
    assertSame(first, second, "one module per normalised path");
    Modules.release(library);
    PKCS11Module third = Modules.acquire(library);
    assertSame(first, third, "one user left: still the same module");
    Modules.release(library);
    Modules.release(library);
    PKCS11Module fresh = Modules.acquire(library);
    assertNotSame(first, fresh, "the last user let go: the module was forgotten");
    Modules.release(library);
    Modules.release(library); // one more release than acquisitions is harmless
    Modules.release(dir.resolve("never-loaded.so"));
    assertNotSame(fresh, holdAndRelease(library));
  }

  private static PKCS11Module holdAndRelease(Path library) {
    PKCS11Module m = Modules.acquire(library);
    Modules.release(library);
    return m;
  }

  @Test
  void aLibraryThatCannotBeLoadedIsABackendFailure() throws IOException {
    Path notALibrary = Files.writeString(dir.resolve("libnot.so"), "not an ELF file");
    KmsException e = assertThrows(KmsException.class, () -> Modules.acquire(notALibrary));
    assertEquals(ErrorCode.BACKEND_FAILURE, e.code(), e.getMessage());
  }

  @Test
  void initializeSaysWhetherItInitialisedAndAcceptsAnInitialisedLibrary() throws Exception {
    Path library = copy("libfresh.so");
    PKCS11Module module = PKCS11Module.getInstance(library.toString());
    assertTrue(Modules.initialize(module, library), "a fresh library is initialised here");
    assertFalse(Modules.initialize(module, library), "CKR_CRYPTOKI_ALREADY_INITIALIZED");
    assertFalse(Modules.initialize(PKCS11Module.getInstance(library.toString()), library));
  }

  @Test
  void initializeRefusalsAreTokenUnavailable() throws Exception {
    PKCS11Module real = Modules.acquire(SoftHsm.token().library());
    try {
      PKCS11Implementation implementation = (PKCS11Implementation) real.getPKCS11Module();
      PKCS11Module refusing = new PKCS11Module(implementation) {
        @Override
        public void initialize() throws PKCS11Exception {
          throw new PKCS11Exception(PKCS11Constants.CKR_FUNCTION_FAILED);
        }
      };
      KmsException refused = assertThrows(KmsException.class,
          () -> Modules.initialize(refusing, Path.of("/lib/x.so")));
      assertEquals(ErrorCode.TOKEN_UNAVAILABLE, refused.code());
      assertTrue(refused.getMessage().contains("CKR_FUNCTION_FAILED"), refused.getMessage());
      assertTrue(refused.getMessage().contains("/lib/x.so"), refused.getMessage());

      PKCS11Module broken = new PKCS11Module(implementation) {
        @Override
        public void initialize() {
          throw new IllegalStateException("broken");
        }
      };
      KmsException failed = assertThrows(KmsException.class,
          () -> Modules.initialize(broken, Path.of("/lib/x.so")));
      assertEquals(ErrorCode.TOKEN_UNAVAILABLE, failed.code());
      assertTrue(failed.getMessage().contains("IllegalStateException"), failed.getMessage());
    } finally {
      Modules.release(SoftHsm.token().library());
    }
  }

  @Test
  void closingSessionsTwiceReleasesTheModuleOnceAndAFailedConnectReleasesIt()
      throws IOException {
    TokenConfig good = SoftHsm.token();
    Path library = link("libcounted.so");
    TokenConfig linked = TokenConfig.of(library, good.tokenLabel(), good.pin());
    PKCS11Module held = Modules.acquire(library);
    TokenSessions sessions = new TokenSessions(linked);
    sessions.close();
    sessions.close();
    assertSame(held, holdAndRelease(library), "our hold is still counted");

    TokenConfig absent = TokenConfig.of(library, "no-such-token-here", good.pin());
    assertEquals(ErrorCode.TOKEN_UNAVAILABLE,
        assertThrows(KmsException.class, () -> new TokenSessions(absent)).code());
    assertSame(held, holdAndRelease(library));
    Modules.release(library);
    assertNotSame(held, holdAndRelease(library),
        "closed sessions and the failed connect let go of the module");
  }

  @Test
  void theTokenProvidersFirstLoginIsRecordedAndAnotherPinRefusedAfterIt() throws IOException {
    TokenConfig good = SoftHsm.token();
    Path library = copy("libfirstlogin.so");
    TokenConfig fresh = TokenConfig.of(library, good.tokenLabel(), good.pin()).withSessions(1);
    TokenConfig wrong = TokenConfig.of(library, good.tokenLabel(),
        PinSource.file(pinFile(WRONG_PIN)));
    try (Pkcs11Ed25519Provider provider = new Pkcs11Ed25519Provider(fresh)) {
      KmsException refused = assertThrows(KmsException.class,
          () -> new Pkcs11Ed25519Provider(wrong));
      assertEquals(ErrorCode.INVALID_ARGUMENT, refused.code());
      assertFalse(refused.getMessage().contains(WRONG_PIN));
      assertTrue(refused.getMessage().contains("another PIN"), refused.getMessage());
      assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
          () -> TokenSealer.open(wrong, "no-such-key")).code(), "and through SunPKCS11");
      try (Pkcs11Ed25519Provider again = new Pkcs11Ed25519Provider(fresh)) {
        assertSame(fresh, again.config(), "the right PIN still works");
      }
    }
  }

  @Test
  void theSealersFirstLoginIsRecordedAndAnotherPinRefusedAfterIt() throws IOException {
    TokenConfig good = SoftHsm.token();
    Path library = copy("libsealerlogin.so");
    TokenConfig fresh = TokenConfig.of(library, good.tokenLabel(), good.pin());
    TokenConfig wrong = TokenConfig.of(library, good.tokenLabel(),
        PinSource.file(pinFile(WRONG_PIN)));
    KmsException missing = assertThrows(KmsException.class,
        () -> TokenSealer.open(fresh, "no-such-key"));
    assertEquals(ErrorCode.KEY_NOT_FOUND, missing.code(), missing.getMessage());
    KmsException refused = assertThrows(KmsException.class,
        () -> new Pkcs11Ed25519Provider(wrong));
    assertEquals(ErrorCode.INVALID_ARGUMENT, refused.code(), refused.getMessage());
    assertFalse(refused.getMessage().contains(WRONG_PIN));
  }

  @Test
  void aWrongPinAtTheFirstLoginIsRefusedByTheToken() throws IOException {
    TokenConfig good = SoftHsm.token();
    Path library = copy("libwrongfirst.so");
    TokenConfig wrong = TokenConfig.of(library, good.tokenLabel(),
        PinSource.file(pinFile(WRONG_PIN)));
    KmsException refused = assertThrows(KmsException.class,
        () -> new Pkcs11Ed25519Provider(wrong));
    assertEquals(ErrorCode.INVALID_ARGUMENT, refused.code(), refused.getMessage());
    assertTrue(refused.getMessage().contains("CKR_PIN_INCORRECT"), refused.getMessage());
    assertFalse(refused.getMessage().contains(WRONG_PIN));
    TokenConfig fresh = TokenConfig.of(library, good.tokenLabel(), good.pin());
    try (Pkcs11Ed25519Provider provider = new Pkcs11Ed25519Provider(fresh)) {
      assertSame(fresh, provider.config(), "the right PIN logs in after a wrong one");
    }
  }
}
