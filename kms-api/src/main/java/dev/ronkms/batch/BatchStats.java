package dev.ronkms.batch;

/**
 * Counts of batch verifications by size since a key manager was built, ready to be published as
 * a metric (the {@code kms_batch_len} distribution). A batch of n items is counted in the first
 * bucket whose upper bound is &ge; n; the bounds are powers of two up to 1024, then
 * {@link Integer#MAX_VALUE}. An immutable snapshot.
 *
 * @param batches number of batches verified
 * @param items number of items in them
 * @param upperBounds each bucket's largest batch size
 * @param counts batches per bucket
 */
public record BatchStats(long batches, long items, int[] upperBounds, long[] counts) {

  /**
   * Copies the arrays.
   *
   * @param batches number of batches verified
   * @param items number of items in them
   * @param upperBounds each bucket's largest batch size
   * @param counts batches per bucket
   */
  public BatchStats {
    upperBounds = upperBounds.clone();
    counts = counts.clone();
  }

  /**
   * Each bucket's largest batch size, ascending.
   *
   * @return the upper bounds (a copy)
   */
  @Override
  public int[] upperBounds() {
    return upperBounds.clone();
  }

  /**
   * The batches counted per bucket, in the order of {@link #upperBounds()}.
   *
   * @return the counts (a copy)
   */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Batches counted in the bucket whose upper bound is {@code bound}.
   *
   * @param bound the upper bound of the bucket
   * @return batches counted in the bucket whose upper bound is {@code bound}
   */
  public long countUpTo(int bound) {
    for (int i = 0; i < upperBounds.length; i++) {
      if (upperBounds[i] == bound) {
        return counts[i];
      }
    }
    throw new IllegalArgumentException("no bucket with upper bound " + bound);
  }
}
