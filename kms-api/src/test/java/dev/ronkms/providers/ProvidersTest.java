package dev.ronkms.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.SignatureProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider selection (docs/ARCHITECTURE.md), rule by rule, with two test doubles registered in
 * META-INF/services.
 */
class ProvidersTest {
  private static final String PROPERTY = "kms.provider.ed25519";

  @AfterEach
  void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void discoversRegisteredProvidersAndSkipsBrokenEntries() {
    List<SignatureProvider> found = Providers.discover(SignatureProvider.class,
        getClass().getClassLoader());
    assertEquals(List.of("other", "fake"), found.stream().map(SignatureProvider::name).toList(),
        "sorted by priority; the entry naming a missing class is skipped");
  }

  @Test
  void highestPriorityWinsWithoutAChoice() {
    try (Kms kms = Kms.builder().build()) {
      assertEquals("other", kms.provider(Algorithm.ED25519));
      List<ProviderInfo> infos = kms.providers();
      assertEquals(2, infos.size());
      assertTrue(infos.get(0).selected());
      assertEquals(List.of(Capability.BATCH_VERIFY),
          List.copyOf(infos.get(1).capabilities()));
      assertEquals(FakeProvider.class.getName(), infos.get(1).implementation());
    }
  }

  @Test
  void explicitChoiceWinsOverPriorityAndProperty() {
    System.setProperty(PROPERTY, "other");
    try (Kms kms = Kms.builder().provider(Algorithm.ED25519, "fake").build()) {
      assertEquals("fake", kms.provider(Algorithm.ED25519));
    }
  }

  @Test
  void systemPropertyChoosesWhenTheBuilderDoesNot() {
    System.setProperty(PROPERTY, "fake");
    try (Kms kms = Kms.builder().build()) {
      assertEquals("fake", kms.provider(Algorithm.ED25519));
    }
  }

  @Test
  void namingAnAbsentProviderListsWhatIsPresent() {
    KmsException e = assertThrows(KmsException.class,
        () -> Kms.builder().provider(Algorithm.ED25519, "tink").build());
    assertEquals(ErrorCode.PROVIDER_NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("present: other, fake"), e.getMessage());
  }

  @Test
  void noProviderNamesTheModuleToAdd() {
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    try (Kms kms = Kms.builder().classLoader(empty).build()) {
      assertEquals(List.of(), kms.providers());
      KmsException e = assertThrows(KmsException.class,
          () -> kms.create("acme", "none", Algorithm.ED25519));
      assertEquals(ErrorCode.NO_PROVIDER, e.code());
      assertTrue(e.getMessage().contains("dev.ronkms:kms-provider-bc"), e.getMessage());
      assertEquals(ErrorCode.NO_PROVIDER,
          assertThrows(KmsException.class, () -> kms.provider(Algorithm.ED25519)).code());
      assertEquals(List.of(), kms.list(), "nothing was stored");
    }
  }

  @Test
  void propertyNamingAnAbsentProviderFailsTheBuild() {
    System.setProperty(PROPERTY, "nope");
    KmsException e = assertThrows(KmsException.class, () -> Kms.builder().build());
    assertEquals(ErrorCode.PROVIDER_NOT_FOUND, e.code());
  }

  @Test
  void providersAreListedPerAlgorithm() {
    try (Kms kms = Kms.builder().build()) {
      for (ProviderInfo info : kms.providers()) {
        assertEquals("ed25519", info.kind());
        assertEquals(info.name().equals("other"), info.selected());
      }
    }
  }

  @Test
  void anAddedInstanceShadowsTheDiscoveredOneOfTheSameName() {
    FakeProvider mine = new FakeProvider() {
      @Override
      public int priority() {
        return 99;
      }
    };
    try (Kms kms = Kms.builder().addProvider(mine).build()) {
      assertEquals("fake", kms.provider(Algorithm.ED25519));
      assertEquals(2, kms.providers().size());
    }
    KmsException twice = assertThrows(KmsException.class,
        () -> Kms.builder().addProvider(mine).addProvider(new FakeProvider()).build());
    assertEquals(ErrorCode.INVALID_ARGUMENT, twice.code());
  }

  @Test
  void tiesAreBrokenByName() {
    FakeProvider a = new FakeProvider();
    FakeProvider b = new FakeProvider() {
      @Override
      public String name() {
        return "alpha";
      }
    };
    assertEquals("alpha", Providers.select("ed25519", List.of(a, b), null, "x").name());
  }
}
