package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.SecretSeed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The state machine of docs/API.md, rule by rule, on records alone. */
class KeyRecordTest {
  static final KeyId ID = KeyId.of("acme", "rec", Algorithm.ED25519, new UUID(1, 2));
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static KeyVersion version(int n, VersionState state) {
    byte[] pk = new byte[32];
    pk[0] = (byte) n;
    return new KeyVersion(n, state, T0.plusSeconds(n), pk,
        state == VersionState.DESTROYED ? null : SecretSeed.copyOf(new byte[32], "test"));
  }

  static KeyRecord withVersions(int n) {
    KeyRecord r = KeyRecord.create(ID, "test", version(1, VersionState.ENABLED));
    for (int i = 2; i <= n; i++) {
      r = r.rotated(version(i, VersionState.ENABLED));
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
    KeyRecord d = r.withState(1, VersionState.DISABLED);
    assertEquals(4, d.revision());
    assertEquals(5, d.withMinVerifyVersion(2).revision());
    assertSame(d, d.withState(1, VersionState.DISABLED), "no-op changes return the same record");
    assertSame(r, r.withMinVerifyVersion(1));
  }

  @Test
  void headIsAlwaysEnabled() {
    KeyRecord r = withVersions(2);
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.withState(2, VersionState.DISABLED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.withState(2, VersionState.DESTROYED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.withState(1, VersionState.PENDING));
  }

  @Test
  void destroyedIsFinalAndDropsTheHandle() {
    KeyRecord r = withVersions(2).withState(1, VersionState.DESTROYED);
    assertNull(r.version(1).privateKey());
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.withState(1, VersionState.ENABLED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.withState(1, VersionState.DISABLED));
    assertCode(ErrorCode.VERSION_DESTROYED, () -> r.verifyingVersion(1));
  }

  @Test
  void verifyingRulesInOrder() {
    KeyRecord r = withVersions(3).withState(1, VersionState.DISABLED).withMinVerifyVersion(2);
    assertCode(ErrorCode.VERSION_DISABLED, () -> r.verifyingVersion(1));
    assertCode(ErrorCode.VERSION_NOT_FOUND, () -> r.verifyingVersion(4));
    assertCode(ErrorCode.VERSION_NOT_FOUND, () -> r.verifyingVersion(0));
    assertEquals(2, r.verifyingVersion(2).number());
    KeyRecord enabled = r.withState(1, VersionState.ENABLED);
    assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> enabled.verifyingVersion(1));
  }

  @Test
  void stagingPromotingAndDiscarding() {
    KeyRecord r = withVersions(1).staged(version(2, VersionState.PENDING));
    assertEquals(1, r.head());
    assertEquals(2, r.pending().orElseThrow().number());
    assertEquals(2, r.verifyingVersion(2).number(), "pending verifies");
    assertCode(ErrorCode.NOT_HEAD_VERSION, () -> r.signingVersion(ID.withVersion(2)));
    assertCode(ErrorCode.PENDING_VERSION_EXISTS, () -> r.rotated(version(3,
        VersionState.ENABLED)));
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.withState(2, VersionState.DISABLED));
    assertCode(ErrorCode.ILLEGAL_TRANSITION, () -> r.promoted(1));

    KeyRecord promoted = r.promoted(2);
    assertEquals(2, promoted.head());
    assertEquals(VersionState.ENABLED, promoted.version(2).state());
    assertCode(ErrorCode.NO_PENDING_VERSION, () -> promoted.promoted(2));

    KeyRecord discarded = r.withState(2, VersionState.DESTROYED);
    assertEquals(1, discarded.head());
    assertEquals(3, discarded.rotated(version(3, VersionState.ENABLED)).head());
  }

  @Test
  void restoreChecksInvariants() {
    KeyRecord ok = withVersions(2);
    assertEquals(ok.toString(), KeyRecord.restore(ID, "test", 2, 2, 1, ok.versions()).toString());
    List<KeyVersion> vs = ok.versions();
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyRecord.restore(ID, "test", 2, 3, 1, vs));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyRecord.restore(ID, "test", 2, 2, 3, vs));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyRecord.restore(ID, "test", 2, 1, 1, vs),
        "v2 above head must be pending or destroyed");
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> KeyRecord.restore(ID, "test", 2, 2, 1,
        List.of(vs.get(1), vs.get(0))));
  }

  static void assertCode(ErrorCode code, Executable call, String why) {
    assertEquals(code, assertThrows(KmsException.class, call).code(), why);
  }

  @Test
  void attestationJsonIsExactAndEscaped() {
    KeyRecord r = withVersions(2).withState(1, VersionState.DISABLED);
    String json = Attestation.of(r).toJson();
    assertEquals("{\"keyId\":\"" + ID + "\",\"algorithm\":\"ed25519\",\"backend\":\"test\","
        + "\"revision\":3,\"headVersion\":2,\"minVerifyVersion\":1,\"versions\":["
        + "{\"version\":1,\"state\":\"DISABLED\",\"createdAt\":\"2026-11-23T10:00:01Z\","
        + "\"fingerprint\":\"" + r.version(1).fingerprint() + "\"},"
        + "{\"version\":2,\"state\":\"ENABLED\",\"createdAt\":\"2026-11-23T10:00:02Z\","
        + "\"fingerprint\":\"" + r.version(2).fingerprint() + "\"}]}", json);
    KeyRecord odd = KeyRecord.create(ID, "we\"ird\n", version(1, VersionState.ENABLED));
    String escaped = Attestation.of(odd).toJson();
    assertEquals(true, escaped.contains("\"backend\":\"we\\\"ird\\n\""), escaped);
  }
}
