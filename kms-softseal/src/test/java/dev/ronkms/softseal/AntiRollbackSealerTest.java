package dev.ronkms.softseal;

import static dev.ronkms.softseal.SealTesting.assertCode;
import static dev.ronkms.softseal.SealTesting.keyring;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.ErrorCode;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.CounterStore;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The anti-rollback policies as a keyring applies them: counters per context (key reference and
 * associated data) refuse a replayed older envelope, a time window refuses envelopes outside it
 * on a fixed clock, a stamp of another kind is refused, {@code disabled()} opens everything that
 * authenticates, and a forged stamp never moves a counter.
 */
class AntiRollbackSealerTest {
  private static final byte[] AAD = "session-key".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_AAD = "other-secret".getBytes(StandardCharsets.UTF_8);

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aCounterRefusesAReplayedOlderEnvelopeOfTheSameContext(Algorithm algorithm) {
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1)) {
      byte[] first = sealer.seal(text("first"), AAD);
      byte[] elsewhere = sealer.seal(text("elsewhere"), OTHER_AAD);
      byte[] second = sealer.seal(text("second"), AAD);
      assertEquals(StampKind.COUNTER, Envelope.parse(first).stampKind());
      assertEquals(1, Envelope.parse(first).stamp());
      assertEquals(1, Envelope.parse(elsewhere).stamp(), "contexts count on their own");
      assertEquals(2, Envelope.parse(second).stamp());
      assertCode(ErrorCode.ROLLBACK, () -> sealer.open(first, AAD));
      assertArrayEquals(text("second"), sealer.open(second, AAD));
      assertArrayEquals(text("second"), sealer.open(second, AAD), "the newest opens again");
      assertArrayEquals(text("elsewhere"), sealer.open(elsewhere, OTHER_AAD));
      assertCode(ErrorCode.ROLLBACK, () -> sealer.open(first, AAD));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void inMemoryCountersForgetAtRestartADurableStoreDoesNot(Algorithm algorithm) {
    CounterStore durable = CounterStore.inMemory(); // stands for a store that outlives a keyring
    byte[] first;
    try (KeyringSealer before = keyring(algorithm, AntiRollback.counter(durable), 1)) {
      first = before.seal(text("first"), AAD);
      before.seal(text("second"), AAD);
    }
    try (KeyringSealer restartedInMemory = keyring(algorithm, AntiRollback.counter(), 1)) {
      assertArrayEquals(text("first"), restartedInMemory.open(first, AAD),
          "the documented limit: in-memory marks are gone");
    }
    try (KeyringSealer restartedDurable = keyring(algorithm, AntiRollback.counter(durable), 1)) {
      assertCode(ErrorCode.ROLLBACK, () -> restartedDurable.open(first, AAD));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aForgedStampFailsAuthenticationAndMovesNoCounter(Algorithm algorithm) {
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.counter(), 1)) {
      byte[] genuine = sealer.seal(text("genuine"), AAD);
      byte[] forged = genuine.clone();
      forged[7] = 0x7f; // stamp's top byte: a counter far above the genuine one
      assertCode(ErrorCode.TAMPERED, () -> sealer.open(forged, AAD));
      assertArrayEquals(text("genuine"), sealer.open(genuine, AAD));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aTimeWindowAdmitsItsEdgesAndRefusesOneMillisecondBeyond(Algorithm algorithm) {
    MutableClock clock = new MutableClock(1_800_000_000_000L);
    Duration window = Duration.ofMinutes(5);
    try (KeyringSealer sealer = keyring(algorithm, AntiRollback.timeWindow(window, clock), 1)) {
      byte[] sealed = sealer.seal(text("timed"), AAD);
      Envelope parsed = Envelope.parse(sealed);
      assertEquals(StampKind.TIME, parsed.stampKind());
      assertEquals(1_800_000_000_000L, parsed.stamp());
      clock.millis = 1_800_000_000_000L + window.toMillis();
      assertArrayEquals(text("timed"), sealer.open(sealed, AAD), "exactly the window old");
      clock.millis++;
      assertCode(ErrorCode.ROLLBACK, () -> sealer.open(sealed, AAD));
      clock.millis = 1_800_000_000_000L - window.toMillis();
      assertArrayEquals(text("timed"), sealer.open(sealed, AAD), "a window in the future");
      clock.millis--;
      assertCode(ErrorCode.ROLLBACK, () -> sealer.open(sealed, AAD));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"AES_256_GCM", "CHACHA20_POLY1305"})
  void aStampOfAnotherKindIsRefusedAndDisabledOpensEverything(Algorithm algorithm) {
    MutableClock clock = new MutableClock(1_000_000L);
    byte[] none;
    byte[] counted;
    byte[] older;
    byte[] timed;
    try (KeyringSealer off = keyring(algorithm, AntiRollback.disabled(), 1);
        KeyringSealer counter = keyring(algorithm, AntiRollback.counter(), 1);
        KeyringSealer window = keyring(algorithm,
            AntiRollback.timeWindow(Duration.ofSeconds(1), clock), 1)) {
      none = off.seal(text("none"), AAD);
      assertEquals(StampKind.NONE, Envelope.parse(none).stampKind());
      assertEquals(0, Envelope.parse(none).stamp());
      older = counter.seal(text("older"), AAD);
      counted = counter.seal(text("counted"), AAD);
      timed = window.seal(text("timed"), AAD);
      assertCode(ErrorCode.ROLLBACK, () -> counter.open(none, AAD));
      assertCode(ErrorCode.ROLLBACK, () -> counter.open(timed, AAD));
      assertCode(ErrorCode.ROLLBACK, () -> window.open(none, AAD));
      assertCode(ErrorCode.ROLLBACK, () -> window.open(counted, AAD));
      clock.millis += 1_000_000;
      for (byte[] sealed : new byte[][] {none, older, counted, timed, older}) {
        assertEquals(Envelope.parse(sealed).plaintextLength(), off.open(sealed, AAD).length);
      }
      assertArrayEquals(text("older"), off.open(older, AAD));
      assertArrayEquals(text("timed"), off.open(timed, AAD));
      assertCode(ErrorCode.TAMPERED, () -> off.open(older, OTHER_AAD)); // still authenticates
    }
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
