package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.spi.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The provider's argument checks, handle ownership, and stale object handles. */
class ProviderEdgesTest {
  private static final byte[] MESSAGE = "edges".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);
  private static final long NO_SUCH_OBJECT = 0x7FFF_FF00L;

  private TokenConfig config;
  private Pkcs11Ed25519Provider provider;
  private PrivateKeyHandle key;

  @BeforeEach
  void open() {
    config = SoftHsm.token();
    provider = new Pkcs11Ed25519Provider(config);
    key = provider.generate(Algorithm.ED25519, null);
  }

  @AfterEach
  void close() {
    if (key != null) {
      key.discard();
    }
    provider.close();
  }

  private static void assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
  }

  @Test
  void describesItsConfigWithoutSecrets() {
    assertSame(config, provider.config());
    assertEquals("Pkcs11Ed25519Provider[pkcs11, token " + SoftHsm.TOKEN_LABEL + "]",
        provider.toString());
    assertFalse(provider.toString().contains(System.getenv(SoftHsm.PIN_VARIABLE)));
    assertTrue(((TokenKeyHandle) key).label().matches("ron-kms/[0-9a-f]{16}"),
        "a null version is a key without an id");
  }

  @Test
  void verifyIsForEd25519Only() {
    byte[] signature = provider.sign(key, MESSAGE);
    assertTrue(provider.verify(Algorithm.ED25519, key.publicKey(), MESSAGE, signature));
    assertFalse(provider.verify(Algorithm.ML_DSA_65, key.publicKey(), MESSAGE, signature),
        "a valid Ed25519 signature does not verify under another algorithm");
    assertFalse(provider.verify(null, key.publicKey(), MESSAGE, signature));
  }

  @Test
  void otherAlgorithmsAreUnsupported() {
    TestSealer sealer = TestSealer.random();
    byte[] sealed = provider.sealPrivateKey(key, sealer, AAD);
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> provider.openPrivateKey(Algorithm.ML_DSA_65, sealed, sealer, AAD));
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> provider.openPrivateKey(null, sealed, sealer, AAD));
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> provider.generate(null));
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
        () -> provider.generate(Algorithm.ML_DSA_65, null));
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> provider.generate(null, null));
    try (PrivateKeyHandle reopened = provider.openPrivateKey(Algorithm.ED25519, sealed, sealer,
        AAD)) {
      assertArrayEquals(key.publicKey(), reopened.publicKey());
    }
  }

  @Test
  void nullArgumentsAreInvalid() {
    TestSealer sealer = TestSealer.random();
    byte[] sealed = provider.sealPrivateKey(key, sealer, AAD);
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> provider.sealPrivateKey(key, null, AAD));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> provider.sealPrivateKey(key, sealer, null));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> provider.openPrivateKey(Algorithm.ED25519, null, sealer, AAD));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> provider.openPrivateKey(Algorithm.ED25519, sealed, null, AAD));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> provider.openPrivateKey(Algorithm.ED25519, sealed, sealer, null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> provider.sign(key, null));
    KmsException none = assertThrows(KmsException.class, () -> provider.sign(null, MESSAGE));
    assertEquals(ErrorCode.PROVIDER_MISMATCH, none.code());
    assertTrue(none.getMessage().contains("none"), none.getMessage());
  }

  @Test
  void aClosedHandleIsDestroyedForEveryUse() {
    key.close();
    assertCode(ErrorCode.VERSION_DESTROYED, () -> provider.sign(key, MESSAGE));
    assertCode(ErrorCode.VERSION_DESTROYED,
        () -> provider.sealPrivateKey(key, TestSealer.random(), AAD));
    assertTrue(key.toString().contains("destroyed"), key.toString());
  }

  @Test
  void aHandleOfAnotherTokenIsAMismatch() {
    try (Pkcs11Ed25519Provider elsewhere = new Pkcs11Ed25519Provider(SoftHsm.otherToken())) {
      assertCode(ErrorCode.PROVIDER_MISMATCH, () -> elsewhere.sign(key, MESSAGE));
      assertCode(ErrorCode.PROVIDER_MISMATCH,
          () -> elsewhere.sealPrivateKey(key, TestSealer.random(), AAD));
    }
    assertFalse(key.toString().contains("destroyed"), key.toString());
  }

  @Test
  void aStaleCachedObjectHandleIsFoundAgainByLabel() {
    TokenKeyHandle handle = (TokenKeyHandle) key;
    byte[] expected = provider.sign(key, MESSAGE);
    TokenKeyHandle.Objects real = handle.objects();
    assertEquals(provider.sessions().generation(), real.generation());
    handle.objects(new TokenKeyHandle.Objects(real.generation(), NO_SUCH_OBJECT,
        NO_SUCH_OBJECT));
    assertArrayEquals(expected, provider.sign(key, MESSAGE),
        "the token said the handle is stale: the key is found again");
    assertEquals(real, handle.objects(), "and the fresh handles are cached");
  }

  @Test
  void cachedObjectsOfAnOlderConnectionAreNotUsed() {
    TokenKeyHandle handle = (TokenKeyHandle) key;
    byte[] expected = provider.sign(key, MESSAGE);
    TokenKeyHandle.Objects real = handle.objects();
    handle.objects(new TokenKeyHandle.Objects(real.generation() - 1, NO_SUCH_OBJECT,
        NO_SUCH_OBJECT));
    assertArrayEquals(expected, provider.sign(key, MESSAGE));
    assertEquals(real, handle.objects());
    handle.objects(null);
    assertArrayEquals(expected, provider.sign(key, MESSAGE));
    assertNotNull(handle.objects(), "found again and cached");
    assertEquals(real, handle.objects());
  }

  @Test
  void anotherInstanceDoesNotUseNorChangeTheOwnersCache() {
    TokenKeyHandle handle = (TokenKeyHandle) key;
    byte[] expected = provider.sign(key, MESSAGE);
    try (Pkcs11Ed25519Provider same = new Pkcs11Ed25519Provider(config)) {
      TokenKeyHandle.Objects bogus = new TokenKeyHandle.Objects(
          same.sessions().generation(), NO_SUCH_OBJECT, NO_SUCH_OBJECT);
      handle.objects(bogus);
      assertArrayEquals(expected, same.sign(key, MESSAGE));
      assertSame(bogus, handle.objects(), "only the owner caches on the handle");
      handle.objects(null);
      assertArrayEquals(expected, same.sign(key, MESSAGE));
      assertEquals(null, handle.objects());
    }
  }

  @Test
  void aKeyWhoseObjectsWereDeletedIsNotFound() {
    TestSealer sealer = TestSealer.random();
    PrivateKeyHandle other = provider.openPrivateKey(Algorithm.ED25519,
        provider.sealPrivateKey(key, sealer, AAD), sealer, AAD);
    other.discard();
    ((TokenKeyHandle) key).objects(null);
    KmsException e = assertThrows(KmsException.class, () -> provider.sign(key, MESSAGE));
    assertEquals(ErrorCode.KEY_NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains(((TokenKeyHandle) key).label()), e.getMessage());
  }
}
