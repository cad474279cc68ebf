package dev.ronkms.conformance;

import dev.ronkms.providers.Providers;
import dev.ronkms.spi.Ed25519Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The provider source of the parity suite: every {@link Ed25519Backend} that ServiceLoader finds
 * on the test class path. A provider joins the suite by being a dependency of kms-tests; no test
 * is copied per provider.
 *
 * <p>Fails loudly when no provider is found, so the suite can never pass vacuously.
 */
public final class Backends {

  private Backends() {}

  /** Every discovered Ed25519 backend, highest priority first. */
  public static List<Ed25519Backend> ed25519() {
    List<Ed25519Backend> found = Providers.discover(Ed25519Backend.class,
        Backends.class.getClassLoader());
    if (found.isEmpty()) {
      throw new IllegalStateException("no Ed25519Backend on the test class path");
    }
    return found;
  }

  /** Arguments source: one argument per backend. */
  public static Stream<Arguments> each() {
    return ed25519().stream().map(b -> Arguments.of(named(b)));
  }

  /** Arguments source: the cross product of backends and {@code cases}. */
  public static <T> Stream<Arguments> crossedWith(List<T> cases) {
    List<Arguments> out = new ArrayList<>();
    for (Ed25519Backend b : ed25519()) {
      for (T c : cases) {
        out.add(Arguments.of(named(b), c));
      }
    }
    return out.stream();
  }

  /** Shows a backend by its short name in test reports. */
  private static Named<Ed25519Backend> named(Ed25519Backend b) {
    return Named.of(b.name(), b);
  }
}
