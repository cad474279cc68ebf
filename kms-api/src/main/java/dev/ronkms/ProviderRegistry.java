package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.providers.ProviderInfo;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's providers: every discovered signature provider, and per algorithm the one
 * selected for new keys (explicit choice, else the {@code kms.provider.<alg>} property, else the
 * highest priority). Existing keys are routed by the provider their record names, whichever is
 * selected. Immutable once built.
 */
final class ProviderRegistry {
  private final List<SignatureProvider> all;
  private final Map<Algorithm, SignatureProvider> selected = new EnumMap<>(Algorithm.class);

  /**
   * @param explicit the host's explicit choice per algorithm (absent: property, then priority)
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when a named provider is absent
   */
  ProviderRegistry(List<SignatureProvider> all, Map<Algorithm, String> explicit) {
    this.all = List.copyOf(all);
    for (Algorithm a : Algorithm.values()) {
      List<SignatureProvider> candidates = serving(a);
      String wanted = explicit.get(a);
      String choice = wanted != null ? wanted
          : System.getProperty(Providers.PROPERTY_PREFIX + a.id());
      if (!candidates.isEmpty() || isChoice(choice)) {
        selected.put(a, Providers.select(a.id(), candidates, wanted, a.moduleHint()));
      }
    }
  }

  /** The provider that makes new keys of {@code algorithm}. @throws KmsException NO_PROVIDER */
  SignatureProvider forNewKeys(Algorithm algorithm) {
    SignatureProvider p = selected.get(algorithm);
    if (p == null) {
      throw new KmsException(ErrorCode.NO_PROVIDER, "no " + algorithm.id() + " provider on the"
          + " class path; add the dev.ronkms:" + algorithm.moduleHint() + " dependency");
    }
    return p;
  }

  /**
   * The provider holding {@code record}'s private keys, or for a verify-only key the one
   * selected for its algorithm.
   *
   * @throws KmsException {@code PROVIDER_NOT_FOUND} when the named provider is not present
   */
  SignatureProvider holding(KeyRecord record) {
    Algorithm algorithm = record.id().algorithm();
    if (record.provider().isEmpty()) {
      return forNewKeys(algorithm);
    }
    String name = record.provider().get();
    for (SignatureProvider p : all) {
      if (p.name().equals(name) && p.algorithms().contains(algorithm)) {
        return p;
      }
    }
    throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, record.id() + " is held by provider '"
        + name + "', which is not present for " + algorithm.id());
  }

  /** The name of the provider selected for {@code algorithm}, if any. */
  String selectedName(Algorithm algorithm) {
    SignatureProvider p = selected.get(algorithm);
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

  /** A name chooses a provider; null or blank is no choice, as for {@link Providers#select}. */
  private static boolean isChoice(String name) {
    return name != null && !name.isBlank();
  }

  private List<SignatureProvider> serving(Algorithm algorithm) {
    List<SignatureProvider> out = new ArrayList<>();
    for (SignatureProvider p : all) {
      if (p.algorithms().contains(algorithm)) {
        out.add(p);
      }
    }
    return out;
  }
}
