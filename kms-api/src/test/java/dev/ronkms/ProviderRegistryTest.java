package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.NOTHING;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Sealer;
import dev.ronkms.keys.KeyId;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider selection per algorithm (docs/ARCHITECTURE.md): an explicit or property choice of an
 * absent provider fails the build even when no provider serves the algorithm; otherwise the
 * highest priority wins, ties broken by name, whatever order the providers come in; an existing
 * key is served only by a provider of its record's name that serves its algorithm.
 */
class ProviderRegistryTest {
  private static final String PROPERTY = Providers.PROPERTY_PREFIX + "ed25519";

  @AfterEach
  void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void namingAProviderWhenNoneServesTheAlgorithmFailsTheBuild() {
    KmsException e = assertCode(ErrorCode.PROVIDER_NOT_FOUND,
        () -> Kms.builder().classLoader(NOTHING).provider(Algorithm.ED25519, "bc").build());
    assertTrue(e.getMessage().contains("'bc'") && e.getMessage().contains("(none)"),
        e.getMessage());
    System.setProperty(PROPERTY, "tink");
    assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> Kms.builder().classLoader(NOTHING).build());
  }

  @Test
  void aBlankPropertyIsNoChoiceAndNamesAreTrimmed() {
    TestProvider a = new TestProvider("a");
    TestProvider b = new TestProvider("b");
    System.setProperty(PROPERTY, "  ");
    try (Kms kms = Kms.builder().classLoader(NOTHING).addProvider(b).addProvider(a).build()) {
      assertEquals("a", kms.provider(Algorithm.ED25519), "equal priority: the first by name");
    }
    System.setProperty(PROPERTY, " b ");
    try (Kms kms = Kms.builder().classLoader(NOTHING).addProvider(a).addProvider(b).build()) {
      assertEquals("b", kms.provider(Algorithm.ED25519));
    }
  }

  /**
   * Regression: a blank property is no choice (Providers.select ignores it), so with no provider
   * for the algorithm the build succeeds and only a call that needs a provider fails. The
   * registry used to count a blank property as a choice and failed the build with NO_PROVIDER.
   */
  @Test
  void aBlankPropertyWithNoProviderIsNoChoiceEither() {
    for (String blank : new String[] {"", "  "}) {
      System.setProperty(PROPERTY, blank);
      try (Kms kms = Kms.builder().classLoader(NOTHING).build()) {
        assertCode(ErrorCode.NO_PROVIDER, () -> kms.create("acme", "k", Algorithm.ED25519));
        TestProvider signer = new TestProvider("s");
        PrivateKeyHandle h = signer.generate(Algorithm.ED25519);
        KeyId key = kms.importPublicKey("acme", "p", Algorithm.ED25519, h.publicKey());
        assertTrue(kms.verify(key.withVersion(1), MSG, signer.sign(h, MSG)),
            "a verify-only key verifies without a provider");
      }
    }
  }

  @Test
  void selectionIsByPriorityThenNameWhateverTheOrder() {
    SignatureProvider low = named("zeta", 1);
    SignatureProvider high = named("omega", 50);
    SignatureProvider tieA = named("alpha", 50);
    for (List<SignatureProvider> order : List.of(List.of(low, high, tieA),
        List.of(tieA, high, low), List.of(high, low, tieA))) {
      assertSame(tieA, Providers.select("ed25519", order, null, "x"));
      ProviderRegistry registry = new ProviderRegistry(List.copyOf(order), Map.of());
      assertSame(tieA, registry.forNewKeys(Algorithm.ED25519));
      assertEquals("alpha", registry.selectedName(Algorithm.ED25519));
    }
    assertSame(low, Providers.select("ed25519", List.of(low, high), "zeta", "x"));
    assertCode(ErrorCode.NO_PROVIDER, () -> Providers.select("ed25519", List.of(), null,
        "kms-provider-bc"));
    ProviderRegistry none = new ProviderRegistry(List.of(), Map.of());
    assertNull(none.selectedName(Algorithm.ED25519));
    assertCode(ErrorCode.NO_PROVIDER, () -> none.forNewKeys(Algorithm.ED25519));
  }

  @Test
  void anExistingKeyNeedsAProviderOfItsNameThatServesItsAlgorithm() {
    TestProvider real = new TestProvider("a");
    InMemoryKeystoreStore store = new InMemoryKeystoreStore();
    Kms maker = Kms.builder().classLoader(NOTHING).store(store).addProvider(real).build();
    KeyId key = maker.create("acme", "k", Algorithm.ED25519);
    SignatureProvider impostor = new ProviderDistrustTest.Scripted(new TestProvider("a")) {
      @Override
      public Set<Algorithm> algorithms() {
        return Set.of();
      }
    };
    Kms other = Kms.builder().classLoader(NOTHING).store(store).addProvider(impostor)
        .addProvider(new TestProvider("b")).build();
    assertEquals("b", other.provider(Algorithm.ED25519));
    assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> other.sign(key, MSG));
    assertCode(ErrorCode.PROVIDER_NOT_FOUND, () -> other.rotate(key));
    assertEquals(1, real.made().size());
    assertTrue(maker.verify(maker.sign(key, MSG), MSG));
    maker.close();
  }

  @Test
  void inMemoryIsTheDefaultBuild() {
    try (Kms kms = Kms.inMemory()) {
      assertEquals("other", kms.provider(Algorithm.ED25519),
          "discovered through META-INF/services, the highest priority selected");
      assertEquals(List.of(), kms.list());
      assertEquals(VerificationRoute.POLICY_VERIFIER, kms.verificationRoute());
    }
  }

  private static SignatureProvider named(String name, int priority) {
    return new SignatureProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public Set<Capability> capabilities() {
        return Set.of();
      }

      @Override
      public Set<Algorithm> algorithms() {
        return Set.of(Algorithm.ED25519);
      }

      @Override
      public PrivateKeyHandle generate(Algorithm algorithm) {
        throw new UnsupportedOperationException();
      }

      @Override
      public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
        throw new UnsupportedOperationException();
      }

      @Override
      public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] aad) {
        throw new UnsupportedOperationException();
      }

      @Override
      public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
          byte[] aad) {
        throw new UnsupportedOperationException();
      }

      @Override
      public byte[] sign(PrivateKeyHandle key, byte[] message) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
          byte[] signature) {
        return false;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
