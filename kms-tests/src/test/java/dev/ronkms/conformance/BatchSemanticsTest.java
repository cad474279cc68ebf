package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.Ed25519Verifier;
import dev.ronkms.ed25519.ParallelVerifier;
import dev.ronkms.ed25519.VerifyItem;
import dev.ronkms.ed25519.model.EdwardsModel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch-only situations: empty and one-item batches, duplicates, one key repeated, signatures
 * whose errors cancel in a sum, swapped S values, mismatched lengths. Every result must equal
 * single verification, item by item.
 */
class BatchSemanticsTest {
  private final BatchVerifier batch = new BatchVerifier();

  private static List<VerifyItem> valid(int keys, int perKey, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<VerifyItem> out = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      BigInteger a = AdversarialCases.scalar(rnd);
      byte[] pk = EdwardsModel.BASE.times(a).encode();
      for (int m = 0; m < perKey; m++) {
        byte[] msg = ("key " + k + " message " + m).getBytes();
        BigInteger r = AdversarialCases.scalar(rnd);
        out.add(new VerifyItem(pk, msg,
            EdwardsModel.sign(a, pk, r, EdwardsModel.BASE.times(r).encode(), msg)));
      }
    }
    return out;
  }

  private void assertLikeSingle(List<VerifyItem> items) {
    boolean[] expected = new boolean[items.size()];
    for (int i = 0; i < expected.length; i++) {
      VerifyItem it = items.get(i);
      expected[i] = Ed25519Verifier.verify(it.publicKey(), it.message(), it.signature());
    }
    for (int repeat = 0; repeat < 3; repeat++) {
      assertArrayEquals(expected, batch.verify(items), "fresh coefficients, repeat " + repeat);
    }
  }

  private static byte[] addToS(byte[] sig, BigInteger delta) {
    BigInteger s = EdwardsModel.littleEndian(Arrays.copyOfRange(sig, 32, 64));
    byte[] out = sig.clone();
    System.arraycopy(EdwardsModel.encode(s.add(delta).mod(EdwardsModel.L), false), 0, out, 32,
        32);
    return out;
  }

  @Test
  void emptyAndSingleBatches() {
    assertEquals(0, batch.verify(List.of()).length);
    List<VerifyItem> one = valid(1, 1, 1);
    assertArrayEquals(new boolean[] {true}, batch.verify(one));
    VerifyItem bad = new VerifyItem(one.get(0).publicKey(), new byte[] {1},
        one.get(0).signature());
    assertArrayEquals(new boolean[] {false}, batch.verify(List.of(bad)));
  }

  @Test
  void cancellingErrorsAreBothCaught() {
    for (long seed = 0; seed < 8; seed++) {
      List<VerifyItem> items = new ArrayList<>(valid(3, 4, seed));
      BigInteger d = BigInteger.valueOf(seed + 1).shiftLeft(100).add(BigInteger.ONE);
      VerifyItem a = items.get(1);
      VerifyItem b = items.get(6);
      items.set(1, new VerifyItem(a.publicKey(), a.message(), addToS(a.signature(), d)));
      items.set(6, new VerifyItem(b.publicKey(), b.message(),
          addToS(b.signature(), d.negate())));
      boolean[] result = batch.verify(items);
      assertEquals(false, result[1]);
      assertEquals(false, result[6]);
      assertLikeSingle(items);
    }
  }

  @Test
  void swappedSValuesOfOneKeyAreBothCaught() {
    List<VerifyItem> items = new ArrayList<>(valid(1, 6, 42));
    VerifyItem a = items.get(2);
    VerifyItem b = items.get(4);
    byte[] sa = a.signature().clone();
    byte[] sb = b.signature().clone();
    System.arraycopy(b.signature(), 32, sa, 32, 32);
    System.arraycopy(a.signature(), 32, sb, 32, 32);
    items.set(2, new VerifyItem(a.publicKey(), a.message(), sa));
    items.set(4, new VerifyItem(b.publicKey(), b.message(), sb));
    boolean[] result = batch.verify(items);
    assertEquals(false, result[2]);
    assertEquals(false, result[4]);
    assertLikeSingle(items);
  }

  @Test
  void duplicatesAndOneKeyRepeated() {
    List<VerifyItem> items = new ArrayList<>(valid(1, 20, 7));
    items.addAll(items.subList(0, 10));
    VerifyItem bad = new VerifyItem(items.get(0).publicKey(), "other".getBytes(),
        items.get(0).signature());
    items.add(bad);
    items.add(bad);
    Collections.shuffle(items, new java.util.Random(3));
    assertLikeSingle(items);
  }

  @Test
  void mismatchedLengthsAndNulls() {
    List<VerifyItem> items = new ArrayList<>(valid(4, 2, 9));
    VerifyItem v = items.get(0);
    items.add(new VerifyItem(Arrays.copyOf(v.publicKey(), 31), v.message(), v.signature()));
    items.add(new VerifyItem(v.publicKey(), v.message(), Arrays.copyOf(v.signature(), 65)));
    items.add(new VerifyItem(v.publicKey(), v.message(), new byte[0]));
    items.add(new VerifyItem(null, v.message(), v.signature()));
    items.add(new VerifyItem(v.publicKey(), null, v.signature()));
    items.add(new VerifyItem(v.publicKey(), v.message(), null));
    assertLikeSingle(items);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void randomMixturesOfEveryGeneratedCase(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<VerifyItem> pool = new ArrayList<>(valid(5, 4, seed));
    for (AdversarialCases.Case c : AdversarialParityTest.CASES) {
      Ed25519Vector v = c.vector();
      pool.add(new VerifyItem(v.publicKey(), v.message(), v.signature()));
    }
    for (int round = 0; round < 10; round++) {
      int size = 1 + rnd.nextInt(150);
      List<VerifyItem> items = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        items.add(pool.get(rnd.nextInt(pool.size())));
      }
      assertLikeSingle(items);
    }
  }

  @Test
  void parallelKeepsInputOrder() {
    List<VerifyItem> items = new ArrayList<>(valid(40, 10, 99));
    for (int i = 0; i < items.size(); i += 7) {
      VerifyItem v = items.get(i);
      items.set(i, new VerifyItem(v.publicKey(), "tampered".getBytes(), v.signature()));
    }
    boolean[] expected = batch.verify(items);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      assertArrayEquals(expected, new ParallelVerifier(pool, batch).verify(items));
      assertArrayEquals(expected, new ParallelVerifier().verify(items));
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(i % 7 != 0, expected[i], "item " + i);
    }
  }
}
