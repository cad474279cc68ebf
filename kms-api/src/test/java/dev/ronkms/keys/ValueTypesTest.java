package dev.ronkms.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Value semantics of the public value types: equal exactly when every part is equal, hash codes
 * that agree with equality, an order that agrees with equality; and the documented encodings.
 */
class ValueTypesTest {
  private static final UUID U1 = new UUID(1, 2);
  private static final UUID U2 = new UUID(1, 3);

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  @Test
  void keyIdsAreEqualExactlyWhenEveryPartIs() {
    KeyId base = KeyId.of("acme", "pay", Algorithm.ED25519, U1);
    List<KeyId> others = List.of(
        KeyId.of("acmf", "pay", Algorithm.ED25519, U1),
        KeyId.of("acme", "paz", Algorithm.ED25519, U1),
        KeyId.of("acme", "pay", Algorithm.ED25519, U2),
        base.withVersion(1),
        base.withVersion(2));
    KeyId same = KeyId.parse(base.format());
    assertEquals(base, same);
    assertEquals(base.hashCode(), same.hashCode());
    assertEquals(0, base.compareTo(same));
    assertEquals(base, base.withVersion(7).unversioned());
    for (KeyId other : others) {
      assertNotEquals(base, other, other.toString());
      assertNotEquals(other, base, other.toString());
      assertNotEquals(base.hashCode(), other.hashCode(), other.toString());
      assertTrue(base.compareTo(other) != 0 && Integer.signum(base.compareTo(other))
          == -Integer.signum(other.compareTo(base)), other.toString());
    }
    assertNotEquals(base, base.format());
    assertNotEquals(base, null);
  }

  @Test
  void theOrderIsTheOrderOfTheParts() {
    Random random = new Random(20261130L);
    List<KeyId> ids = new ArrayList<>();
    String[] labels = {"a", "b", "a0", "a.b", "z"};
    for (int i = 0; i < 200; i++) {
      KeyId k = KeyId.of(labels[random.nextInt(labels.length)],
          labels[random.nextInt(labels.length)], Algorithm.ED25519,
          new UUID(random.nextInt(3), random.nextInt(3)));
      int v = random.nextInt(4);
      ids.add(v == 0 ? k : k.withVersion(v == 3 ? 10 : v));
    }
    for (KeyId a : ids) {
      for (KeyId b : ids) {
        int c = Integer.signum(a.compareTo(b));
        assertEquals(a.equals(b), c == 0, a + " vs " + b);
        int byParts = Integer.signum(a.tenant().compareTo(b.tenant()) != 0
            ? a.tenant().compareTo(b.tenant())
            : a.purpose().compareTo(b.purpose()) != 0 ? a.purpose().compareTo(b.purpose())
            : a.uuid().toString().compareTo(b.uuid().toString()) != 0
            ? a.uuid().toString().compareTo(b.uuid().toString())
            : Integer.compare(a.version(), b.version()));
        assertEquals(byParts, c, a + " vs " + b);
      }
    }
  }

  @Test
  void missingPartsAreInvalidKeyIds() {
    assertTrue(assertThrows(KmsException.class, () -> KeyId.of("acme", "pay", null, U1))
        .getMessage().contains("algorithm is null"), "the message names the missing part");
    assertTrue(assertThrows(KmsException.class,
        () -> KeyId.of("acme", "pay", Algorithm.ED25519, null)).getMessage()
        .contains("uuid is null"));
    assertCode(ErrorCode.INVALID_KEY_ID, () -> KeyId.of("acme", "pay", null, U1));
    assertCode(ErrorCode.INVALID_KEY_ID, () -> KeyId.of("acme", "pay", Algorithm.ED25519, null));
    assertCode(ErrorCode.INVALID_KEY_ID, () -> KeyId.parse(null));
    assertCode(ErrorCode.INVALID_KEY_ID, () -> KeyId.parse(""));
    assertCode(ErrorCode.INVALID_KEY_ID,
        () -> KeyId.of("acme", "pay", Algorithm.ED25519, U1).withVersion(0));
  }

  @Test
  void signedIsAValueNamingTheVersionThatSigned() {
    KeyId v2 = KeyId.of("acme", "pay", Algorithm.ED25519, U1).withVersion(2);
    byte[] sig = new byte[64];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = (byte) (i * 7);
    }
    Signed s = new Signed(v2, sig);
    sig[0] = 42;
    assertEquals(v2, s.keyId());
    assertEquals(2, s.version());
    byte[] out = s.signature();
    assertEquals(0, out[0], "the signature was copied in");
    out[1] = 42;
    assertEquals(7, s.signature()[1], "and out");
    byte[] original = s.signature();
    assertEquals(Base64.getEncoder().encodeToString(original), s.signatureBase64());
    assertEquals("Signed[" + v2 + ", " + s.signatureBase64() + "]", s.toString());

    Signed same = new Signed(v2, original);
    assertEquals(s, same);
    assertEquals(s.hashCode(), same.hashCode());
    byte[] flipped = original.clone();
    flipped[63] ^= 1;
    for (Signed other : List.of(new Signed(v2, flipped),
        new Signed(v2.unversioned().withVersion(3), original))) {
      assertNotEquals(s, other);
      assertNotEquals(s.hashCode(), other.hashCode());
    }
    assertNotEquals(s, v2);
    assertCode(ErrorCode.INVALID_KEY_ID, () -> new Signed(v2.unversioned(), original));
  }

  @Test
  void fingerprintIsTheHexSha256OfTheKey() throws Exception {
    Random random = new Random(7);
    for (int n : new int[] {0, 1, 32, 44, 100}) {
      byte[] key = new byte[n];
      random.nextBytes(key);
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
      assertEquals("sha256:" + hex, Fingerprint.sha256(key));
    }
    assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Fingerprint.sha256("".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void onlyPendingAndEnabledVersionsVerify() {
    assertTrue(VersionState.PENDING.verifies());
    assertTrue(VersionState.ENABLED.verifies());
    assertFalse(VersionState.DISABLED.verifies());
    assertFalse(VersionState.DESTROYED.verifies());
  }

  @Test
  void algorithmConstantsAreWhatTheDocsSay() {
    Algorithm a = Algorithm.ED25519;
    assertEquals(Algorithm.Kind.SIGNATURE, a.kind());
    assertEquals(List.of(32, 32, 64), List.of(a.publicKeyLength(), a.seedLength(),
        a.outputLength()));
    assertArrayEquals(new int[] {1, 3, 101, 112}, a.oid());
    a.oid()[0] = 9;
    assertArrayEquals(new int[] {1, 3, 101, 112}, a.oid(), "a copy");
    KmsException e = assertThrows(KmsException.class, () -> Algorithm.fromId("rsa"));
    assertEquals(ErrorCode.UNSUPPORTED_ALGORITHM, e.code());
    assertTrue(e.getMessage().endsWith("known: ed25519, aes-256-gcm, chacha20-poly1305,"
        + " ml-dsa-44, ml-dsa-65, ml-dsa-87, ml-kem-512, ml-kem-768, ml-kem-1024,"
        + " mldsa44-ed25519, mldsa65-ed25519"), e.getMessage());
    for (Algorithm aead : List.of(Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305)) {
      assertEquals(Algorithm.Kind.AEAD, aead.kind());
      assertEquals(List.of(32, 32, 16), List.of(aead.publicKeyLength(), aead.seedLength(),
          aead.outputLength()));
      assertEquals(0, aead.oid().length);
      assertEquals("kms-softseal", aead.moduleHint());
      assertEquals(aead, Algorithm.fromId(aead.id()));
    }
  }
}
