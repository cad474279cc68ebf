package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.time.Clock;
import java.time.Duration;

/**
 * An anti-rollback policy: what stamp a new envelope carries, and whether an authenticated
 * envelope is fresh enough to open. The engine asks {@link #admit} only after authentication
 * succeeded, so a forged envelope can never move a policy's state.
 *
 * <p>The default of {@code Kms} is {@link #counter()}: enforced, one monotonic counter per
 * context (docs/SECURITY.md, "Anti-rollback"). Implementations are thread-safe.
 */
public interface AntiRollback {

  /**
   * The kind of stamp this policy writes.
   *
   * @return the kind of stamp this policy writes
   */
  StampKind kind();

  /**
   * The stamp for a new envelope in {@code context}.
   *
   * @param context the anti-rollback context: the key and the associated data
   * @return the stamp for a new envelope in {@code context}
   */
  long stamp(RollbackContext context);

  /**
   * Admits an authenticated envelope of {@code context} stamped {@code stamp} of kind
   * {@code kind}, or refuses it.
   *
   * @param context the anti-rollback context: the key and the associated data
   * @param kind the kind of provider
   * @param stamp the anti-rollback stamp
   * @throws KmsException {@code ROLLBACK} when the envelope is older than the policy allows, or
   *     was stamped under another kind of policy
   */
  void admit(RollbackContext context, StampKind kind, long stamp);

  /**
   * Monotonic counters per context, kept in memory: the default.
   *
   * @return monotonic counters per context, kept in memory: the default
   */
  static AntiRollback counter() {
    return counter(CounterStore.inMemory());
  }

  /**
   * Monotonic counters per context, kept in {@code marks}: each seal takes the next value, and
   * an envelope whose counter is below the highest seen (sealed or opened) is refused.
   *
   * @param marks where the counters are kept
   * @return monotonic counters per context, kept in {@code marks}: each seal takes the next value,
   *     and an envelope whose counter is below the highest seen (sealed or opened) is refused
   */
  static AntiRollback counter(CounterStore marks) {
    return new CounterPolicy(marks);
  }

  /**
   * Envelopes are stamped with the time they were sealed and refused once older than
   * {@code window}, or stamped more than {@code window} in the future; a stamp exactly
   * {@code window} away is admitted. The window is at least 1 ms ({@code INVALID_ARGUMENT}
   * otherwise); one too long for a {@code long} of milliseconds is held at
   * {@code Long.MAX_VALUE} ms, and the window's ends never wrap around.
   *
   * @param window how long an envelope stays acceptable
   * @param clock the clock
   * @return envelopes are stamped with the time they were sealed and refused once older than {@code
   *     window}, or stamped more than {@code window} in the future; a stamp exactly {@code window}
   *     away is admitted
   */
  static AntiRollback timeWindow(Duration window, Clock clock) {
    return new TimeWindowPolicy(window, clock);
  }

  /**
   * No anti-rollback: stamps are 0 and every authenticated envelope opens. Must be chosen.
   *
   * @return no anti-rollback: stamps are 0 and every authenticated envelope opens
   */
  static AntiRollback disabled() {
    return Disabled.INSTANCE;
  }

  /** The {@link #disabled()} policy. */
  enum Disabled implements AntiRollback {
    /** The one instance. */
    INSTANCE;

    @Override
    public StampKind kind() {
      return StampKind.NONE;
    }

    @Override
    public long stamp(RollbackContext context) {
      return 0;
    }

    @Override
    public void admit(RollbackContext context, StampKind kind, long stamp) {
      // nothing is refused
    }
  }

  /**
   * Shared by the policies: the typed refusal.
   *
   * @param why a secret-free reason
   * @return shared by the policies: the typed refusal
   */
  static KmsException rollback(String why) {
    return new KmsException(ErrorCode.ROLLBACK, why);
  }
}
