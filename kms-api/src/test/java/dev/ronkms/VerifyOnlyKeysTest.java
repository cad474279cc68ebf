package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.PublicKeyEncoding;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host verifies another service's signatures through Kms with an imported public key. */
class VerifyOnlyKeysTest {
  private final TestProvider signer = new TestProvider("other-service");

  @Test
  void importedRawAndSpkiKeysVerifyRotateAndAttest() {
    PrivateKeyHandle theirs = signer.generate(Algorithm.ED25519);
    PrivateKeyHandle theirsNext = signer.generate(Algorithm.ED25519);
    byte[] sig1 = signer.sign(theirs, MSG);
    byte[] sig2 = signer.sign(theirsNext, MSG);
    try (Kms kms = kms(null, new TestProvider("t"))) {
      KeyId key = kms.importPublicKey("acme", "partner", Algorithm.ED25519, theirs.publicKey());
      assertTrue(kms.verify(key.withVersion(1), MSG, sig1));
      assertFalse(kms.verify(key.withVersion(1), "other".getBytes(), sig1));
      assertFalse(kms.verify(new Signed(key.withVersion(1), sig2), MSG),
          "the two-argument form rejects a signature by another key");

      byte[] spki = PublicKeyEncoding.toSpki(Algorithm.ED25519, theirsNext.publicKey());
      KeyId v2 = kms.rotateToPublicKey(key, spki);
      assertEquals(key.withVersion(2), v2);
      assertTrue(kms.verify(v2, MSG, sig2));
      assertTrue(kms.verify(key.withVersion(1), MSG, sig1), "old versions keep verifying");
      assertArrayEquals(spki, kms.publicKeySpki(v2));
      assertArrayEquals(theirsNext.publicKey(), kms.publicKey(v2));

      kms.disable(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DISABLED, () -> kms.verify(key.withVersion(1), MSG, sig1));
      assertEquals(List.of(VerifyResult.refused(ErrorCode.VERSION_DISABLED),
          VerifyResult.valid()), kms.verifyBatch(List.of(
              new VerifyRequest(key.withVersion(1), MSG, sig1),
              new VerifyRequest(v2, MSG, sig2))));
      kms.destroy(key.withVersion(1));
      assertCode(ErrorCode.VERSION_DESTROYED, () -> kms.verify(key.withVersion(1), MSG, sig1));

      Attestation a = kms.attest(key);
      assertTrue(a.verifyOnly());
      assertEquals("", a.provider());
      assertEquals(List.of(VersionState.DESTROYED, VersionState.ENABLED),
          a.versions().stream().map(Attestation.VersionInfo::state).toList());
      assertTrue(a.toJson().contains("\"provider\":\"\",\"verifyOnly\":true"), a.toJson());
    } finally {
      theirs.close();
      theirsNext.close();
    }
  }

  @Test
  void verifyOnlyKeysNeverSignNorGenerate() {
    PrivateKeyHandle theirs = signer.generate(Algorithm.ED25519);
    TestProvider local = new TestProvider("t");
    try (Kms kms = kms(null, local)) {
      KeyId key = kms.importPublicKey("acme", "partner", Algorithm.ED25519, theirs.publicKey());
      String before = kms.attest(key).toJson();
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.sign(key, MSG));
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.sign(key.withVersion(1), MSG));
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.rotate(key));
      assertCode(ErrorCode.NO_PRIVATE_KEY, () -> kms.stageRotation(key));
      assertEquals(before, kms.attest(key).toJson(), "refusals leave the key unchanged");
      assertEquals(List.of(), local.made(), "no private key was generated");

      KeyId own = kms.create("acme", "own", Algorithm.ED25519);
      assertCode(ErrorCode.UNSUPPORTED_OPERATION,
          () -> kms.rotateToPublicKey(own, theirs.publicKey()));
      assertEquals(1, kms.attest(own).versions().size());
    } finally {
      theirs.close();
    }
  }

  @Test
  void malformedAndHostilePublicKeysAreRefusedAndStoreNothing() {
    try (Kms kms = kms(null, new TestProvider("t"))) {
      PrivateKeyHandle h = signer.generate(Algorithm.ED25519);
      byte[] good = h.publicKey();
      h.close();
      byte[] spki = PublicKeyEncoding.toSpki(Algorithm.ED25519, good);
      byte[][] bad = {null, new byte[0], Arrays.copyOf(good, 31), Arrays.copyOf(good, 33),
          Arrays.copyOf(spki, spki.length - 1), Arrays.copyOf(spki, spki.length + 1),
          flip(spki, 8), flip(spki, 0), Ed25519Policy.smallOrderEncodings()[0],
          nonCanonical()};
      for (byte[] key : bad) {
        assertCode(ErrorCode.MALFORMED_KEY,
            () -> kms.importPublicKey("acme", "bad", Algorithm.ED25519, key));
      }
      assertEquals(List.of(), kms.list());
      KeyId key = kms.importPublicKey("acme", "ok", Algorithm.ED25519, spki);
      for (byte[] k : bad) {
        assertCode(ErrorCode.MALFORMED_KEY, () -> kms.rotateToPublicKey(key, k));
      }
      assertEquals(1, kms.attest(key).versions().size());
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
          () -> kms.importPublicKey("acme", "x", null, good));
    }
  }

  private static byte[] flip(byte[] b, int i) {
    byte[] c = b.clone();
    c[i] ^= 1;
    return c;
  }

  /** y = p (not reduced): the encoding of a point that the policy rejects as non-canonical. */
  private static byte[] nonCanonical() {
    byte[] y = new byte[32];
    Arrays.fill(y, (byte) 0xff);
    y[0] = (byte) 0xed;
    y[31] = 0x7f;
    return y;
  }
}
