package dev.ronkms.events;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.time.Instant;
import java.util.Objects;

/**
 * One key operation, as a {@link dev.ronkms.Kms} reports it after the call.
 *
 * <p>Guarantees: immutable; never carries a secret, a message, a plaintext, a signature or an
 * envelope, only what names the operation: its time, kind, key and version, outcome and error
 * code, the provider that holds the key, how long it took and, for a batch, how many items it
 * had. Fields that were not known (a key id that did not parse, a batch's one key) are null.
 *
 * @param time when the operation started, from the key manager's clock
 * @param operation what was done
 * @param algorithm the key's algorithm, or null when no key was named
 * @param keyId the key, with the version the operation used when it is known (the version that
 *     signed, the one a verification named, the new head of a rotation), or null
 * @param outcome success, a negative answer, or failure
 * @param error the failure's code, or null unless {@code outcome} is {@link Outcome#FAILURE}
 * @param provider the name of the provider holding the key's private keys, or null (a
 *     verify-only key, a deleted key, a batch)
 * @param nanos how long the call took, in nanoseconds
 * @param batchLength the number of requests of a batch, 0 for any other operation
 */
public record OperationEvent(Instant time, Operation operation, Algorithm algorithm,
    KeyId keyId, Outcome outcome, ErrorCode error, String provider, long nanos,
    int batchLength) {

  /**
   * Checks the fields that are always present, and that an error code comes exactly with a
   * failure.
   *
   * @param time when the operation started
   * @param operation what was done
   * @param algorithm the key's algorithm, or null
   * @param keyId the key and version used, or null
   * @param outcome success, a negative answer, or failure
   * @param error the failure's code, or null
   * @param provider the provider holding the key, or null
   * @param nanos how long the call took, in nanoseconds
   * @param batchLength the number of requests of a batch, 0 otherwise
   */
  public OperationEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.FAILURE) != (error != null)) {
      throw new IllegalArgumentException("an error code exactly when the outcome is FAILURE");
    }
  }
}
