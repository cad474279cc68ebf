package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.providers.DiscoveryFailure;
import dev.ronkms.providers.ProviderInfo;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.SealingProvider;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's providers: every discovered key provider (signature and sealing), and per
 * algorithm the one selected for new keys (explicit choice, else the
 * {@code kms.provider.<alg>} property, else the highest priority). Existing keys are routed by
 * the provider their record names, whichever is selected; an imported key by
 * {@link #forImport}. Immutable once built.
 *
 * <p>The providers discovery found but could not load ({@link DiscoveryFailure}) are kept so
 * that "no provider" errors name them: "add kms-provider-bc" is wrong advice when that jar is
 * present and only its library is missing.
 */
final class ProviderRegistry {
  private final List<KeyProvider> all;
  private final List<DiscoveryFailure> failures;
  private final Map<Algorithm, KeyProvider> selected = new EnumMap<>(Algorithm.class);

  /** A registry of {@code all}, with no discovery failures. */
  ProviderRegistry(List<KeyProvider> all, Map<Algorithm, String> explicit) {
    this(all, explicit, List.of());
  }

  /**
   * @param explicit the host's explicit choice per algorithm (absent: property, then priority)
   * @param failures the providers discovery found but could not load, named by the errors
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when a named provider is absent
   */
  ProviderRegistry(List<KeyProvider> all, Map<Algorithm, String> explicit,
      List<DiscoveryFailure> failures) {
    this.all = List.copyOf(all);
    this.failures = List.copyOf(failures);
    for (Algorithm a : Algorithm.values()) {
      List<KeyProvider> candidates = serving(a);
      String wanted = explicit.get(a);
      String choice = wanted != null ? wanted
          : System.getProperty(Providers.PROPERTY_PREFIX + a.id());
      if (!candidates.isEmpty() || isChoice(choice)) {
        selected.put(a, Providers.select(a.id(), candidates, wanted, a.moduleHint(),
            failuresFor(a)));
      }
    }
  }

  /** The provider that makes new keys of {@code algorithm}. @throws KmsException NO_PROVIDER */
  KeyProvider forNewKeys(Algorithm algorithm) {
    KeyProvider p = selected.get(algorithm);
    if (p == null) {
      throw new KmsException(ErrorCode.NO_PROVIDER, "no " + algorithm.id() + " provider on the"
          + " class path; add the dev.ronkms:" + algorithm.moduleHint() + " dependency"
          + Providers.failureHint(failuresFor(algorithm)));
    }
    return p;
  }

  /**
   * The provider named {@code name} serving {@code algorithm}, for a key the host places on it.
   *
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when there is none
   */
  KeyProvider named(String name, Algorithm algorithm) {
    for (KeyProvider p : all) {
      if (p.name().equals(name) && p.algorithms().contains(algorithm)) {
        return p;
      }
    }
    throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "no provider named '" + name
        + "' serves " + algorithm.id());
  }

  /**
   * The provider holding {@code record}'s private keys, or for a verify-only key the one
   * selected for its algorithm.
   *
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when the named provider is not present
   */
  KeyProvider holding(KeyRecord record) {
    Algorithm algorithm = record.id().algorithm();
    if (record.provider().isEmpty()) {
      return forNewKeys(algorithm);
    }
    String name = record.provider().get();
    return Providers.holderOf(name, algorithm, all).orElseThrow(() -> new KmsException(
        ErrorCode.PROVIDER_NOT_FOUND, record.id() + " is held by provider '" + name
        + "', which is not present for " + algorithm.id()));
  }

  /**
   * The provider to hold the private keys of an imported key that provider {@code name} held
   * where it was exported: the provider of that name when present here and serving
   * {@code algorithm}, else the one selected for {@code algorithm} when it can take seeds
   * ({@link Capability#SEED_IMPORT}).
   *
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when neither exists
   */
  KeyProvider forImport(String name, Algorithm algorithm) {
    Optional<KeyProvider> holder = Providers.holderOf(name, algorithm, all);
    if (holder.isPresent()) {
      return holder.get();
    }
    KeyProvider fallback = selected.get(algorithm);
    if (fallback != null && fallback.capabilities().contains(Capability.SEED_IMPORT)) {
      return fallback;
    }
    throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "provider '" + name + "' is not"
        + " present for " + algorithm.id() + ", and no provider selected for it imports seeds");
  }

  /**
   * The signature provider holding {@code record}'s keys.
   *
   * @throws KmsException {@code UNSUPPORTED_OPERATION} when the key's algorithm does not sign
   */
  SignatureProvider signing(KeyRecord record) {
    if (record.id().algorithm().kind() == Algorithm.Kind.SIGNATURE
        && holding(record) instanceof SignatureProvider p) {
      return p;
    }
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, record.id() + " is an "
        + record.id().algorithm().id() + " key; it does not sign or verify");
  }

  /**
   * The sealing provider holding {@code record}'s keys.
   *
   * @throws KmsException {@code UNSUPPORTED_OPERATION} when the key's algorithm does not seal
   */
  SealingProvider sealing(KeyRecord record) {
    if (record.id().algorithm().kind() == Algorithm.Kind.AEAD
        && holding(record) instanceof SealingProvider p) {
      return p;
    }
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, record.id() + " is an "
        + record.id().algorithm().id() + " key; only AEAD keys seal and open");
  }

  /**
   * The KEM provider holding {@code record}'s keys (for a verify-only key, the one selected).
   *
   * @throws KmsException {@code UNSUPPORTED_OPERATION} when the key's algorithm is not a KEM
   */
  KemProvider kem(KeyRecord record) {
    if (record.id().algorithm().kind() == Algorithm.Kind.KEM
        && holding(record) instanceof KemProvider p) {
      return p;
    }
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, record.id() + " is an "
        + record.id().algorithm().id() + " key; only KEM keys encapsulate and decapsulate");
  }

  /** The name of the provider selected for {@code algorithm}, if any. */
  String selectedName(Algorithm algorithm) {
    KeyProvider p = selected.get(algorithm);
    return p == null ? null : p.name();
  }

  /** Every provider per algorithm, the selected one marked. */
  List<ProviderInfo> describe() {
    List<ProviderInfo> out = new ArrayList<>();
    for (Algorithm a : Algorithm.values()) {
      out.addAll(Providers.describe(a.id(), serving(a), selected.get(a)));
    }
    return out;
  }

  /**
   * The discovery failures that could have served {@code algorithm}: those of its kind's
   * service type (a provider that did not load cannot say which algorithms it serves).
   */
  List<DiscoveryFailure> failuresFor(Algorithm algorithm) {
    Class<?> service = switch (algorithm.kind()) {
      case SIGNATURE -> SignatureProvider.class;
      case AEAD -> SealingProvider.class;
      case KEM -> KemProvider.class;
    };
    List<DiscoveryFailure> out = new ArrayList<>();
    for (DiscoveryFailure f : failures) {
      if (f.serviceType().equals(service.getName())) {
        out.add(f);
      }
    }
    return out;
  }

  /** A name chooses a provider; null or blank is no choice, as for {@link Providers#select}. */
  private static boolean isChoice(String name) {
    return name != null && !name.isBlank();
  }

  private List<KeyProvider> serving(Algorithm algorithm) {
    List<KeyProvider> out = new ArrayList<>();
    for (KeyProvider p : all) {
      if (p.algorithms().contains(algorithm)) {
        out.add(p);
      }
    }
    return out;
  }
}
