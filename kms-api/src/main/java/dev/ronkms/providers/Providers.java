package dev.ronkms.providers;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
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
 * A provider whose class cannot be loaded or instantiated is skipped, not fatal: it is logged
 * and kept as a {@link DiscoveryFailure}, which the "no provider" errors name.
 *
 * <p>Logging goes through {@link System.Logger} (no dependency), logger
 * {@value #LOGGER_NAME}: each provider that could not load, with the service type, the provider
 * class and the error's class and message, at {@code WARNING} when it is broken (a missing
 * class or library, such as kms-provider-bc without bcprov) and at {@code DEBUG} when its
 * constructor declined (no PKCS#11 token configured, a JDK too old for pq-jdk: normal on many
 * hosts, so not worth a warning on every start); the providers found at {@code DEBUG}. Route it to a logging framework with a {@link System.LoggerFinder} (SLF4J and
 * Log4j ship one); without one, {@code java.util.logging} prints the warnings to standard error.
 */
public final class Providers {

  /** The system property prefix; {@code kms.provider.ed25519} picks the Ed25519 provider. */
  public static final String PROPERTY_PREFIX = "kms.provider.";

  /** The name of the {@link System.Logger} discovery logs to. */
  public static final String LOGGER_NAME = "dev.ronkms.providers";

  /**
   * Stops a scan after this many failures in a row: a loader that keeps failing without
   * advancing must not loop forever.
   */
  private static final int MAX_FAILURES = 256;

  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*");

  private static final Logger LOG = System.getLogger(LOGGER_NAME);

  private Providers() {}

  /**
   * What one scan found: the providers that loaded, sorted by descending priority then name, and
   * the ones that were registered but could not load, in the order met. Immutable.
   *
   * @param <T> the service type
   * @param providers the providers that loaded
   * @param failures the providers that did not
   */
  public record Discovery<T extends Provider>(List<T> providers, List<DiscoveryFailure> failures) {

    /**
     * Copies both lists.
     *
     * @param failures the providers that did not load
     * @param providers the providers that loaded
     */
    public Discovery {
      providers = List.copyOf(providers);
      failures = List.copyOf(failures);
    }
  }

  /**
   * Every provider of {@code type} visible to {@code loader}, sorted by descending priority then
   * name, in a new list the caller may change; the ones that could not load are logged and left
   * out ({@link #scan} also returns them).
   *
   * @param <T> the provider type
   * @param type the provider type
   * @param loader the class loader
   * @return the providers, sorted by descending priority then name
   */
  public static <T extends Provider> List<T> discover(Class<T> type, ClassLoader loader) {
    return new ArrayList<>(scan(type, loader).providers());
  }

