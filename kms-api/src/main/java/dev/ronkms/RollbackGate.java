package dev.ronkms;

import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.RollbackContext;
import dev.ronkms.seal.StampKind;
import java.util.Arrays;

/**
 * The engine's use of its {@link AntiRollback} policy, shared by {@link Sealing} (AEAD
 * envelopes) and {@link KemSealing} (KEM envelopes): the stamp for a new envelope, and the
 * admission of an envelope that has already authenticated (docs/API.md, "Sealing with the
 * engine").
 *
 * <p>Guarantees: with {@link AntiRollback#disabled()} no context digest is computed, the stamp
 * is 0 and every envelope is admitted; a plaintext whose envelope the policy refuses is zeroised
 * before the refusal is thrown. What the policy throws reaches the caller as {@link Kms#call}
 * makes it.
 */
final class RollbackGate {
  private final AntiRollback policy;
  /** False for {@link AntiRollback#disabled()}, which needs no context digest at all. */
  private final boolean enforced;

  RollbackGate(AntiRollback policy) {
    this.policy = policy;
    this.enforced = policy != AntiRollback.disabled();
  }

  /** What the policy's stamps mean, written into every envelope. */
  StampKind kind() {
    return policy.kind();
  }

  /** The stamp for a new envelope of {@code reference} under {@code associatedData}. */
  long stamp(String reference, byte[] associatedData) {
    return enforced ? Kms.call(() -> policy.stamp(RollbackContext.of(reference,
        associatedData))) : 0;
  }

  /**
   * {@code plaintext}, once the policy admits its authenticated envelope of {@code reference}
   * with this stamp; otherwise zeroises {@code plaintext} and throws what the policy threw.
   */
  byte[] admit(String reference, byte[] associatedData, StampKind stampKind, long stamp,
      byte[] plaintext) {
    try {
      if (enforced) {
        RollbackContext context = RollbackContext.of(reference, associatedData);
        Kms.call(() -> {
          policy.admit(context, stampKind, stamp);
          return null;
        });
      }
    } catch (RuntimeException | Error e) {
      Arrays.fill(plaintext, (byte) 0);
      throw e;
    }
    return plaintext;
  }
}
