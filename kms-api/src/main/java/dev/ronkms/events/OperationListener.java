package dev.ronkms.events;

/**
 * Receives one {@link OperationEvent} per key operation of the {@link dev.ronkms.Kms} it is
 * registered with ({@code Kms.builder().listener(...)}): the hook metrics and audit trails are
 * built on.
 *
 * <p>Contract: {@link #onOperation} is called on the calling thread, after the operation (and
 * after any store change it made), from many threads at once; it must be thread-safe and
 * quick. What happens when it throws is the listener's choice, {@link #failClosed()}:
 * <ul>
 *   <li>fail-open (the default): the key manager ignores the failure and the caller gets the
 *       operation's own result;</li>
 *   <li>fail-closed: the caller gets {@link dev.ronkms.ErrorCode#AUDIT_FAILED} instead of the
 *       result (a signature, a plaintext, a key id is not handed out unrecorded). A change the
 *       operation made to the store stays made: the store is never left half-written, but the
 *       caller must not assume the change failed.</li>
 * </ul>
 * A listener is never given a secret or message content, so it cannot leak one.
 */
@FunctionalInterface
public interface OperationListener {

  /**
   * Handles one event.
   *
   * @param event the operation to record
   */
  void onOperation(OperationEvent event);

  /**
   * True when a failure of {@link #onOperation} must fail the operation; false by default.
   *
   * @return true to fail the operation when this listener fails
   */
  default boolean failClosed() {
    return false;
  }
}
