package dev.ronkms;

import dev.ronkms.providers.Providers;
import dev.ronkms.spi.Ed25519Backend;
import dev.ronkms.spi.KeystoreStore;
import dev.ronkms.store.InMemoryKeystoreStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link Kms}. Every setting is optional: the defaults are a fresh
 * {@link InMemoryKeystoreStore}, the provider chosen as in {@link Providers} (explicit name, else
 * the {@code kms.provider.ed25519} system property, else the highest priority), the system UTC
 * clock, and the class loader of kms-api for discovery.
 */
public final class KmsBuilder {
  private KeystoreStore store;
  private String ed25519Provider;
  private Ed25519Backend ed25519Backend;
  private ClassLoader classLoader = Kms.class.getClassLoader();
  private Clock clock = Clock.systemUTC();

  KmsBuilder() {}

  /** The store to use; the built {@link Kms} owns it and closes it on {@link Kms#close()}. */
  public KmsBuilder store(KeystoreStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /** Picks the Ed25519 provider by name, for example {@code bc}. */
  public KmsBuilder ed25519Provider(String name) {
    this.ed25519Provider = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Uses this Ed25519 backend instance (listed among the providers even if not discovered). */
  public KmsBuilder ed25519Backend(Ed25519Backend backend) {
    this.ed25519Backend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  /** The class loader providers are discovered through. */
  public KmsBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /** The clock that stamps version creation times. */
  public KmsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Builds the key manager.
   *
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when the named provider is absent,
   *     {@code NO_PROVIDER} when there is none at all
   */
  public Kms build() {
    List<Ed25519Backend> found = new ArrayList<>(
        Providers.discover(Ed25519Backend.class, classLoader));
    Ed25519Backend chosen;
    if (ed25519Backend != null) {
      chosen = ed25519Backend;
      if (!found.contains(chosen)) {
        found.add(0, chosen);
      }
    } else {
      chosen = Providers.select("ed25519", found, ed25519Provider, "kms-provider-bc");
    }
    return new Kms(store != null ? store : new InMemoryKeystoreStore(), chosen, found, clock);
  }
}
