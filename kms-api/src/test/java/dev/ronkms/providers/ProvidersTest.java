package dev.ronkms.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.Ed25519Backend;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DESIGN §8, rule by rule, with two test doubles registered in META-INF/services. */
class ProvidersTest {
  private static final String PROPERTY = "kms.provider.ed25519";

  @AfterEach
  void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void discoversRegisteredProvidersAndSkipsBrokenEntries() {
    List<Ed25519Backend> found = Providers.discover(Ed25519Backend.class,
        getClass().getClassLoader());
    assertEquals(List.of("other", "fake"), found.stream().map(Ed25519Backend::name).toList(),
        "sorted by priority; the entry naming a missing class is skipped");
  }

  @Test
  void highestPriorityWinsWithoutAChoice() {
    try (Kms kms = Kms.builder().build()) {
      assertEquals("other", kms.ed25519Provider());
      List<ProviderInfo> infos = kms.providers();
      assertEquals(2, infos.size());
      assertTrue(infos.get(0).selected());
      assertEquals(List.of(Capability.BATCH_VERIFY),
          List.copyOf(infos.get(1).capabilities()));
      assertEquals(FakeBackend.class.getName(), infos.get(1).implementation());
    }
  }

  @Test
  void explicitChoiceWinsOverPriorityAndProperty() {
    System.setProperty(PROPERTY, "other");
    try (Kms kms = Kms.builder().ed25519Provider("fake").build()) {
      assertEquals("fake", kms.ed25519Provider());
    }
  }

  @Test
  void systemPropertyChoosesWhenTheBuilderDoesNot() {
    System.setProperty(PROPERTY, "fake");
    try (Kms kms = Kms.builder().build()) {
      assertEquals("fake", kms.ed25519Provider());
    }
  }

  @Test
  void namingAnAbsentProviderListsWhatIsPresent() {
    KmsException e = assertThrows(KmsException.class,
        () -> Kms.builder().ed25519Provider("tink").build());
    assertEquals(ErrorCode.PROVIDER_NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("present: other, fake"), e.getMessage());
  }

  @Test
  void noProviderNamesTheModuleToAdd() {
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    KmsException e = assertThrows(KmsException.class,
        () -> Kms.builder().classLoader(empty).build());
    assertEquals(ErrorCode.NO_PROVIDER, e.code());
    assertTrue(e.getMessage().contains("dev.ronkms:kms-provider-bc"), e.getMessage());
  }

  @Test
  void tiesAreBrokenByName() {
    FakeBackend a = new FakeBackend();
    FakeBackend b = new FakeBackend() {
      @Override
      public String name() {
        return "alpha";
      }
    };
    assertEquals("alpha", Providers.select("ed25519", List.of(a, b), null, "x").name());
  }
}
