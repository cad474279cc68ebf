package dev.ronkms.softseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import dev.ronkms.spi.SealingProvider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 8 threads seal 2,000 secrets each at once through one keyring (one context, counter policy):
 * every nonce is distinct, the counters handed out are exactly 1..16,000, and every envelope
 * opens to its own plaintext (through a keyring of the same key with anti-rollback disabled,
 * since all but the newest are stale under the counter). Bounded: the pool must finish within
 * two minutes (a hang fails the test; nothing is timed).
 */
class ConcurrentSealTest {
  private static final int THREADS = 8;
  private static final int SEALS_PER_THREAD = 2_000;
  private static final byte[] AAD = "shared-context".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void concurrentSealsUseDistinctNoncesAndCountersAndAllOpen(Algorithm algorithm)
      throws Exception {
    List<byte[]> envelopes = new ArrayList<>();
    try (KeyringSealer sealer = SealTesting.keyring(algorithm, AntiRollback.counter(), 7)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<List<byte[]>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          List<byte[]> mine = new ArrayList<>(SEALS_PER_THREAD);
          for (int i = 0; i < SEALS_PER_THREAD; i++) {
            mine.add(sealer.seal(plaintext(thread, i), AAD));
          }
          return mine;
        }));
      }
      pool.shutdown();
      assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "sealing threads did not finish");
      for (Future<List<byte[]>> r : results) {
        envelopes.addAll(r.get());
      }
    }
    assertEquals(THREADS * SEALS_PER_THREAD, envelopes.size());
    Set<ByteBuffer> nonces = new HashSet<>();
    Set<Long> stamps = new HashSet<>();
    for (byte[] sealed : envelopes) {
      int nonceStart = 21 + SealTesting.REFERENCE.length();
      nonces.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, nonceStart,
          nonceStart + SealingProvider.NONCE_LENGTH)));
      stamps.add(Envelope.parse(sealed).stamp());
    }
    assertEquals(envelopes.size(), nonces.size(), "a nonce repeated");
    assertEquals(envelopes.size(), stamps.size(), "a counter was handed out twice");
    assertEquals(1L, stamps.stream().mapToLong(Long::longValue).min().getAsLong());
    assertEquals((long) envelopes.size(), stamps.stream().mapToLong(Long::longValue).max()
        .getAsLong());
    try (KeyringSealer opener = SealTesting.keyring(algorithm, AntiRollback.disabled(), 7)) {
      for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < SEALS_PER_THREAD; i++) {
          assertArrayEquals(plaintext(t, i),
              opener.open(envelopes.get(t * SEALS_PER_THREAD + i), AAD));
        }
      }
    }
  }

  private static byte[] plaintext(int thread, int index) {
    return ("thread " + thread + " secret " + index).getBytes(StandardCharsets.UTF_8);
  }
}
