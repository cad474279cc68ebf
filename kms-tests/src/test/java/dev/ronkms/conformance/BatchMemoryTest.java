package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.Kms;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Kms.verifyBatch} works in bounded chunks: a child JVM with a 16 MB heap verifies 20,000
 * signatures in one call, on one thread and in parallel. Verified all at once, the batch
 * verifier's working state (over 1 KB per item even with a single key) needed about 32 MB: the
 * child died of OutOfMemoryError at 24 MB before the engine chunked its batches. The requests
 * share a few arrays, so the input itself stays under 1 MB.
 */
class BatchMemoryTest {
  static final int ITEMS = 20_000;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twentyThousandItemsFitInASmallHeap() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (String mode : List.of("single", "parallel")) {
      Process p = new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), Child.class.getName(), mode)
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(true, p.waitFor(100, TimeUnit.SECONDS), "child finished");
      assertEquals(0, p.exitValue(), mode + ": " + out);
      assertEquals("valid=" + ITEMS, out.strip(), mode);
    }
  }

  /** The child: one key, a few signatures, a lazily built list of 20,000 requests. */
  static final class Child {
    public static void main(String[] args) {
      try (Kms kms = Kms.inMemory()) {
        KeyId key = kms.create("acme", "memory", Algorithm.ED25519);
        List<VerifyRequest> distinct = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
          Signed s = kms.sign(key, m);
          distinct.add(VerifyRequest.of(s, m));
        }
        List<VerifyRequest> requests = new AbstractList<>() {
          @Override
          public VerifyRequest get(int index) {
            return distinct.get(index % distinct.size());
          }

          @Override
          public int size() {
            return ITEMS;
          }
        };
        List<VerifyResult> results = args[0].equals("parallel")
            ? kms.verifyBatchParallel(requests) : kms.verifyBatch(requests);
        System.out.println("valid=" + results.stream().filter(VerifyResult::isValid).count());
      }
    }
  }
}
