package dev.ronkms.conformance;

import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.ParallelVerifier;
import dev.ronkms.ed25519.VerifyItem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * The batch (or parallel) path as a {@link PolicyVerifier}: each case is placed at a random
 * position in a batch of random size, among filler items whose answers are known (valid
 * signatures and a mix of invalid ones), and verified {@value #REPEATS} times, each time with
 * fresh random coefficients. It answers the case's result, and throws if the repeats disagree
 * or any filler's result differs from its known answer, so a batch that lets one item's answer
 * leak into another's fails the suite.
 */
public final class EmbeddingVerifier implements PolicyVerifier {
  static final int REPEATS = 3;

  private final String name;
  private final Executor executor; // null: BatchVerifier on this thread
  private final int maxSize;
  private final BatchVerifier batch = new BatchVerifier();
  private final ParallelVerifier parallel;
  private final List<Ed25519Vector> fillers;
  private final SplittableRandom rnd;

  private EmbeddingVerifier(String name, Executor executor, int maxSize, long seed) {
    this.name = name;
    this.executor = executor;
    this.parallel = executor == null ? null : new ParallelVerifier(executor, batch);
    this.maxSize = maxSize;
    this.rnd = new SplittableRandom(seed);
    this.fillers = fillers(seed);
  }

  /** Batches of 1 to 80 items on the calling thread. */
  public static EmbeddingVerifier batch(long seed) {
    return new EmbeddingVerifier("batch", null, 80, seed);
  }

  /** Inputs of 1 to 300 items split into chunks on {@code executor}. */
  public static EmbeddingVerifier parallel(Executor executor, long seed) {
    return new EmbeddingVerifier("parallel", executor, 300, seed);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    Boolean answer = null;
    for (int repeat = 0; repeat < REPEATS; repeat++) {
      int size = 1 + rnd.nextInt(maxSize);
      int position = rnd.nextInt(size);
      List<VerifyItem> items = new ArrayList<>(size);
      List<Ed25519Vector> placed = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        Ed25519Vector v = i == position ? null : fillers.get(rnd.nextInt(fillers.size()));
        placed.add(v);
        items.add(v == null ? new VerifyItem(publicKey, message, signature)
            : new VerifyItem(v.publicKey(), v.message(), v.signature()));
      }
      boolean[] results = executor == null ? batch.verify(items) : parallel.verify(items);
      if (results.length != size) {
        throw new AssertionError(name + " returned " + results.length + " results for " + size);
      }
      for (int i = 0; i < size; i++) {
        if (i != position && results[i] != placed.get(i).expectedValid()) {
          throw new AssertionError(name + ": filler " + placed.get(i) + " at " + i + " of "
              + size + " answered " + results[i] + " next to the case at " + position);
        }
      }
      if (answer != null && answer != results[position]) {
        throw new AssertionError(name + ": repeats with fresh coefficients disagree");
      }
      answer = results[position];
    }
    return answer;
  }

  /** Valid signatures (Wycheproof and RFC 8032) and invalid ones of several kinds. */
  private static List<Ed25519Vector> fillers(long seed) {
    List<Ed25519Vector> out = new ArrayList<>(Ed25519Vectors.rfc8032());
    for (Ed25519Vector v : Ed25519Vectors.wycheproof()) {
      if (v.expectedValid() || v.signature().length == 64) {
        out.add(v);
      }
    }
    for (AdversarialCases.Case c : AdversarialCases.generate(seed, 1)) {
      out.add(c.vector());
    }
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}