  /**
   * Every provider of {@code type} visible to {@code loader}, and every one registered there that
   * could not be loaded or instantiated (a {@link ServiceConfigurationError}, or a
   * {@link LinkageError} such as a missing superclass). A broken provider is logged at
   * {@code WARNING}, one whose constructor declined at {@code DEBUG}; the providers found at
   * {@code DEBUG}.
   *
   * @param <T> the service type
   * @param type the service interface, for example {@code SignatureProvider.class}
   * @param loader the class loader whose {@code META-INF/services} registrations are read
   * @return the providers that loaded and the failures, both immutable
   */
  public static <T extends Provider> Discovery<T> scan(Class<T> type, ClassLoader loader) {
    Objects.requireNonNull(type, "type");
    List<T> found = new ArrayList<>();
    List<DiscoveryFailure> failures = new ArrayList<>();
    Iterator<T> it = ServiceLoader.load(type, loader).iterator();
    int inARow = 0;
    while (inARow < MAX_FAILURES) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
        inARow = 0;
      } catch (ServiceConfigurationError | LinkageError broken) {
        // a broken provider jar must not take the working ones down with it
        DiscoveryFailure failure = failure(type, broken);
        failures.add(failure);
        inARow++;
        LOG.log(failure.declined() ? Level.DEBUG : Level.WARNING, () -> "skipping a "
            + type.getName() + " provider: " + failure.describe());
      }
    }
    found.sort(order());
    LOG.log(Level.DEBUG, () -> type.getSimpleName() + " providers found: "
        + (found.isEmpty() ? "(none)" : found.stream()
            .map(p -> p.name() + " (" + p.getClass().getName() + ", priority " + p.priority()
                + ")").collect(Collectors.joining(", ")))
        + (failures.isEmpty() ? "" : "; " + failures.size() + " could not load"));
    return new Discovery<>(found, failures);
  }

  /** What a failed load tells: the provider class it names, and the underlying error. */
  static DiscoveryFailure failure(Class<?> type, Throwable broken) {
    String providerClass = null;
    Throwable cause = broken;
    if (broken instanceof ServiceConfigurationError) {
      providerClass = providerClass(type, broken.getMessage());
      if (broken.getCause() != null) {
        cause = broken.getCause();
      }
    }
    // the JDK passes on what the constructor threw; an Error there is a class that did not link
    boolean declined = cause != broken && cause instanceof RuntimeException;
    // down to what went wrong first: a static initializer's exception; on JDK 21+ the first
    // failure behind a later "Could not initialize class X" (JDK 17 does not keep it)
    while ((cause instanceof ExceptionInInitializerError
        || cause instanceof InvocationTargetException || isInitializedBefore(cause))
        && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return new DiscoveryFailure(type.getName(), providerClass,
        cause.getClass().getName() + (message == null ? "" : ": " + message), declined);
  }

  /** A class whose static initialiser failed at an earlier use. */
  private static boolean isInitializedBefore(Throwable t) {
    return t instanceof NoClassDefFoundError && t.getMessage() != null
        && t.getMessage().startsWith("Could not initialize class");
  }

  /**
   * The provider class a {@link ServiceConfigurationError} message names. The JDK's messages
   * read {@code <service>: Provider <class> could not be instantiated}, {@code <service>:
   * Provider <class> not found} or {@code <service>: <class> Unable to get public no-arg
   * constructor}; anything else (a malformed configuration file) names none.
   */
  static String providerClass(Class<?> type, String message) {
    String prefix = type.getName() + ": ";
    if (message == null || !message.startsWith(prefix)) {
      return null;
    }
    String rest = message.substring(prefix.length());
    if (rest.startsWith("Provider ")) {
      rest = rest.substring("Provider ".length());
    }
    int end = rest.indexOf(' ');
    String candidate = end < 0 ? rest : rest.substring(0, end);
    return CLASS_NAME.matcher(candidate).matches() ? candidate : null;
  }

  /**
   * The suffix "no provider" errors get for {@code failures}: empty when there are none, else
   * {@code "; provider X was found but could not load: <cause>"} for each.
   *
   * @param failures the failures to name
   * @return the suffix, empty for no failures
   */
  public static String failureHint(List<DiscoveryFailure> failures) {
    StringBuilder out = new StringBuilder();
    for (DiscoveryFailure f : failures) {
      out.append("; ").append(f.describe());
    }
    return out.toString();
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
    return select(kind, found, explicit, moduleHint, List.of());
  }

  /**
   * Chooses one provider as {@link #select(String, List, String, String)} does; its errors name
   * {@code failures}, the providers of the same service type that were found but could not load.
   *
   * @param <T> the service type
   * @param kind the algorithm id, for example {@code ed25519}: names the system property
   * @param found the discovered providers
   * @param explicit the host's explicit choice, or null to fall back to the system property
   * @param moduleHint the module to add when none is found, for example {@code kms-provider-bc}
   * @param failures the providers found but not loaded, named by the errors
   * @return the chosen provider
   * @throws KmsException {@code PROVIDER_NOT_FOUND} or {@code NO_PROVIDER}
   */
  public static <T extends Provider> T select(String kind, List<T> found, String explicit,
      String moduleHint, List<DiscoveryFailure> failures) {
    String wanted = explicit != null ? explicit : System.getProperty(PROPERTY_PREFIX + kind);
    if (wanted != null && !wanted.isBlank()) {
      for (T p : found) {
        if (p.name().equals(wanted.trim())) {
          return p;
        }
      }
      throw new KmsException(ErrorCode.PROVIDER_NOT_FOUND, "no " + kind + " provider named '"
          + wanted.trim() + "'; present: " + names(found) + failureHint(failures));
    }
    if (found.isEmpty()) {
      throw new KmsException(ErrorCode.NO_PROVIDER, "no " + kind + " provider on the class path;"
          + " add the dev.ronkms:" + moduleHint + " dependency" + failureHint(failures));
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
