package dev.ronkms.batch;

/**
 * Why a {@link VerifyCoalescer} sent a batch to verification (docs/API.md, "Verify
 * coalescer").
 */
public enum FlushReason {
  /** The pending items reached the target batch size. */
  SIZE,
  /** The oldest pending item had waited the maximum wait. */
  TIME,
  /**
   * Adaptive: a runner was free (fewer batches in flight than allowed), so the pending items
   * went at once instead of waiting for more company.
   */
  IDLE,
  /** The coalescer was closed; its pending items were drained. */
  CLOSE
}
