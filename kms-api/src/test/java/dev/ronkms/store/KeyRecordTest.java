package dev.ronkms.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every invariant {@link KeyRecord#of} checks, one broken at a time, and the queries. */
class KeyRecordTest {
  static final KeyId ID = KeyId.of("acme", "rec", Algorithm.ED25519, new UUID(1, 2));
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  static byte[] pk(int n) {
    byte[] pk = new byte[32];
    pk[0] = (byte) n;
    return pk;
  }

  static KeyVersion live(int n, VersionState state) {
    return new KeyVersion(n, state, T0, pk(n), TestProvider.unboundSeed(pk(n), "t"));
  }

  static KeyVersion bare(int n, VersionState state) {
    return new KeyVersion(n, state, T0, pk(n), null);
  }

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  static void corrupt(String provider, long revision, int head, int min, KeyVersion... vs) {
    assertCode(ErrorCode.CORRUPT_RECORD,
        () -> KeyRecord.of(ID, provider, revision, head, min, List.of(vs)));
  }

  @Test
  void aValidRecordIsBuiltAndAnswersQueries() {
    KeyRecord r = KeyRecord.of(ID, "t", 7, 2, 2, List.of(live(1, VersionState.DISABLED),
        live(2, VersionState.ENABLED), live(3, VersionState.PENDING)));
    assertEquals(7, r.revision());
    assertEquals(3, r.latest());
    assertEquals(2, r.headVersion().number());
    assertEquals(3, r.pending().orElseThrow().number());
    assertEquals("t", r.provider().orElseThrow());
    assertFalse(r.verifyOnly());
    assertEquals(2, r.signingVersion(ID).number());
    assertEquals(2, r.signingVersion(ID.withVersion(2)).number());
    assertCode(ErrorCode.NOT_HEAD_VERSION, () -> r.signingVersion(ID.withVersion(3)));
    assertCode(ErrorCode.VERSION_DISABLED, () -> r.verifyingVersion(1));
    assertCode(ErrorCode.VERSION_NOT_FOUND, () -> r.version(4));
    assertCode(ErrorCode.VERSION_NOT_FOUND, () -> r.version(0));
    assertEquals(3, r.verifyingVersion(3).number(), "pending verifies");
  }

  @Test
  void minimumVersionBoundsVerificationExactly() {
    KeyRecord r = KeyRecord.of(ID, "t", 3, 3, 2, List.of(live(1, VersionState.ENABLED),
        live(2, VersionState.ENABLED), live(3, VersionState.ENABLED)));
    assertCode(ErrorCode.VERSION_BELOW_MINIMUM, () -> r.verifyingVersion(1));
    assertEquals(2, r.verifyingVersion(2).number());
  }

  @Test
  void everyInvariantIsChecked() {
    KeyVersion v1 = live(1, VersionState.ENABLED);
    KeyVersion v2 = live(2, VersionState.ENABLED);
    corrupt("t", 0, 1, 1, v1);
    corrupt("t", 1, 0, 1, v1);
    corrupt("t", 1, 2, 1, v1);
    corrupt("t", 1, 1, 0, v1);
    corrupt("t", 1, 1, 2, v1);
    corrupt("t", 1, 1, 1);
    corrupt("t", 2, 1, 1, v1, v2); // v2 above head but ENABLED
    corrupt("t", 2, 2, 1, v2, v1); // numbering
    corrupt("t", 2, 2, 1, live(1, VersionState.PENDING), v2); // pending below head
    corrupt("t", 1, 1, 1, live(1, VersionState.DISABLED)); // head not enabled
    corrupt("t", 3, 1, 1, v1, live(2, VersionState.PENDING), bare(3, VersionState.DESTROYED));
    corrupt("t", 1, 1, 1, bare(1, VersionState.ENABLED)); // live without a private key
    corrupt("other", 1, 1, 1, v1); // handle of another provider
    corrupt(null, 1, 1, 1, v1); // verify-only key with a private key
    corrupt(null, 2, 1, 1, bare(1, VersionState.ENABLED), bare(2, VersionState.PENDING));
    KeyVersion shortKey = new KeyVersion(1, VersionState.ENABLED, T0, new byte[31], null);
    corrupt(null, 1, 1, 1, shortKey);
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(ID.withVersion(1), "t", 1, 1, 1,
        List.of(v1)));
    List<KeyVersion> withNull = new ArrayList<>();
    withNull.add(null);
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(ID, "t", 1, 1, 1, withNull));
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(null, "t", 1, 1, 1, List.of(v1)));
    // the boundaries themselves are legal
    KeyRecord.of(ID, "t", 1, 1, 1, List.of(v1));
    KeyRecord.of(ID, "t", 3, 1, 1, List.of(v1, bare(2, VersionState.DESTROYED),
        live(3, VersionState.PENDING)));
    KeyRecord.of(ID, null, 1, 1, 1, List.of(bare(1, VersionState.ENABLED)));
  }

  @Test
  void aVersionIsBoundToItsPrivateKeysPublicKey() {
    PrivateKeyHandle h = TestProvider.unboundSeed(pk(1), "t");
    assertCode(ErrorCode.CORRUPT_RECORD,
        () -> new KeyVersion(1, VersionState.ENABLED, T0, pk(2), h));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> new KeyVersion(1, VersionState.DESTROYED, T0, pk(1), h));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> new KeyVersion(0, VersionState.ENABLED, T0, pk(1), h));
    assertCode(ErrorCode.INVALID_ARGUMENT,
        () -> new KeyVersion(1, VersionState.ENABLED, T0, null, null));
    KeyVersion v = new KeyVersion(1, VersionState.ENABLED, T0, pk(1), h);
    assertTrue(v.hasPublicKey(pk(1)));
    assertFalse(v.hasPublicKey(pk(2)));
    byte[] copy = v.publicKey();
    copy[0] = 9;
    assertTrue(v.hasPublicKey(pk(1)), "the public key is copied out");
    assertFalse(v.toString().contains("SecretSeed"));
  }

  @Test
  void verifyOnlyKeysNeverSign() {
    KeyRecord r = KeyRecord.of(ID, null, 1, 1, 1, List.of(bare(1, VersionState.ENABLED)));
    assertTrue(r.verifyOnly());
    assertTrue(r.provider().isEmpty());
    assertCode(ErrorCode.NO_PRIVATE_KEY, () -> r.signingVersion(ID));
    assertTrue(r.toString().contains("verify-only"));
  }

  @Test
  void anExportPolicyIsRequired() {
    List<KeyVersion> versions = List.of(live(1, VersionState.ENABLED));
    assertCode(ErrorCode.CORRUPT_RECORD, () -> KeyRecord.of(ID, "t", 1, 1, 1, versions, (ExportPolicy) null));
    assertCode(ErrorCode.CORRUPT_RECORD,
        () -> KeyRecord.of(null, "t", 1, 1, 1, versions, ExportPolicy.NOT_EXPORTABLE));
    assertEquals(ExportPolicy.EXPORTABLE_SEALED, KeyRecord.of(ID, "t", 1, 1, 1,
        versions, ExportPolicy.EXPORTABLE_SEALED).exportPolicy());
  }
}
