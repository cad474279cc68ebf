package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

class Pkcs11Ed25519ProviderTest {
  private static final byte[] MESSAGE = "a message for the token".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);
  private Pkcs11Ed25519Provider provider;

  @BeforeEach
  void open() {
    provider = new Pkcs11Ed25519Provider(SoftHsm.token());
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void describesItself() {
    assertEquals("pkcs11", provider.name());
    assertEquals(50, provider.priority());
    assertEquals(Set.of(Algorithm.ED25519), provider.algorithms());
    assertEquals(Set.of(Capability.HARDWARE_BACKED, Capability.NON_EXTRACTABLE_KEYS),
        provider.capabilities());
  }

  @Test
  void generatesSignsAndVerifiesDeterministically() {
    KeyId version = KeyId.of("tenant", "token", Algorithm.ED25519, UUID.randomUUID())
        .withVersion(3);
    try (PrivateKeyHandle key = provider.generate(Algorithm.ED25519, version)) {
      TokenKeyHandle handle = (TokenKeyHandle) key;
      assertTrue(handle.label().matches(java.util.regex.Pattern.quote(version.format())
          + "#[0-9a-f]{8}"), handle.label());
      assertTrue(key.toString().contains(handle.label()));
      byte[] publicKey = key.publicKey();
      assertEquals(32, publicKey.length);
      byte[] signature = provider.sign(key, MESSAGE);
      assertEquals(64, signature.length);
      assertArrayEquals(signature, provider.sign(key, MESSAGE), "RFC 8032 is deterministic");
      assertTrue(provider.verify(Algorithm.ED25519, publicKey, MESSAGE, signature));
      assertTrue(Ed25519.verify(signature, 0, publicKey, 0, MESSAGE, 0, MESSAGE.length));
      assertFalse(provider.verify(Algorithm.ED25519, publicKey, "other".getBytes(), signature));
      ((TokenKeyHandle) key).discard();
    }
  }

  @Test
  void labelWithoutKeyIdIsRandom() {
    PrivateKeyHandle a = provider.generate(Algorithm.ED25519);
    PrivateKeyHandle b = provider.generate(Algorithm.ED25519);
    try {
      assertTrue(((TokenKeyHandle) a).label().matches("ron-kms/[0-9a-f]{16}"));
      assertNotEquals(((TokenKeyHandle) a).label(), ((TokenKeyHandle) b).label());
      assertFalse(java.util.Arrays.equals(a.publicKey(), b.publicKey()));
    } finally {
      a.discard();
      b.discard();
    }
  }

  @Test
  void privateKeyNeverLeavesTheToken() {
    PrivateKeyHandle key = provider.generate(Algorithm.ED25519);
    TokenKeyHandle handle = (TokenKeyHandle) key;
    try {
      long object = handle.objects().privateKey();
      AttributeVector attributes = provider.sessions().call("read", (s, g) ->
          s.getAttrValues(object, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_TOKEN));
      assertEquals(Boolean.TRUE, attributes.sensitive());
      assertEquals(Boolean.FALSE, attributes.extractable());
      assertEquals(Boolean.TRUE, attributes.token());
      byte[] value = provider.sessions().call("read value", (s, g) -> {
        try {
          return s.getAttrValues(object, CKA_VALUE).value();
        } catch (PKCS11Exception refused) {
          return null;
        }
      });
      assertTrue(value == null || value.length == 0, "CKA_VALUE must be refused");

      TestSealer sealer = TestSealer.random();
      byte[] sealed = provider.sealPrivateKey(key, sealer, AAD);
      byte[] plain = sealer.open(sealed, AAD);
      KeyReference reference = KeyReference.decode(plain);
      assertEquals(handle.label(), reference.label());
      assertArrayEquals(handle.id(), reference.id());
      int labelBytes = handle.label().getBytes(StandardCharsets.UTF_8).length;
      assertEquals(3 + 1 + 2 + labelBytes + 1 + 16, plain.length, "a label and an id only");

      try (PrivateKeyHandle reopened = provider.openPrivateKey(Algorithm.ED25519, sealed,
          sealer, AAD)) {
        assertArrayEquals(key.publicKey(), reopened.publicKey());
        assertArrayEquals(provider.sign(key, MESSAGE), provider.sign(reopened, MESSAGE));
      }
    } finally {
      key.discard();
    }
  }

  @Test
  void discardDeletesTheObjectsAndCloseDoesNot() {
    PrivateKeyHandle key = provider.generate(Algorithm.ED25519);
    String label = ((TokenKeyHandle) key).label();
    TestSealer sealer = TestSealer.random();
    byte[] sealed = provider.sealPrivateKey(key, sealer, AAD);
    key.close();
    assertTrue(key.isDestroyed());
    assertEquals(ErrorCode.VERSION_DESTROYED,
        assertThrows(KmsException.class, () -> provider.sign(key, MESSAGE)).code());
    assertEquals(2, TokenObjects.count(provider, label), "close keeps the token objects");
    PrivateKeyHandle reopened = provider.openPrivateKey(Algorithm.ED25519, sealed, sealer, AAD);
    reopened.discard();
    reopened.discard();
    assertTrue(reopened.isDestroyed());
    assertEquals(0, TokenObjects.count(provider, label));
    KmsException gone = assertThrows(KmsException.class,
        () -> provider.openPrivateKey(Algorithm.ED25519, sealed, sealer, AAD));
    assertEquals(ErrorCode.KEY_NOT_FOUND, gone.code());
  }

  @Test
  void refusesForeignHandlesSeedsAndBadReferences() {
    PrivateKeyHandle foreign = new PrivateKeyHandle() {
      @Override
      public String provider() {
        return "pkcs11";
      }

      @Override
      public Algorithm algorithm() {
        return Algorithm.ED25519;
      }

      @Override
      public byte[] publicKey() {
        return new byte[32];
      }

      @Override
      public boolean isDestroyed() {
        return false;
      }

      @Override
      public void close() {}
    };
    assertEquals(ErrorCode.PROVIDER_MISMATCH,
        assertThrows(KmsException.class, () -> provider.sign(foreign, MESSAGE)).code());
    assertEquals(ErrorCode.PROVIDER_MISMATCH, assertThrows(KmsException.class,
        () -> provider.sealPrivateKey(foreign, TestSealer.random(), AAD)).code());
    assertEquals(ErrorCode.UNSUPPORTED_OPERATION, assertThrows(KmsException.class,
        () -> provider.importPrivateKey(Algorithm.ED25519, new byte[32])).code());
    assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, assertThrows(KmsException.class,
        () -> provider.generate(Algorithm.ML_DSA_65)).code());
    TestSealer sealer = TestSealer.random();
    assertEquals(ErrorCode.MALFORMED_KEY, assertThrows(KmsException.class,
        () -> provider.openPrivateKey(Algorithm.ED25519, sealer.seal(new byte[32], AAD),
            sealer, AAD)).code());
    assertEquals(ErrorCode.TAMPERED, assertThrows(KmsException.class,
        () -> provider.openPrivateKey(Algorithm.ED25519, sealer.seal(new byte[32], AAD),
            TestSealer.random(), AAD)).code());
  }

  @Test
  void anotherInstanceOnTheSameTokenSignsWithTheHandleAndAnotherTokenRefusesIt() {
    try (Pkcs11Ed25519Provider same = new Pkcs11Ed25519Provider(SoftHsm.token());
        Pkcs11Ed25519Provider elsewhere = new Pkcs11Ed25519Provider(SoftHsm.otherToken())) {
      PrivateKeyHandle key = same.generate(Algorithm.ED25519);
      try {
        assertArrayEquals(same.sign(key, MESSAGE), provider.sign(key, MESSAGE),
            "a store and a key manager may hold two instances on one token");
        assertEquals(ErrorCode.PROVIDER_MISMATCH,
            assertThrows(KmsException.class, () -> elsewhere.sign(key, MESSAGE)).code());
      } finally {
        key.discard();
      }
    }
  }


  @Test
  void verifyIsAPredicate() {
    assertFalse(provider.verify(Algorithm.ED25519, null, null, null));
    assertFalse(provider.verify(Algorithm.ED25519, new byte[31], MESSAGE, new byte[64]));
    assertFalse(provider.verify(Algorithm.ED25519, new byte[32], MESSAGE, new byte[63]));
    assertFalse(provider.verify(Algorithm.ML_DSA_65, new byte[32], MESSAGE, new byte[64]));
    assertFalse(provider.verify(null, new byte[32], MESSAGE, new byte[64]));
  }

  @Test
  void closedProviderFailsTyped() {
    PrivateKeyHandle key = provider.generate(Algorithm.ED25519);
    String label = ((TokenKeyHandle) key).label();
    provider.close();
    provider.close();
    KmsException closed = assertThrows(KmsException.class, () -> provider.sign(key, MESSAGE));
    assertEquals(ErrorCode.CLOSED, closed.code());
    assertEquals(ErrorCode.CLOSED, assertThrows(KmsException.class,
        () -> provider.generate(Algorithm.ED25519)).code());
    key.discard(); // never throws, even with the provider closed
    provider = new Pkcs11Ed25519Provider(SoftHsm.token());
    assertEquals(2, TokenObjects.count(provider, label), "a closed provider changed nothing");
  }
}
