package dev.ronkms.batch;

import dev.ronkms.ErrorCode;
import java.util.Objects;

/**
 * The outcome of one batch item: {@link Outcome#VALID}, {@link Outcome#INVALID}, or
 * {@link Outcome#ERROR} with the {@link ErrorCode} single verification would have thrown (for
 * example {@code VERSION_DISABLED} or {@code MALFORMED_SIGNATURE}). One bad item never fails the
 * batch.
 *
 * @param outcome what happened
 * @param error the error code when {@code outcome} is ERROR, else null
 */
public record VerifyResult(Outcome outcome, ErrorCode error) {

  /** What happened to one item. */
  public enum Outcome { VALID, INVALID, ERROR }

  /** The shared VALID result. */
  public static final VerifyResult VALID = new VerifyResult(Outcome.VALID, null);
  /** The shared INVALID result. */
  public static final VerifyResult INVALID = new VerifyResult(Outcome.INVALID, null);

  public VerifyResult {
    Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.ERROR) != (error != null)) {
      throw new IllegalArgumentException("an error code goes with ERROR, and only with it");
    }
  }

  /** The result for an item single verification would have refused with {@code code}. */
  public static VerifyResult error(ErrorCode code) {
    return new VerifyResult(Outcome.ERROR, Objects.requireNonNull(code, "code"));
  }

  /** True only for a valid signature. */
  public boolean valid() {
    return outcome == Outcome.VALID;
  }
}
