package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.SignatureProvider;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ServiceLoader finds the provider when a token is configured, and skips it quietly if not. */
class DiscoveryTest {
  private static final List<String> PROPERTIES = List.of(TokenConfig.LIBRARY_PROPERTY,
      TokenConfig.TOKEN_PROPERTY, TokenConfig.PIN_ENV_PROPERTY);

  @AfterEach
  void clear() {
    PROPERTIES.forEach(System::clearProperty);
  }

  @Test
  void foundWhenConfigured() {
    SoftHsm.assumeAvailable();
    assertTrue(SoftHsm.publishForDiscovery().isEmpty());
    List<SignatureProvider> found = Providers.discover(SignatureProvider.class,
        getClass().getClassLoader());
    SignatureProvider token = found.stream().filter(p -> p.name().equals("pkcs11"))
        .findFirst().orElseThrow();
    try {
      assertTrue(token instanceof Pkcs11Ed25519Provider);
      try (Kms kms = Kms.builder().addProvider(token).provider(Algorithm.ED25519, "pkcs11")
          .build()) {
        KeyId key = kms.create("tenant", "found", Algorithm.ED25519);
        Signed signed = kms.sign(key, new byte[] {1, 2, 3});
        assertTrue(kms.verify(signed, new byte[] {1, 2, 3}));
        kms.delete(key);
      }
    } finally {
      ((Pkcs11Ed25519Provider) token).close();
    }
  }

  @Test
  void skippedWhenNotConfigured() {
    SoftHsm.assumeAvailable();
    Properties before = System.getProperties();
    PROPERTIES.forEach(p -> assertFalse(before.containsKey(p)));
    List<SignatureProvider> found = Providers.discover(SignatureProvider.class,
        getClass().getClassLoader());
    assertTrue(found.stream().noneMatch(p -> p.name().equals("pkcs11")), found.toString());
    try (Kms kms = Kms.inMemory()) {
      assertEquals(0, kms.providers().stream().filter(p -> p.name().equals("pkcs11")).count());
    }
  }
}
