package dev.ronkms.seal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The three anti-rollback policies at their edges: a counter admits a stamp equal to its mark
 * and refuses one below, a time window admits stamps exactly a window away and refuses one
 * millisecond beyond, every policy but {@code disabled()} refuses a stamp of another kind.
 */
class AntiRollbackPolicyTest {
  private static final RollbackContext A = RollbackContext.of("k", new byte[] {1});
  private static final RollbackContext B = RollbackContext.of("k", new byte[] {2});
  private static final long NOW = 1_800_000_000_000L;

  private static KmsException assertCode(ErrorCode code, Executable call) {
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  private static Clock at(long millis) {
    return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @Test
  void aCounterStampsOneTwoThreePerContext() {
    AntiRollback counter = AntiRollback.counter();
    assertEquals(StampKind.COUNTER, counter.kind());
    assertEquals(1, counter.stamp(A));
    assertEquals(2, counter.stamp(A));
    assertEquals(1, counter.stamp(B));
    assertEquals(3, counter.stamp(A));
    assertEquals(1, AntiRollback.counter().stamp(A), "counter() has a store of its own");
  }

  @Test
  void aCounterAdmitsTheMarkAndAboveAndRefusesOneBelow() {
    AntiRollback counter = AntiRollback.counter();
    counter.stamp(A);
    counter.stamp(A); // mark 2
    assertDoesNotThrow(() -> counter.admit(A, StampKind.COUNTER, 2));
    KmsException e = assertCode(ErrorCode.ROLLBACK, () -> counter.admit(A, StampKind.COUNTER,
        1));
    assertEquals("ROLLBACK: the envelope's counter 1 is below 2, already seen in its context",
        e.getMessage());
    assertDoesNotThrow(() -> counter.admit(A, StampKind.COUNTER, 5)); // mark 5
    assertCode(ErrorCode.ROLLBACK, () -> counter.admit(A, StampKind.COUNTER, 4));
    assertDoesNotThrow(() -> counter.admit(A, StampKind.COUNTER, 5));
    assertEquals(6, counter.stamp(A), "the next seal is above what was opened");
    assertDoesNotThrow(() -> counter.admit(B, StampKind.COUNTER, 0), "0 is not below mark 0");
    assertDoesNotThrow(() -> counter.admit(B, StampKind.COUNTER, 1));
    assertCode(ErrorCode.ROLLBACK, () -> counter.admit(B, StampKind.COUNTER, 0));
  }

  @Test
  void aCounterRefusesOtherKindsAndMovesNoMarkDoingSo() {
    CounterStore marks = CounterStore.inMemory();
    AntiRollback counter = AntiRollback.counter(marks);
    KmsException e = assertCode(ErrorCode.ROLLBACK, () -> counter.admit(A, StampKind.NONE, 0));
    assertEquals("ROLLBACK: the envelope carries no counter (stamp kind NONE) and the counter"
        + " policy cannot order it", e.getMessage());
    assertCode(ErrorCode.ROLLBACK, () -> counter.admit(A, StampKind.TIME, 99));
    assertEquals(0, marks.raise(A, 0), "refusals of another kind leave the mark at 0");
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> AntiRollback.counter(null));
    assertEquals("AntiRollback.counter[InMemoryCounters[1 contexts]]", counter.toString());
  }

  @Test
  void aTimeWindowStampsTheClockAndAdmitsExactlyTheWindow() {
    long window = Duration.ofMinutes(5).toMillis();
    AntiRollback policy = AntiRollback.timeWindow(Duration.ofMinutes(5), at(NOW));
    assertEquals(StampKind.TIME, policy.kind());
    assertEquals(NOW, policy.stamp(A));
    assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW));
    assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW - window));
    assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW + window));
    KmsException old = assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.TIME,
        NOW - window - 1));
    assertEquals("ROLLBACK: the envelope was sealed at 1799999699999 ms, outside the 300000 ms"
        + " window around 1800000000000", old.getMessage());
    assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.TIME, NOW + window + 1));
    assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.TIME, -1));
    assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.COUNTER, NOW));
    assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.NONE, 0));
    assertEquals("AntiRollback.timeWindow[300000 ms]", policy.toString());
  }

  @Test
  void aOneMillisecondWindowIsTheSmallest() {
    AntiRollback policy = AntiRollback.timeWindow(Duration.ofMillis(1), at(NOW));
    assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW - 1));
    assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW + 1));
    assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.TIME, NOW - 2));
    assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.TIME, NOW + 2));
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1),
        Duration.ofNanos(999_999), null}) {
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> AntiRollback.timeWindow(bad, at(NOW)));
    }
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> AntiRollback.timeWindow(Duration.ofSeconds(1),
        null));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> AntiRollback.timeWindow(
        ChronoUnit.FOREVER.getDuration().negated(), at(NOW)));
  }

  @Test
  void aWindowTooLongForALongIsHeldAtTheLongRangeInsteadOfOverflowing() {
    for (Duration forever : new Duration[] {ChronoUnit.FOREVER.getDuration(),
        Duration.ofMillis(Long.MAX_VALUE)}) {
      AntiRollback policy = AntiRollback.timeWindow(forever, at(NOW));
      assertEquals("AntiRollback.timeWindow[9223372036854775807 ms]", policy.toString());
      assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, Long.MAX_VALUE));
      assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, 0));
      assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW));
      assertDoesNotThrow(() -> policy.admit(A, StampKind.TIME, NOW - Long.MAX_VALUE));
      assertCode(ErrorCode.ROLLBACK, () -> policy.admit(A, StampKind.TIME,
          NOW - Long.MAX_VALUE - 1));
    }
    AntiRollback atTheEnd = AntiRollback.timeWindow(Duration.ofDays(1), at(Long.MAX_VALUE));
    assertDoesNotThrow(() -> atTheEnd.admit(A, StampKind.TIME, Long.MAX_VALUE));
    assertCode(ErrorCode.ROLLBACK, () -> atTheEnd.admit(A, StampKind.TIME, 0));
    AntiRollback atTheStart = AntiRollback.timeWindow(Duration.ofDays(1), at(Long.MIN_VALUE));
    assertDoesNotThrow(() -> atTheStart.admit(A, StampKind.TIME, Long.MIN_VALUE));
    assertCode(ErrorCode.ROLLBACK, () -> atTheStart.admit(A, StampKind.TIME, 0));
  }

  @Test
  void disabledStampsZeroAndAdmitsEverything() {
    AntiRollback off = AntiRollback.disabled();
    assertSame(AntiRollback.Disabled.INSTANCE, off);
    assertEquals(StampKind.NONE, off.kind());
    assertEquals(0, off.stamp(A));
    assertEquals(0, off.stamp(A));
    for (StampKind kind : StampKind.values()) {
      for (long stamp : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}) {
        assertDoesNotThrow(() -> off.admit(A, kind, stamp));
      }
    }
    assertNotSame(AntiRollback.counter(), AntiRollback.counter());
  }
}
