package dev.ronkms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The state machine of docs/API.md, rule by rule, on records alone. */
class LifecycleRulesTest {
  static final KeyId ID = KeyId.of("acme", "rec", Algorithm.ED25519, new UUID(1, 2));
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final KeyOptions DEFAULTS = KeyOptions.defaults().resolve(Algorithm.ED25519);

  static KeyVersion version(int n, VersionState state) {
    byte[] pk = new byte[32];
    pk[0] = (byte) n;
    return new KeyVersion(n, state, T0.plusSeconds(n), pk,
        state == VersionState.DESTROYED ? null : TestProvider.unboundSeed(pk, "test"));
  }

  static KeyRecord withVersions(int n) {
    KeyRecord r = Lifecycle.created(ID, "test", version(1, VersionState.ENABLED), DEFAULTS);
    for (int i = 2; i <= n; i++) {
      r = Lifecycle.rotated(r, version(i, VersionState.ENABLED));
    }
    return r;
  }

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  @Test
  void everyChangeBumpsTheRevisionByOne() {
    KeyRecord r = withVersions(3);
    assertEquals(3, r.revision());
    assertEquals(3, r.head());
    KeyRecord d = Lifecycle.withState(r, 1, VersionState.DISABLED);
    assertEquals(4, d.revision());
    assertEquals(5, Lifecycle.withMinVerifyVersion(d, 2).revision());
    assertSame(d, Lifecycle.withState(d, 1, VersionState.DISABLED),
        "no-op changes return the same record");
    assertSame(r, Lifecycle.withMinVerifyVersion(r, 1));
  }

