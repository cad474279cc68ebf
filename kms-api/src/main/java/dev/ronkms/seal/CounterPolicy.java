package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;

/** {@link AntiRollback#counter(CounterStore)}. */
final class CounterPolicy implements AntiRollback {
  private final CounterStore marks;

  CounterPolicy(CounterStore marks) {
    if (marks == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "counter store is null");
    }
    this.marks = marks;
  }

  @Override
  public StampKind kind() {
    return StampKind.COUNTER;
  }

  @Override
  public long stamp(RollbackContext context) {
    return marks.increment(context);
  }

  @Override
  public void admit(RollbackContext context, StampKind kind, long stamp) {
    if (kind != StampKind.COUNTER) {
      throw AntiRollback.rollback("the envelope carries no counter (stamp kind " + kind
          + ") and the counter policy cannot order it");
    }
    long highest = marks.raise(context, stamp);
    if (stamp < highest) {
      throw AntiRollback.rollback("the envelope's counter " + stamp + " is below " + highest
          + ", already seen in its context");
    }
  }

  @Override
  public String toString() {
    return "AntiRollback.counter[" + marks + "]";
  }
}
