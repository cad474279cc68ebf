package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PreparedKeys} on its own, with a recording destroyer: a key is prepared once per seed,
 * every key that leaves the cache through {@code drop}, {@code put} or a lost race is destroyed
 * exactly once and nothing else is, and the cache never holds more than its capacity.
 */
class PreparedKeysTest {

  /** A prepared "key" that knows whether it was destroyed. */
  static final class Key {
    final String name;
    int destroyed;

    Key(String name) {
      this.name = name;
    }
  }

  private final List<Key> destroyed = new ArrayList<>();
  private final PreparedKeys<Key> keys = new PreparedKeys<>(k -> {
    k.destroyed++;
    destroyed.add(k);
  });

  @Test
  void aSeedIsPreparedOnceAndTheSameKeyIsReturned() throws Exception {
    byte[] seed = new byte[32];
    int[] prepared = {0};
    Key first = keys.get(seed, s -> {
      prepared[0]++;
      return new Key("k");
    });
    for (int i = 0; i < 5; i++) {
      assertSame(first, keys.get(seed, s -> {
        prepared[0]++;
        return new Key("again");
      }));
    }
    assertEquals(1, prepared[0], "prepared once");
    assertEquals(1, keys.size());
    assertTrue(destroyed.isEmpty(), "nothing destroyed while in use");
  }

  @Test
  void seedsAreToldApartByIdentityNotContent() throws Exception {
    byte[] a = new byte[32];
    byte[] b = new byte[32]; // equal contents, another handle
    Key ka = keys.get(a, s -> new Key("a"));
    Key kb = keys.get(b, s -> new Key("b"));
    assertEquals("a", ka.name);
    assertEquals("b", kb.name);
    assertEquals(2, keys.size());
    keys.drop(a);
    assertSame(kb, keys.get(b, s -> new Key("b2")), "dropping one handle keeps the other");
  }

  @Test
  void dropRemovesAndDestroysOnlyThatEntryExactlyOnce() throws Exception {
    byte[] a = new byte[1];
    byte[] b = new byte[1];
    Key ka = keys.get(a, s -> new Key("a"));
    Key kb = keys.get(b, s -> new Key("b"));
    keys.drop(a);
    assertEquals(List.of(ka), destroyed);
    assertEquals(1, ka.destroyed);
    assertEquals(0, kb.destroyed);
    assertEquals(1, keys.size(), "the entry is gone");
    keys.drop(a); // already gone: nothing more to destroy
    keys.drop(new byte[1]); // never prepared
    assertEquals(List.of(ka), destroyed, "no destroy of a missing entry");
    Key again = keys.get(a, s -> new Key("a2"));
    assertEquals("a2", again.name, "a dropped seed is prepared afresh");
  }

  @Test
  void putReplacesAndDestroysTheOldKeyButNotTheSameOne() throws Exception {
    byte[] seed = new byte[1];
    Key first = new Key("first");
    keys.put(seed, first);
    keys.put(seed, first); // the same object again: still in use
    assertTrue(destroyed.isEmpty());
    Key second = new Key("second");
    keys.put(seed, second);
    assertEquals(List.of(first), destroyed);
    assertSame(second, keys.get(seed, s -> new Key("never")));
    assertEquals(1, keys.size());
  }

  @Test
  void aKeyPreparedWhileAnotherCallPreparedTheSameSeedIsDestroyedAndTheFirstWins()
      throws Exception {
    byte[] seed = new byte[1];
    Key winner = new Key("winner");
    Key loser = new Key("loser");
    // the preparer runs outside the lock: another call stores its key meanwhile
    Key got = keys.get(seed, s -> {
      keys.put(s, winner);
      return loser;
    });
    assertSame(winner, got);
    assertEquals(List.of(loser), destroyed, "the losing key is destroyed, the winner kept");
    assertSame(winner, keys.get(seed, s -> new Key("never")));
  }

  @Test
  void aFailedPreparationCachesNothing() {
    byte[] seed = new byte[1];
    try {
      keys.get(seed, s -> {
        throw new IllegalStateException("library failure");
      });
    } catch (Exception expected) {
      assertEquals("library failure", expected.getMessage());
    }
    assertEquals(0, keys.size());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void neverMoreThanCapacityAndTheLeastRecentlyUsedGoesFirst(long randomSeed)
      throws Exception {
    Random random = new Random(randomSeed);
    List<byte[]> seeds = new ArrayList<>();
    for (int i = 0; i < PreparedKeys.CAPACITY; i++) {
      byte[] s = new byte[1];
      seeds.add(s);
      keys.get(s, x -> new Key("k"));
    }
    assertEquals(PreparedKeys.CAPACITY, keys.size(), "full, nothing evicted yet");
    byte[] touched = seeds.get(random.nextInt(16)); // among the oldest
    Key kept = keys.get(touched, x -> new Key("reprepared"));
    int extra = 1 + random.nextInt(15);
    for (int i = 0; i < extra; i++) {
      keys.get(new byte[1], x -> new Key("new"));
      assertEquals(PreparedKeys.CAPACITY, keys.size(), "bounded");
    }
    assertSame(kept, keys.get(touched, x -> new Key("reprepared")),
        "a recently used entry survives the eviction of older ones");
    int index = seeds.indexOf(touched) == 0 ? 1 : 0;
    Key fresh = keys.get(seeds.get(index), x -> new Key("reprepared"));
    assertEquals("reprepared", fresh.name, "the least recently used was evicted");
  }
}
