package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.time.Clock;
import java.time.Duration;

/** {@link AntiRollback#timeWindow(Duration, Clock)}. */
final class TimeWindowPolicy implements AntiRollback {
  private final long windowMillis;
  private final Clock clock;

  TimeWindowPolicy(Duration window, Clock clock) {
    long millis = window == null ? 0 : saturatedMillis(window);
    if (clock == null || millis < 1) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a window of at least 1 ms and a"
          + " clock are required");
    }
    this.windowMillis = millis;
    this.clock = clock;
  }

  /** The window in milliseconds; a window too long for a long is as good as forever. */
  private static long saturatedMillis(Duration window) {
    try {
      return window.toMillis();
    } catch (ArithmeticException tooLong) {
      return window.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** {@code a + b}, held at the ends of the long range instead of wrapping around. */
  private static long saturatedAdd(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  @Override
  public StampKind kind() {
    return StampKind.TIME;
  }

  @Override
  public long stamp(RollbackContext context) {
    return clock.millis();
  }

  @Override
  public void admit(RollbackContext context, StampKind kind, long stamp) {
    if (kind != StampKind.TIME) {
      throw AntiRollback.rollback("the envelope carries no time stamp (stamp kind " + kind
          + ") and the time-window policy cannot date it");
    }
    long now = clock.millis();
    if (stamp < saturatedAdd(now, -windowMillis) || stamp > saturatedAdd(now, windowMillis)) {
      throw AntiRollback.rollback("the envelope was sealed at " + stamp + " ms, outside the "
          + windowMillis + " ms window around " + now);
    }
  }

  @Override
  public String toString() {
    return "AntiRollback.timeWindow[" + windowMillis + " ms]";
  }
}
