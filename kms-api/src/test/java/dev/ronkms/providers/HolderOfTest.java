package dev.ronkms.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.keys.Algorithm;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which present provider holds the stored keys of a named, possibly absent, provider. */
class HolderOfTest {

  private static FakeProvider named(String name, int priority, Set<String> holds) {
    return new FakeProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public Set<String> holdsKeysOf() {
        return holds;
      }
    };
  }

  @Test
  void theNamedProviderFirstThenTheBestThatHoldsItsKeys() {
    FakeProvider lane = named("lane-b", 1, Set.of("lane-a"));
    FakeProvider better = named("lane-c", 9, Set.of("lane-a"));
    FakeProvider unrelated = named("other", 50, Set.of());
    FakeProvider exact = named("lane-a", 0, Set.of());
    assertEquals(Optional.of(exact), Providers.holderOf("lane-a", Algorithm.ED25519,
        List.of(lane, better, unrelated, exact)));
    assertEquals(Optional.of(better), Providers.holderOf("lane-a", Algorithm.ED25519,
        List.of(lane, better, unrelated)));
    assertEquals(Optional.of(better), Providers.holderOf("lane-a", Algorithm.ED25519,
        List.of(better, lane)));
    assertEquals(Optional.empty(), Providers.holderOf("lane-a", Algorithm.ED25519,
        List.of(unrelated)));
    assertEquals(Optional.empty(), Providers.holderOf("lane-a", Algorithm.ML_DSA_65,
        List.of(lane, exact)), "only providers serving the algorithm");
  }
}