  @Test
  void headIsAlwaysEnabled() {
    KeyRecord r = withVersions(2);
    assertCode(ErrorCode.ILLEGAL_TRANSITION,
        () -> Lifecycle.withState(r, 2, VersionState.DISABLED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION,
        () -> Lifecycle.withState(r, 2, VersionState.DESTROYED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION,
        () -> Lifecycle.withState(r, 1, VersionState.PENDING));
  }

  @Test
  void destroyedIsFinalAndDropsTheHandle() {
    KeyRecord r = Lifecycle.withState(withVersions(2), 1, VersionState.DESTROYED);
    assertTrue(r.version(1).handle().isEmpty());
    assertCode(ErrorCode.ILLEGAL_TRANSITION,
        () -> Lifecycle.withState(r, 1, VersionState.ENABLED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION,
        () -> Lifecycle.withState(r, 1, VersionState.DISABLED));
    assertCode(ErrorCode.VERSION_DESTROYED, () -> r.verifyingVersion(1));
  }

  @Test
  void verifyingRulesInOrder() {
    KeyRecord r = Lifecycle.withMinVerifyVersion(
        Lifecycle.withState(withVersions(3), 1, VersionState.DISABLED), 2);
    assertCode(ErrorCode.VERSION_DISABLED, () -> r.verifyingVersion(1));
    assertCode(ErrorCode.VERSION_NOT_FOUND, () -> r.verifyingVersion(4));
    assertCode(ErrorCode.VERSION_NOT_FOUND, () -> r.verifyingVersion(0));
    assertEquals(2, r.verifyingVersion(2).number());
    KeyRecord enabled = Lifecycle.withState(r, 1, VersionState.ENABLED);
    assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> enabled.verifyingVersion(1));
  }

  @Test
  void stagingPromotingAndDiscarding() {
    KeyRecord r = Lifecycle.staged(withVersions(1), version(2, VersionState.PENDING));
    assertEquals(1, r.head());
    assertEquals(2, r.pending().orElseThrow().number());
    assertEquals(2, r.verifyingVersion(2).number(), "pending verifies");
    assertCode(ErrorCode.NOT_HEAD_VERSION, () -> r.signingVersion(ID.withVersion(2)));
    assertCode(ErrorCode.PENDING_VERSION_EXISTS, () -> Lifecycle.rotated(r, version(3,
        VersionState.ENABLED)));
    assertCode(ErrorCode.ILLEGAL_TRANSITION,
        () -> Lifecycle.withState(r, 2, VersionState.DISABLED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> Lifecycle.promoted(r, 1));

    KeyRecord promoted = Lifecycle.promoted(r, 2);
    assertEquals(2, promoted.head());
    assertEquals(VersionState.ENABLED, promoted.version(2).state());
    assertCode(ErrorCode.NO_PENDING_VERSION, () -> Lifecycle.promoted(promoted, 2));

    KeyRecord discarded = Lifecycle.withState(r, 2, VersionState.DESTROYED);
    assertEquals(1, discarded.head());
    assertEquals(3, Lifecycle.rotated(discarded, version(3, VersionState.ENABLED)).head());
  }

  @Test
  void rotationAndStagingKeepOtherFieldsAndBumpTheRevision() {
    KeyRecord r = Lifecycle.withMinVerifyVersion(withVersions(3), 2);
    KeyRecord rotated = Lifecycle.rotated(r, version(4, VersionState.ENABLED));
    assertEquals(List.of(r.revision() + 1, 4L, 2L), List.of(rotated.revision(),
        (long) rotated.head(), (long) rotated.minVerifyVersion()));
    KeyRecord staged = Lifecycle.staged(r, version(4, VersionState.PENDING));
    assertEquals(List.of(r.revision() + 1, 3L, 2L), List.of(staged.revision(),
        (long) staged.head(), (long) staged.minVerifyVersion()));
    KeyRecord promoted = Lifecycle.promoted(staged, 4);
    assertEquals(2, promoted.minVerifyVersion());
    assertEquals(staged.revision() + 1, promoted.revision());
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Lifecycle.withMinVerifyVersion(r, 0));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> Lifecycle.withMinVerifyVersion(r, 4));
    assertEquals(3, Lifecycle.withMinVerifyVersion(r, 3).minVerifyVersion());
  }

  @Test
  void wrongNextVersionIsAProgrammingError() {
    KeyRecord r = withVersions(2);
    assertThrows(IllegalStateException.class,
        () -> Lifecycle.rotated(r, version(4, VersionState.ENABLED)));
    assertThrows(IllegalStateException.class,
        () -> Lifecycle.staged(r, version(3, VersionState.ENABLED)));
  }

  static void assertCode(ErrorCode code, Executable call, String why) {
    assertEquals(code, assertThrows(KmsException.class, call).code(), why);
  }

  @Test
  void attestationJsonIsExactAndEscaped() {
    KeyRecord r = Lifecycle.withState(withVersions(2), 1, VersionState.DISABLED);
    String json = Attestations.of(r).toJson();
    assertEquals("{\"keyId\":\"" + ID + "\",\"algorithm\":\"ed25519\",\"provider\":\"test\","
        + "\"verifyOnly\":false,\"exportPolicy\":\"NOT_EXPORTABLE\",\"revision\":3,"
        + "\"headVersion\":2,\"minVerifyVersion\":1,\"signatureVariant\":\"DETERMINISTIC\",\"versions\":["
        + "{\"version\":1,\"state\":\"DISABLED\",\"createdAt\":\"2026-11-23T10:00:01Z\","
        + "\"fingerprint\":\"" + r.version(1).fingerprint() + "\"},"
        + "{\"version\":2,\"state\":\"ENABLED\",\"createdAt\":\"2026-11-23T10:00:02Z\","
        + "\"fingerprint\":\"" + r.version(2).fingerprint() + "\"}]}", json);
    byte[] pk = new byte[32];
    KeyVersion odd = new KeyVersion(1, VersionState.ENABLED, T0, pk,
        TestProvider.unboundSeed(pk, "we\"ird\n"));
    String escaped = Attestations.of(Lifecycle.created(ID, "we\"ird\n", odd, DEFAULTS)).toJson();
    assertTrue(escaped.contains("\"provider\":\"we\\\"ird\\n\""), escaped);
    KeyRecord exportable = Lifecycle.created(ID, "we\"ird\n", odd,
        DEFAULTS.with(ExportPolicy.EXPORTABLE_SEALED));
    assertEquals(ExportPolicy.EXPORTABLE_SEALED, Attestations.of(exportable).exportPolicy());
    assertTrue(Attestations.of(exportable).toJson().contains(
        "\"verifyOnly\":false,\"exportPolicy\":\"EXPORTABLE_SEALED\",\"revision\":1,"));
  }
}
