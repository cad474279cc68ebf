package dev.ronkms;

import dev.ronkms.events.OperationListener;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.providers.DiscoveryFailure;
import dev.ronkms.providers.Providers;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.SealingProvider;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeystoreStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures a {@link Kms}. Every setting is optional: the defaults are a fresh
 * {@link InMemoryKeystoreStore}; per algorithm, the provider chosen as docs/ARCHITECTURE.md says
 * (explicit name, else the {@code kms.provider.<alg>} system property, else the highest
 * priority); {@link VerificationRoute#POLICY_VERIFIER}; the system UTC clock; the class loader
 * of kms-api for discovery; and the {@link AntiRollback#counter()} anti-rollback policy.
 */
public final class KmsBuilder {
  private KeystoreStore store;
  private final Map<Algorithm, String> explicit = new EnumMap<>(Algorithm.class);
  private final List<KeyProvider> instances = new ArrayList<>();
  private ClassLoader classLoader = Kms.class.getClassLoader();
  private Clock clock = Clock.systemUTC();
  private VerificationRoute route = VerificationRoute.POLICY_VERIFIER;
  private AntiRollback antiRollback;
  private final List<OperationListener> listeners = new ArrayList<>();

  KmsBuilder() {}

  /**
   * The store to use; the built {@link Kms} owns it and closes it on {@link Kms#close()}.
   *
   * @param store the store
   * @return this builder
   */
  public KmsBuilder store(KeystoreStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Picks the provider that makes new keys of {@code algorithm} by name, for example {@code bc}.
   *
   * @param algorithm the algorithm
   * @param name the name
   * @return this builder
   */
  public KmsBuilder provider(Algorithm algorithm, String name) {
    explicit.put(Objects.requireNonNull(algorithm, "algorithm"),
        Objects.requireNonNull(name, "name"));
    return this;
  }

  /**
   * Adds a provider instance beside the discovered ones (for example one built with settings).
   * It is selected for its algorithms only by name or priority, like a discovered one.
   *
   * @param provider the provider
   * @return this builder
   */
  public KmsBuilder addProvider(KeyProvider provider) {
    instances.add(Objects.requireNonNull(provider, "provider"));
    return this;
  }

  /**
   * Who answers verification calls; {@link VerificationRoute#POLICY_VERIFIER} by default.
   *
   * @param route who answers verification calls
   * @return this builder
   */
  public KmsBuilder verificationRoute(VerificationRoute route) {
    this.route = Objects.requireNonNull(route, "route");
    return this;
  }

  /**
   * The class loader providers are discovered through.
   *
   * @param classLoader the class loader
   * @return this builder
   */
  public KmsBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * The anti-rollback policy of {@link Kms#seal} and {@link Kms#open}; by default
   * {@link AntiRollback#counter()}, a fresh set of in-memory counters per built key manager.
   * {@link AntiRollback#disabled()} must be chosen explicitly.
   *
   * @param antiRollback the anti-rollback policy
   * @return this builder
   */
  public KmsBuilder antiRollback(AntiRollback antiRollback) {
    this.antiRollback = Objects.requireNonNull(antiRollback, "antiRollback");
    return this;
  }

  /**
   * Adds a listener that receives one {@link dev.ronkms.events.OperationEvent} per key operation
   * (metrics, audit); several may be added, and each is called in the order added. See
   * {@link OperationListener} for fail-open and fail-closed listeners.
   *
   * @param listener the listener
   * @return this builder
   */
  public KmsBuilder listener(OperationListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The clock that stamps version creation times.
   *
   * @param clock the clock
   * @return this builder
   */
  public KmsBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Builds the key manager.
   *
   * @return the key manager
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when a named provider is absent;
   *     {@code INVALID_ARGUMENT} when two providers share a name
   */
  public Kms build() {
    List<KeyProvider> discovered = new ArrayList<>();
    List<DiscoveryFailure> failures = new ArrayList<>();
    for (Class<? extends KeyProvider> type : List.of(SignatureProvider.class,
        SealingProvider.class, KemProvider.class)) {
      Providers.Discovery<? extends KeyProvider> scan = Providers.scan(type, classLoader);
      discovered.addAll(scan.providers());
      failures.addAll(scan.failures());
    }
    List<KeyProvider> all = new ArrayList<>(instances);
    for (KeyProvider found : discovered) {
      if (all.stream().noneMatch(p -> p.name().equals(found.name()))) {
        all.add(found);
      }
    }
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        if (all.get(i).name().equals(all.get(j).name())) {
          throw new KmsException(ErrorCode.INVALID_ARGUMENT, "two providers are named '"
              + all.get(i).name() + "'");
        }
      }
    }
    ProviderRegistry registry = new ProviderRegistry(all, explicit, failures);
    return new Kms(store != null ? store : new InMemoryKeystoreStore(), registry, route, clock,
        antiRollback != null ? antiRollback : AntiRollback.counter(), listeners);
  }
}
