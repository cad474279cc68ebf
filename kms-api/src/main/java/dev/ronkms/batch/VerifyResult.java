package dev.ronkms.batch;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for one batch item, equal to what single verification answers for it: valid,
 * invalid, or refused with the {@link ErrorCode} single verification would have thrown (for
 * example {@code VERSION_DISABLED} or {@code MALFORMED_SIGNATURE}). One bad item never fails the
 * batch.
 *
 * <p>Hard to misuse: there is no three-valued outcome to compare against the wrong constant.
 * {@link #isValid()} is true for a valid signature and nothing else, so a refused item can never
 * pass for a valid one; {@link #orThrow()} gives single verification's exact behaviour;
 * {@link #error()} tells why an item was refused. Immutable.
 */
public final class VerifyResult {
  private static final VerifyResult VALID = new VerifyResult(true, null);
  private static final VerifyResult INVALID = new VerifyResult(false, null);

  private final boolean valid;
  private final ErrorCode error;

  private VerifyResult(boolean valid, ErrorCode error) {
    this.valid = valid;
    this.error = error;
  }

  /**
   * A valid signature.
   *
   * @return a valid signature
   */
  public static VerifyResult valid() {
    return VALID;
  }

  /**
   * A well-formed request whose signature does not verify.
   *
   * @return a well-formed request whose signature does not verify
   */
  public static VerifyResult invalid() {
    return INVALID;
  }

  /**
   * The result for an item single verification would have refused with {@code code}.
   *
   * @param code the error code
   * @return the result for an item single verification would have refused with {@code code}
   */
  public static VerifyResult refused(ErrorCode code) {
    return new VerifyResult(false, Objects.requireNonNull(code, "code"));
  }

  /**
   * The result for a boolean verification answer.
   *
   * @param valid the verification answer
   * @return the result for a boolean verification answer
   */
  public static VerifyResult of(boolean valid) {
    return valid ? VALID : INVALID;
  }

  /**
   * True only for a valid signature; false for an invalid or a refused item.
   *
   * @return true only for a valid signature; false for an invalid or a refused item
   */
  public boolean isValid() {
    return valid;
  }

  /**
   * Why the item was refused, or empty when it was verified (valid or not).
   *
   * @return why the item was refused, or empty when it was verified (valid or not)
   */
  public Optional<ErrorCode> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Exactly what single verification does: true for valid, false for invalid, and for a refused
   * item the {@link KmsException} it would have thrown.
   *
   * @return exactly what single verification does: true for valid, false for invalid, and for a
   *     refused item the {@link KmsException} it would have thrown
   */
  public boolean orThrow() {
    if (error != null) {
      throw new KmsException(error, "batch item refused");
    }
    return valid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifyResult r && valid == r.valid && error == r.error;
  }

  @Override
  public int hashCode() {
    return Objects.hash(valid, error);
  }

  @Override
  public String toString() {
    return error != null ? "REFUSED(" + error + ")" : valid ? "VALID" : "INVALID";
  }
}
