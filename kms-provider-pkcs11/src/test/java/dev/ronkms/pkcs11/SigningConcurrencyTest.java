package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.pkcs11.testing.SoftHsm;
import dev.ronkms.spi.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads sign on one token at once; every signature verifies. */
class SigningConcurrencyTest {
  private static final int THREADS = 8;
  private static final int SIGNS = 40;

  @Test
  void eightThreadsOnOneKey() {
    run(1);
  }

  @Test
  void eightThreadsOnSeveralKeys() {
    run(4);
  }

  private static void run(int keys) {
    try (Pkcs11Ed25519Provider provider =
        new Pkcs11Ed25519Provider(SoftHsm.token().withSessions(4))) {
      List<PrivateKeyHandle> handles = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        handles.add(provider.generate(Algorithm.ED25519));
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
          List<Future<Integer>> results = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
              int good = 0;
              for (int i = 0; i < SIGNS; i++) {
                PrivateKeyHandle key = handles.get((thread + i) % keys);
                byte[] message = ("t" + thread + " m" + i).getBytes(StandardCharsets.UTF_8);
                byte[] signature = provider.sign(key, message);
                if (provider.verify(Algorithm.ED25519, key.publicKey(), message, signature)) {
                  good++;
                }
              }
              return good;
            }));
          }
          for (Future<Integer> result : results) {
            assertTrue(result.get() == SIGNS, "every signature verifies");
          }
        });
      } finally {
        pool.shutdownNow();
        handles.forEach(PrivateKeyHandle::discard);
      }
    }
  }
}
