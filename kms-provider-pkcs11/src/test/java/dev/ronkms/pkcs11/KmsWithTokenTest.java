package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** The engine with its Ed25519 keys on the token: every version a token key of its own. */
class KmsWithTokenTest {
  private static final byte[] MESSAGE = "engine on a token".getBytes(StandardCharsets.UTF_8);

  @Test
  void createSignRotateDestroyDelete() {
    try (Pkcs11Ed25519Provider provider = new Pkcs11Ed25519Provider(SoftHsm.token());
        Kms kms = Kms.builder().addProvider(provider).provider(Algorithm.ED25519, "pkcs11")
            .build()) {
      assertEquals("pkcs11", kms.provider(Algorithm.ED25519));
      assertEquals(ErrorCode.EXPORT_NOT_ALLOWED, assertThrows(KmsException.class,
          () -> kms.create("tenant", "token", Algorithm.ED25519,
              KeyOptions.defaults().with(ExportPolicy.EXPORTABLE_SEALED))).code(),
          "a key that never leaves the token cannot be promised for export");
      assertEquals(0, TokenObjects.count(provider, "tenant/token/"), "nothing made on the token");
      KeyId key = kms.create("tenant", "token", Algorithm.ED25519);
      KeyId v1 = key.withVersion(1);
      assertEquals(2, TokenObjects.count(provider, v1.format() + "#"));

      Signed signed = kms.sign(key, MESSAGE);
      assertEquals(1, signed.version());
      assertTrue(kms.verify(signed, MESSAGE));
      byte[] publicKey = kms.publicKey(v1);
      assertTrue(Ed25519.verify(signed.signature(), 0, publicKey, 0, MESSAGE, 0,
          MESSAGE.length));

      KeyId v2 = kms.rotate(key);
      assertEquals(2, v2.version());
      assertEquals(2, TokenObjects.count(provider, v2.format() + "#"), "a new object per version");
      Signed second = kms.sign(key, MESSAGE);
      assertEquals(2, second.version());
      assertTrue(kms.verify(second, MESSAGE));
      assertTrue(kms.verify(signed, MESSAGE), "v1 still verifies");

      kms.disable(v1);
      kms.destroy(v1);
      assertEquals(0, TokenObjects.count(provider, v1.format() + "#"), "destroyed on the token");
      assertEquals(2, TokenObjects.count(provider, v2.format() + "#"));
      assertEquals(ErrorCode.VERSION_DESTROYED,
          assertThrows(KmsException.class, () -> kms.verify(signed, MESSAGE)).code());

      KmsException export = assertThrows(KmsException.class,
          () -> kms.exportKey(key, TestSealer.random()));
      assertEquals(ErrorCode.EXPORT_NOT_ALLOWED, export.code());

      assertTrue(kms.delete(key));
      assertEquals(0, TokenObjects.count(provider, key.format() + "/"), "deleted on the token");
    }
  }

  @Test
  void closingTheEngineKeepsTheTokenKeys() {
    try (Pkcs11Ed25519Provider provider = new Pkcs11Ed25519Provider(SoftHsm.token())) {
      KeyId key;
      try (Kms kms = Kms.builder().addProvider(provider).provider(Algorithm.ED25519, "pkcs11")
          .build()) {
        key = kms.create("tenant", "kept", Algorithm.ED25519);
      }
      assertEquals(2, TokenObjects.count(provider, key.format() + "/"));
    }
  }
}
