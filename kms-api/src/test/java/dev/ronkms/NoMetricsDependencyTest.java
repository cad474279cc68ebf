package dev.ronkms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.events.OperationEvent;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.TestProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The library works with Micrometer absent: kms-api's own class path (its dependencies, which
 * are what a host gets) has no Micrometer class, its module descriptor requires nothing but
 * java.base and kms-ed25519, and a key manager with an event listener works without it. Metrics
 * live in the optional kms-micrometer module.
 */
class NoMetricsDependencyTest {

  @Test
  void micrometerIsNotOnKmsApisClassPath() {
    for (String name : List.of("io.micrometer.core.instrument.MeterRegistry",
        "io.micrometer.common.KeyValue", "dev.ronkms.micrometer.KmsMetrics")) {
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName(name, false, Kms.class.getClassLoader()), name);
    }
  }

  @Test
  void theModuleRequiresOnlyTheJdkBaseAndEd25519() throws Exception {
    URL classes = Kms.class.getProtectionDomain().getCodeSource().getLocation();
    try (InputStream in = new URL(classes, "module-info.class").openStream()) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals("dev.ronkms.api", d.name());
      Set<String> requires = new TreeSet<>();
      d.requires().forEach(r -> requires.add(r.name()));
      assertEquals(Set.of("java.base", "dev.ronkms.ed25519"), requires);
    }
  }

  @Test
  void eventsReachAListenerWithoutMicrometer() {
    List<OperationEvent> seen = new ArrayList<>();
    try (Kms kms = Fixtures.builder(new TestProvider("t")).listener(seen::add).build()) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      assertTrue(kms.verify(kms.sign(key, Fixtures.MSG), Fixtures.MSG));
    }
    assertEquals(List.of("create", "sign", "verify"),
        seen.stream().map(e -> e.operation().label()).toList());
  }
}
