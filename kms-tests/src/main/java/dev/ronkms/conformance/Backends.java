package dev.ronkms.conformance;

import dev.ronkms.providers.Providers;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.SignatureProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The provider source of the parity suite: every {@link SignatureProvider} that ServiceLoader finds
 * on the test class path. A provider joins the suite by being a dependency of kms-tests; no test
 * is copied per provider.
 *
 * <p>Fails loudly when no provider is found, so the suite can never pass vacuously.
 */
public final class Backends {

  private Backends() {}

  /** Every discovered Ed25519 provider, highest priority first. */
  public static List<SignatureProvider> ed25519() {
    List<SignatureProvider> found = new ArrayList<>();
    for (SignatureProvider p : Providers.discover(SignatureProvider.class,
        Backends.class.getClassLoader())) {
      if (p.algorithms().contains(Algorithm.ED25519)) {
        found.add(p);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("no SignatureProvider on the test class path");
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
    for (SignatureProvider b : ed25519()) {
      for (T c : cases) {
        out.add(Arguments.of(named(b), c));
      }
    }
    return out.stream();
  }

  /** One signature algorithm on one provider: the unit the lifecycle suite runs on. */
  public record Signer(SignatureProvider provider, Algorithm algorithm) {
    @Override
    public String toString() {
      return provider.name() + "/" + algorithm.id();
    }
  }

  /** One KEM algorithm on one provider. */
  public record Kem(KemProvider provider, Algorithm algorithm) {
    @Override
    public String toString() {
      return provider.name() + "/" + algorithm.id();
    }
  }

  /**
   * Every signature algorithm of every discovered signature provider (Ed25519 on bc, tink, jdk;
   * ML-DSA and the composites on the kms-pq lanes).
   */
  public static List<Signer> signers() {
    List<Signer> out = new ArrayList<>();
    for (SignatureProvider p : Providers.discover(SignatureProvider.class,
        Backends.class.getClassLoader())) {
      for (Algorithm a : Algorithm.values()) {
        if (a.kind() == Algorithm.Kind.SIGNATURE && p.algorithms().contains(a)) {
          out.add(new Signer(p, a));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no SignatureProvider on the test class path");
    }
    return out;
  }

  /** Every KEM algorithm of every discovered KEM provider. */
  public static List<Kem> kems() {
    List<Kem> out = new ArrayList<>();
    for (KemProvider p : Providers.discover(KemProvider.class, Backends.class.getClassLoader())) {
      for (Algorithm a : Algorithm.values()) {
        if (a.kind() == Algorithm.Kind.KEM && p.algorithms().contains(a)) {
          out.add(new Kem(p, a));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no KemProvider on the test class path");
    }
    return out;
  }

  /** Arguments source: one argument per signature algorithm per provider. */
  public static Stream<Arguments> eachSigner() {
    return signers().stream().map(Arguments::of);
  }

  /** Arguments source: one argument per KEM algorithm per provider. */
  public static Stream<Arguments> eachKem() {
    return kems().stream().map(Arguments::of);
  }

  /** Shows a backend by its short name in test reports. */
  private static Named<SignatureProvider> named(SignatureProvider b) {
    return Named.of(b.name(), b);
  }
}
