package dev.ronkms.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.SignatureProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider jar whose library is missing (kms-provider-bc without bcprov) is skipped, logged
 * with its cause, and named by the "no provider" errors, while the working providers still load.
 * The test class loader reads its own META-INF/services file and hides {@link MissingDependency}
 * and {@link MissingBase}, as a class path without the provider's library would.
 */
class BrokenDiscoveryTest {
  private static final Set<String> HIDDEN =
      Set.of(MissingDependency.class.getName(), MissingBase.class.getName());
  private static final Set<String> CHILD_FIRST = Set.of(NeedsMissingDependency.class.getName(),
      ExtendsMissing.class.getName(), ThrowingProvider.class.getName());

  @TempDir
  Path dir;

  private final Logger julLogger = Logger.getLogger(Providers.LOGGER_NAME);
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (records) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level oldLevel;

  @BeforeEach
  void captureLog() {
    oldLevel = julLogger.getLevel();
    julLogger.setLevel(Level.ALL);
    julLogger.addHandler(capture);
  }

  @AfterEach
  void restoreLog() {
    julLogger.removeHandler(capture);
    julLogger.setLevel(oldLevel);
  }

  @Test
  void brokenProvidersAreSkippedRecordedAndLoggedTheWorkingOneLoads() throws IOException {
    ClassLoader loader = loader(NeedsMissingDependency.class, ExtendsMissing.class,
        ThrowingProvider.class, FakeProvider.class);
    Providers.Discovery<SignatureProvider> scan = Providers.scan(SignatureProvider.class, loader);
    assertEquals(List.of("fake"), scan.providers().stream().map(SignatureProvider::name)
        .toList(), "the working provider still loads");
    List<DiscoveryFailure> failures = scan.failures();
    assertEquals(3, failures.size(), failures.toString());
    for (DiscoveryFailure f : failures) {
      assertEquals(SignatureProvider.class.getName(), f.serviceType());
    }

    DiscoveryFailure needs = failures.get(0);
    assertEquals(NeedsMissingDependency.class.getName(), needs.providerClass());
    assertEquals("java.lang.NoClassDefFoundError: dev/ronkms/providers/MissingDependency",
        needs.cause());

    DiscoveryFailure noBase = failures.get(1);
    assertNull(noBase.providerClass(), "the JDK fails before naming the entry");
    assertEquals("java.lang.NoClassDefFoundError: dev/ronkms/providers/MissingBase",
        noBase.cause());
    assertEquals("a SignatureProvider provider was found but could not load:"
        + " java.lang.NoClassDefFoundError: dev/ronkms/providers/MissingBase", noBase.describe());

    assertFalse(needs.declined() || noBase.declined(), "broken");

    DiscoveryFailure throwing = failures.get(2);
    assertEquals(ThrowingProvider.class.getName(), throwing.providerClass());
    assertEquals("java.lang.IllegalStateException: no token present", throwing.cause());
    assertTrue(throwing.declined(), "its constructor declined");

    List<LogRecord> warnings = records.stream()
        .filter(r -> r.getLevel() == Level.WARNING).toList();
    assertEquals(2, warnings.size(), "the broken ones warn");
    assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.FINE
        && r.getMessage().contains(ThrowingProvider.class.getName())
        && r.getMessage().contains("no token present")), "the declined one at DEBUG");
    String first = warnings.get(0).getMessage();
    assertTrue(first.contains(SignatureProvider.class.getName())
        && first.contains(NeedsMissingDependency.class.getName())
        && first.contains("java.lang.NoClassDefFoundError")
        && first.contains("MissingDependency"), first);
    assertEquals(Providers.LOGGER_NAME, warnings.get(0).getLoggerName());
    assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.FINE
        && r.getMessage().contains("SignatureProvider providers found: fake ("
            + FakeProvider.class.getName() + ", priority 5); 3 could not load")),
        "the providers found, at DEBUG: " + records.stream().map(LogRecord::getMessage).toList());

    List<SignatureProvider> discovered = Providers.discover(SignatureProvider.class, loader);
    assertEquals(List.of("fake"), discovered.stream().map(SignatureProvider::name).toList(),
        "discover is scan's providers");
    discovered.clear();
    assertThrows(UnsupportedOperationException.class, () -> scan.providers().clear(),
        "discover's list is the caller's; scan's is immutable");
  }

  @Test
  void noProviderNamesTheOneThatWasFoundButCouldNotLoad() throws IOException {
    ClassLoader loader = loader(NeedsMissingDependency.class);
    try (Kms kms = Kms.builder().classLoader(loader).build()) {
      KmsException e = assertThrows(KmsException.class,
          () -> kms.create("acme", "k", Algorithm.ED25519));
      assertEquals(ErrorCode.NO_PROVIDER, e.code());
      assertEquals("NO_PROVIDER: no ed25519 provider on the class path; add the"
          + " dev.ronkms:kms-provider-bc dependency; provider " + NeedsMissingDependency.class.getName() + " was found"
          + " but could not load: java.lang.NoClassDefFoundError:"
          + " dev/ronkms/providers/MissingDependency", e.getMessage());
      KmsException aead = assertThrows(KmsException.class,
          () -> kms.create("acme", "aead", Algorithm.AES_256_GCM));
      assertEquals(ErrorCode.NO_PROVIDER, aead.code());
      assertTrue(!aead.getMessage().contains("could not load"),
          "a broken signature provider is not blamed for a missing sealing provider: "
              + aead.getMessage());
    }
    KmsException named = assertThrows(KmsException.class,
        () -> Kms.builder().classLoader(loader).provider(Algorithm.ED25519, "bc").build());
    assertEquals(ErrorCode.PROVIDER_NOT_FOUND, named.code());
    assertTrue(named.getMessage().contains("present: (none); provider "
        + NeedsMissingDependency.class.getName() + " was found but could not load"),
        named.getMessage());
  }

  @Test
  void withNothingBrokenTheMessagesAreAsBefore() {
    ClassLoader empty = new URLClassLoader(new URL[0], null);
    Providers.Discovery<KemProvider> scan = Providers.scan(KemProvider.class, empty);
    assertEquals(List.of(), scan.providers());
    assertEquals(List.of(), scan.failures());
    assertEquals("", Providers.failureHint(List.of()));
    KmsException e = assertThrows(KmsException.class,
        () -> Providers.select("ed25519", List.of(), null, "kms-provider-bc", List.of()));
    assertEquals("NO_PROVIDER: no ed25519 provider on the class path; add the"
        + " dev.ronkms:kms-provider-bc dependency", e.getMessage());
    assertTrue(records.stream().noneMatch(r -> r.getLevel() == Level.WARNING));
  }

  @Test
  void theProviderClassIsReadFromTheJdkMessages() {
    Class<?> t = SignatureProvider.class;
    String p = t.getName() + ": ";
    assertEquals("a.B", Providers.providerClass(t, p + "Provider a.B not found"));
    assertEquals("a.B", Providers.providerClass(t, p + "Provider a.B could not be instantiated"));
    assertEquals("a.B$C",
        Providers.providerClass(t, p + "a.B$C Unable to get public no-arg constructor"));
    assertEquals("a.B", Providers.providerClass(t, p + "a.B not a subtype"));
    assertNull(Providers.providerClass(t, p + "file:/x.jar!/META-INF/services/x:1:"
        + " Illegal provider-class name: 1x"));
    assertNull(Providers.providerClass(t, "other.Service: Provider a.B not found"));
    assertNull(Providers.providerClass(t, null));
    DiscoveryFailure bare = Providers.failure(t,
        new ServiceConfigurationError(p + "Provider a.B not found"));
    assertEquals("a.B", bare.providerClass());
    assertFalse(bare.declined());
    assertEquals("java.util.ServiceConfigurationError: " + p + "Provider a.B not found",
        bare.cause(), "no cause: the error itself");
    DiscoveryFailure init = Providers.failure(t, new ServiceConfigurationError(
        p + "Provider a.B could not be instantiated",
        new ExceptionInInitializerError(new ArithmeticException("boom"))));
    assertEquals("java.lang.ArithmeticException: boom", init.cause(), "the initializer's cause");
    assertFalse(init.declined(), "a failing static initializer is a broken class");
    assertThrows(NullPointerException.class, () -> new DiscoveryFailure(null, "a", "b", false));
    assertThrows(NullPointerException.class, () -> new DiscoveryFailure("a", "b", null, true));
  }

  /** A loader that registers {@code providers} and hides {@link #HIDDEN}. */
  private ClassLoader loader(Class<?>... providers) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    for (Class<?> c : providers) {
      lines.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(SignatureProvider.class.getName()), lines,
        StandardCharsets.UTF_8);
    URL classes = FakeProvider.class.getProtectionDomain().getCodeSource().getLocation();
    return new HidingLoader(dir.toUri().toURL(), classes,
        BrokenDiscoveryTest.class.getClassLoader());
  }

  /**
   * Reads service registrations only from {@code services}, defines the test providers itself
   * from {@code classes} (so that they resolve their dependencies here) and hides
   * {@link #HIDDEN}.
   */
  private static final class HidingLoader extends URLClassLoader {
    private final String services;

    HidingLoader(URL services, URL classes, ClassLoader parent) {
      super(new URL[] {services, classes}, parent);
      this.services = services.toString();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (HIDDEN.contains(name)) {
        throw new ClassNotFoundException(name);
      }
      if (CHILD_FIRST.contains(name)) {
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : findClass(name);
        }
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!name.startsWith("META-INF/services/")) {
        return super.getResources(name);
      }
      List<URL> own = new ArrayList<>();
      for (URL u : Collections.list(findResources(name))) {
        if (u.toString().startsWith(services)) {
          own.add(u);
        }
      }
      return Collections.enumeration(own);
    }
  }
}
