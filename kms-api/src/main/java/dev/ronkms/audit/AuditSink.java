package dev.ronkms.audit;

import dev.ronkms.events.OperationEvent;
import dev.ronkms.events.OperationListener;

/**
 * Records one {@link OperationEvent} per key operation of the {@link dev.ronkms.Kms} it is
 * registered with ({@code Kms.builder().listener(sink)}): an {@link OperationListener} meant to
 * keep an audit trail.
 *
 * <p>Contract, beyond {@link OperationListener}'s:
 * <ul>
 *   <li>{@link #onOperation} returns only once the event is recorded (as durably as the sink
 *       promises) and throws when it could not be; it is called from many threads at once and
 *       must record every event whole, none lost and none interleaved with another.</li>
 *   <li>Fail-closed by default ({@link #failClosed()} is true): when the sink cannot record an
 *       operation the caller gets {@link dev.ronkms.ErrorCode#AUDIT_FAILED} instead of the result,
 *       so no signature, plaintext or key id is handed out unrecorded. A sink that returns false
 *       is fail-open: its failures are ignored and the operation's result is returned. Either
 *       way a failing sink never changes the store: a change the operation made stays made, and
 *       a failed operation changed nothing.</li>
 *   <li>{@link #close()} releases what the sink holds; the host closes it after the key manager
 *       (a {@link dev.ronkms.Kms} does not own its listeners). Recording after close fails.</li>
 * </ul>
 */
public interface AuditSink extends OperationListener, AutoCloseable {

  /** Records {@code event}; throws when it could not be recorded. */
  @Override
  void onOperation(OperationEvent event);

  /** True (the default for an audit sink): a failure to record fails the operation. */
  @Override
  default boolean failClosed() {
    return true;
  }

  /** Releases what the sink holds; idempotent. Nothing by default. */
  @Override
  default void close() {}
}
