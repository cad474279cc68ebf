package dev.ronkms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.pkcs11.testing.SoftHsm;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads seal and open under one token sealer at once: every result is right. */
class TokenSealerConcurrencyTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 150;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void manyThreadsSealAndOpenAtOnce() throws Exception {
    TokenConfig token = SoftHsm.token();
    try (TokenSealer sealer = TokenSealer.create(token, "threads-" + UUID.randomUUID())) {
      byte[] shared = sealer.seal(new byte[] {42}, new byte[0]);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          results.add(pool.submit(() -> {
            int done = 0;
            for (int i = 0; i < ROUNDS; i++) {
              byte[] plain = ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
              byte[] aad = ByteBuffer.allocate(4).putInt(i).array();
              byte[] sealed = sealer.seal(plain, aad);
              assertArrayEquals(plain, sealer.open(sealed, aad));
              assertArrayEquals(new byte[] {42}, sealer.open(shared, new byte[0]));
              sealed[sealed.length - 1] ^= 1;
              byte[] bad = sealed;
              KmsException e = org.junit.jupiter.api.Assertions.assertThrows(
                  KmsException.class, () -> sealer.open(bad, aad));
              assertEquals(ErrorCode.TAMPERED, e.code());
              done++;
            }
            return done;
          }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
          total += f.get(100, TimeUnit.SECONDS);
        }
        assertEquals(THREADS * ROUNDS, total);
      } finally {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      }
    }
  }
}
