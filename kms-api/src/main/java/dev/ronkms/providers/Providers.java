package dev.ronkms.providers;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Provider discovery with {@link ServiceLoader} and selection (docs/ARCHITECTURE.md, "Provider
 * selection"):
 * <ol>
 *   <li>an explicit choice (builder argument, else the system property
 *       {@code kms.provider.<kind>}) wins; naming a provider that is not present is an error that
 *       lists what is present;</li>
 *   <li>otherwise the provider with the highest priority (ties broken by name, so the choice is
 *       deterministic);</li>
 *   <li>none found: an error naming the module to add.</li>
 * </ol>
 * A provider whose class cannot be loaded or instantiated is skipped, not fatal.
 */
public final class Providers {

  /** The system property prefix; {@code kms.provider.ed25519} picks the Ed25519 provider. */
  public static final String PROPERTY_PREFIX = "kms.provider.";

  private Providers() {}

  /**
   * Every provider of {@code type} visible to {@code loader}, sorted by descending priority then
   * name.
   *
   * @param <T> the provider type
   * @param type the provider type
   * @param loader the class loader
   * @return every provider of {@code type} visible to {@code loader}, sorted by descending priority
   *     then name
   */
  public static <T extends Provider> List<T> discover(Class<T> type, ClassLoader loader) {
    List<T> found = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(type, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError broken) {
        // a broken provider jar must not take the working ones down with it
      }
    }
    found.sort(order());
    return found;
  }

  /**
   * Chooses one provider.
   *
   * @param kind the algorithm id, for example {@code ed25519}: names the system property
   * @param found the discovered providers
   * @param explicit the host's explicit choice, or null to fall back to the system property
   * @param moduleHint the module to add when none is found, for example {@code kms-provider-bc}
   * @param <T> the provider type
   * @return the chosen provider
   */
  public static <T extends Provider> T select(String kind, List<T> found, String explicit,
      String moduleHint) {
    String wanted = explicit != null ? explicit : System.getProperty(PROPERTY_PREFIX + kind);
    if (wanted != null && !wanted.isBlank()) {
      for (T p : found) {
        if (p.name().equals(wanted.trim())) {
          return p;
        }
      }
      throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "no " + kind + " provider named '"
          + wanted.trim() + "'; present: " + names(found));
    }
    if (found.isEmpty()) {
      throw new KmsException(ErrorCode.NO_PROVIDER, "no " + kind + " provider on the class path;"
          + " add the dev.ronkms:" + moduleHint + " dependency");
    }
    return found.stream().sorted(order()).findFirst().orElseThrow();
  }

  /**
   * The provider that holds the stored keys of provider {@code name} for {@code algorithm}: the
   * provider of that name when present and serving it, else the highest-priority one serving it
   * that {@link KeyProvider#holdsKeysOf() holds keys of} that name.
   *
   * @param <T> the provider type
   * @param name the name
   * @param algorithm the algorithm
   * @param found the discovered providers
   * @return the provider that holds the stored keys of provider {@code name} for {@code algorithm}:
   *     the provider of that name when present and serving it, else the highest-priority one
   *     serving it that {@link KeyProvider#holdsKeysOf() holds keys of} that name
   */
  public static <T extends KeyProvider> Optional<T> holderOf(String name, Algorithm algorithm,
      List<T> found) {
    T compatible = null;
    for (T p : found) {
      if (!p.algorithms().contains(algorithm)) {
        continue;
      }
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
      if (p.holdsKeysOf().contains(name)
          && (compatible == null || order().compare(p, compatible) < 0)) {
        compatible = p;
      }
    }
    return Optional.ofNullable(compatible);
  }

  /**
   * Describes every provider in {@code found}, marking {@code selected}.
   *
   * @param kind the kind of provider
   * @param found the discovered providers
   * @param selected the selected provider
   * @return one description per provider, in the order of {@code found}
   */
  public static List<ProviderInfo> describe(String kind, List<? extends Provider> found,
      Provider selected) {
    List<ProviderInfo> out = new ArrayList<>();
    for (Provider p : found) {
      out.add(new ProviderInfo(kind, p.name(), p.priority(), p.capabilities(),
          p.getClass().getName(), p == selected));
    }
    return out;
  }

  private static String names(List<? extends Provider> found) {
    return found.isEmpty() ? "(none)"
        : found.stream().map(Provider::name).collect(Collectors.joining(", "));
  }

  private static Comparator<Provider> order() {
    return Comparator.comparingInt(Provider::priority).reversed().thenComparing(Provider::name);
  }
}
