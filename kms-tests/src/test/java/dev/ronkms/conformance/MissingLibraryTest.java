package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.providers.DiscoveryFailure;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.SignatureProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

/**
 * The case of issue 15: kms-provider-bc on the class path without bcprov-jdk18on. Its provider
 * is found but cannot load, and the "no provider" error names it and the missing Bouncy Castle
 * class instead of only advising to add kms-provider-bc. The class loader sees kms-provider-bc's
 * own classes and services file, and no Bouncy Castle class.
 */
class MissingLibraryTest {
  private static final String BC_PROVIDER = "dev.ronkms.provider.bc.BouncyCastleEd25519Provider";

  @Test
  void theBcProviderWithoutBcprovIsNamedWithItsCause() throws Exception {
    URL bcJar = Class.forName(BC_PROVIDER).getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader loader = new BcWithoutBcprov(bcJar)) {
      Providers.Discovery<SignatureProvider> scan =
          Providers.scan(SignatureProvider.class, loader);
      assertEquals(0, scan.providers().size());
      assertEquals(1, scan.failures().size(), scan.failures().toString());
      DiscoveryFailure f = scan.failures().get(0);
      assertEquals(BC_PROVIDER, f.providerClass());
      assertTrue(f.cause().startsWith("java.lang.NoClassDefFoundError: org/bouncycastle/"),
          f.cause());
      assertFalse(f.declined(), "a missing library is a broken provider: logged as a warning");
    }
    // a fresh loader: in one that already failed the JVM reports "Could not initialize class"
    try (URLClassLoader loader = new BcWithoutBcprov(bcJar);
        Kms kms = Kms.builder().classLoader(loader).build()) {
      KmsException e = assertThrows(KmsException.class,
          () -> kms.create("acme", "k", Algorithm.ED25519));
      assertEquals(ErrorCode.NO_PROVIDER, e.code());
      assertTrue(e.getMessage().contains("add the dev.ronkms:kms-provider-bc dependency;"
          + " provider " + BC_PROVIDER + " was found but could not load:"
          + " java.lang.NoClassDefFoundError: org/bouncycastle/"), e.getMessage());
    }
  }

  /** kms-provider-bc's classes and registration, with every Bouncy Castle class hidden. */
  private static final class BcWithoutBcprov extends URLClassLoader {
    BcWithoutBcprov(URL bcJar) {
      super(new URL[] {bcJar}, MissingLibraryTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.bouncycastle.")) {
        throw new ClassNotFoundException(name);
      }
      if (name.startsWith("dev.ronkms.provider.bc.")) {
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          return c != null ? c : findClass(name);
        }
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith("META-INF/services/") ? findResources(name)
          : super.getResources(name);
    }
  }
}
