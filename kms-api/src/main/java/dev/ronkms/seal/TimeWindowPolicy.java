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
    if (window == null || clock == null || window.isNegative() || window.isZero()) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a positive window and a clock are"
          + " required");
    }
    this.windowMillis = window.toMillis();
    this.clock = clock;
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
    if (stamp < now - windowMillis || stamp > now + windowMillis) {
      throw AntiRollback.rollback("the envelope was sealed at " + stamp + " ms, outside the "
          + windowMillis + " ms window around " + now);
    }
  }

  @Override
  public String toString() {
    return "AntiRollback.timeWindow[" + windowMillis + " ms]";
  }
}
