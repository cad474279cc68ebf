package dev.ronkms.pq.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link PublicKeyCache}: keyed by content, bounded, a value only for exactly equal bytes. */
class PublicKeyCacheTest {

  /** A "decoded" value that remembers the bytes it was decoded from. */
  record Decoded(String hex) {}

  private final AtomicInteger decodes = new AtomicInteger();

  private Decoded decode(byte[] bytes) {
    decodes.incrementAndGet();
    return new Decoded(HexFormat.of().formatHex(bytes));
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Test
  void aFreshCopyOfTheSameBytesHitsWithoutDecodingAgain() throws Exception {
    PublicKeyCache<Decoded> cache = new PublicKeyCache<>();
    byte[] key = bytes(new Random(1), 1312);
    Decoded first = cache.get(key, this::decode);
    for (int i = 0; i < 5; i++) {
      assertSame(first, cache.get(key.clone(), this::decode), "content, not identity");
    }
    assertEquals(1, decodes.get());
    assertEquals(1, cache.size());
  }

  @Test
  void aCachedValueAnswersOnlyForExactlyEqualBytes() throws Exception {
    PublicKeyCache<Decoded> cache = new PublicKeyCache<>();
    byte[] key = bytes(new Random(2), 800);
    Decoded original = cache.get(key, this::decode);
    for (int i = 0; i < key.length; i += 37) {
      byte[] flipped = key.clone();
      flipped[i] ^= 1;
      Decoded other = cache.get(flipped, this::decode);
      assertNotSame(original, other);
      assertEquals(HexFormat.of().formatHex(flipped), other.hex(), "decoded from its own bytes");
    }
    byte[] shorter = java.util.Arrays.copyOf(key, key.length - 1);
    assertEquals(HexFormat.of().formatHex(shorter), cache.get(shorter, this::decode).hex());
    assertSame(original, cache.get(key.clone(), this::decode));
  }

  @Test
  void theCallerChangingItsArrayAfterwardsChangesNothingCached() throws Exception {
    PublicKeyCache<Decoded> cache = new PublicKeyCache<>();
    byte[] key = bytes(new Random(3), 64);
    byte[] kept = key.clone();
    Decoded first = cache.get(key, this::decode);
    key[0] ^= 1;
    assertEquals(HexFormat.of().formatHex(key), cache.get(key, this::decode).hex());
    assertSame(first, cache.get(kept, this::decode));
    assertEquals(HexFormat.of().formatHex(kept), first.hex());
  }

  @Test
  void itStaysBoundedUnderManyKeys() throws Exception {
    PublicKeyCache<Decoded> cache = new PublicKeyCache<>(16);
    Random r = new Random(4);
    for (int i = 0; i < 2000; i++) {
      cache.get(bytes(r, 32), this::decode);
      assertTrue(cache.size() <= 16, "size " + cache.size());
    }
    assertEquals(2000, decodes.get());
    PublicKeyCache<Decoded> big = new PublicKeyCache<>();
    assertEquals(PublicKeyCache.DEFAULT_CAPACITY, big.capacity());
    for (int i = 0; i < PublicKeyCache.DEFAULT_CAPACITY + 500; i++) {
      big.get(bytes(r, 32), this::decode);
    }
    assertEquals(PublicKeyCache.DEFAULT_CAPACITY, big.size());
  }

  @Test
  void itStaysBoundedUnderConcurrentInserts() throws Exception {
    PublicKeyCache<Decoded> cache = new PublicKeyCache<>(32);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          Random r = new Random(seed);
          for (int i = 0; i < 2000; i++) {
            byte[] key = bytes(r, 16);
            Decoded d = cache.get(key, this::decode);
            assertEquals(HexFormat.of().formatHex(key), d.hex());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(cache.size() <= 32, "size " + cache.size());
  }

  @Test
  void aFailedOrNullDecodingIsNotCached() throws Exception {
    PublicKeyCache<Decoded> cache = new PublicKeyCache<>();
    byte[] key = {1, 2, 3};
    assertThrows(IllegalStateException.class, () -> cache.get(key, b -> {
      throw new IllegalStateException("refused");
    }));
    assertNull(cache.get(key, b -> null));
    assertEquals(0, cache.size());
    assertEquals("010203", cache.get(key, this::decode).hex());
    assertEquals(1, cache.size());
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new PublicKeyCache<>(0));
  }
}
