package dev.ronkms;

import dev.ronkms.events.Operation;
import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.OperationListener;
import dev.ronkms.events.Outcome;
import dev.ronkms.keys.KeyId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a key operation and reports it to the key manager's {@link OperationListener}s: one
 * {@link OperationEvent} per call, after the call. Without listeners it only runs the operation.
 * A listener that throws is ignored unless it is fail-closed; then the caller gets
 * {@code AUDIT_FAILED} instead of the result (the operation's own failure, if it failed, is
 * thrown with the listener's failure suppressed).
 */
final class Events {
  private final List<OperationListener> listeners;
  private final Clock clock;
  private final KeyAccess keys;

  Events(List<OperationListener> listeners, Clock clock, KeyAccess keys) {
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
    this.keys = keys;
  }

  /** {@link #run(Operation, KeyId, Supplier, Function, Predicate)}: the named key is the one used. */
  <T> T run(Operation operation, KeyId key, Supplier<T> action) {
    return run(operation, key, action, null, null);
  }

  /** Runs {@code action} as {@link #run(Operation, KeyId, Supplier)}, for a call with no result. */
  void run(Operation operation, KeyId key, Runnable action) {
    run(operation, key, () -> {
      action.run();
      return null;
    }, null, null);
  }

  /**
   * Runs {@code action} on {@code key} and reports it.
   *
   * @param used the key and version the result says were used (a signature's version, a
   *     rotation's new head), or null to report {@code key}
   * @param negative true for a result that answers no (an invalid signature), or null
   */
  <T> T run(Operation operation, KeyId key, Supplier<T> action, Function<T, KeyId> used,
      Predicate<T> negative) {
    return observe(operation, key, 0, action, used, negative);
  }

  /** Runs a batch of {@code length} requests and reports it (no key: a batch spans keys). */
  <T> T batch(int length, Supplier<T> action) {
    return observe(Operation.VERIFY_BATCH, null, length, action, null, null);
  }

  private <T> T observe(Operation operation, KeyId key, int length, Supplier<T> action,
      Function<T, KeyId> used, Predicate<T> negative) {
    if (listeners.isEmpty()) {
      return action.get();
    }
    Instant time = clock.instant();
    long start = System.nanoTime();
    T result;
    try {
      result = action.get();
    } catch (KmsException e) {
      try {
        emit(new OperationEvent(time, operation, key == null ? null : key.algorithm(), key,
            Outcome.FAILURE, e.code(), provider(key), System.nanoTime() - start, length));
      } catch (KmsException auditFailed) {
        e.addSuppressed(auditFailed);
      }
      throw e;
    }
    KeyId reported = used != null && result != null ? used.apply(result) : key;
    Outcome outcome = negative != null && negative.test(result) ? Outcome.NEGATIVE
        : Outcome.SUCCESS;
    emit(new OperationEvent(time, operation, reported == null ? null : reported.algorithm(),
        reported, outcome, null, provider(reported), System.nanoTime() - start, length));
    return result;
  }

  private void emit(OperationEvent event) {
    RuntimeException closedFailure = null;
    OperationListener failed = null;
    for (OperationListener listener : listeners) {
      try {
        listener.onOperation(event);
      } catch (RuntimeException e) {
        if (listener.failClosed() && closedFailure == null) {
          closedFailure = e;
          failed = listener;
        }
      }
    }
    if (closedFailure != null) {
      throw new KmsException(ErrorCode.AUDIT_FAILED, "the fail-closed listener "
          + failed.getClass().getName() + " could not record " + event.operation().label()
          + " (" + closedFailure.getClass().getName() + ")", closedFailure);
    }
  }

  /** The provider the key's record names, or null (none, no such key, no key). */
  private String provider(KeyId key) {
    if (key == null) {
      return null;
    }
    try {
      return keys.load(key.unversioned()).provider().orElse(null);
    } catch (KmsException gone) {
      return null;
    }
  }
}
