package dev.ronkms.conformance;

import dev.ronkms.ed25519.Ed25519Verifier;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SignatureProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The verifier source of the parity suite: every discovered backend, the project's own single
 * verifier ({@code own}), the batch path ({@code batch}) and the parallel path
 * ({@code parallel}), and the engine's {@code Kms.verify} on both verification routes
 * ({@code kms}, {@code kms-provider-route}). Every verification case runs over all of them.
 */
public final class Verifiers {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "parity-parallel");
    t.setDaemon(true);
    return t;
  });

  private Verifiers() {}

  /** Providers first, then own, batch, parallel and the engine's two routes. */
  public static List<PolicyVerifier> all() {
    List<PolicyVerifier> out = new ArrayList<>();
    for (SignatureProvider b : Backends.ed25519()) {
      out.add(of(b.name(), b));
    }
    out.add(new PolicyVerifier() {
      @Override
      public String name() {
        return "own";
      }

      @Override
      public boolean verify(byte[] pk, byte[] msg, byte[] sig) {
        return Ed25519Verifier.verify(pk, msg, sig);
      }
    });
    out.add(EmbeddingVerifier.batch(20261123));
    out.add(EmbeddingVerifier.parallel(POOL, 20261124));
    out.add(EngineVerifier.policyRoute());
    out.add(EngineVerifier.providerRoute());
    return out;
  }

  /** Arguments source: the cross product of every verifier and {@code cases}. */
  public static <T> Stream<Arguments> crossedWith(List<T> cases) {
    List<Arguments> out = new ArrayList<>();
    for (PolicyVerifier v : all()) {
      for (T c : cases) {
        out.add(Arguments.of(Named.of(v.name(), v), c));
      }
    }
    return out.stream();
  }

  private static PolicyVerifier of(String name, SignatureProvider backend) {
    return new PolicyVerifier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean verify(byte[] pk, byte[] msg, byte[] sig) {
        return backend.verify(Algorithm.ED25519, pk, msg, sig);
      }
    };
  }
}
