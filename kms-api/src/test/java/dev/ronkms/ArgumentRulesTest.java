package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.TestProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * docs/API.md's rules for input the caller got wrong: a typed error with the documented code
 * for every operation (never a raw runtime exception), and the same code as a refused item in a
 * batch.
 */
class ArgumentRulesTest {
  private final TestProvider provider = new TestProvider("t");

  @Test
  void aNullKeyIdIsInvalidEverywhere() {
    try (Kms kms = kms(null, provider)) {
      List<Executable> calls = List.of(
          () -> kms.sign(null, MSG),
          () -> kms.verify((KeyId) null, MSG, new byte[64]),
          () -> kms.rotate(null),
          () -> kms.rotate(null, 1),
          () -> kms.stageRotation(null),
          () -> kms.promote(null),
          () -> kms.enable(null),
          () -> kms.disable(null),
          () -> kms.destroy(null),
          () -> kms.setMinVerifyVersion(null, 1),
          () -> kms.attest(null),
          () -> kms.publicKey(null),
          () -> kms.rotateToPublicKey(null, new byte[32]),
          () -> kms.delete(null));
      for (Executable call : calls) {
        assertCode(ErrorCode.INVALID_KEY_ID, call);
      }
    }
  }

  @Test
  void operationsOnOneVersionNeedAVersionedId() {
    try (Kms kms = kms(null, provider)) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      kms.rotate(key);
      Signed s = kms.sign(key, MSG);
      List<Executable> calls = List.of(
          () -> kms.verify(key, MSG, s.signature()),
          () -> kms.promote(key),
          () -> kms.enable(key),
          () -> kms.disable(key),
          () -> kms.destroy(key),
          () -> kms.publicKey(key),
          () -> kms.publicKeySpki(key));
      for (Executable call : calls) {
        assertCode(ErrorCode.VERSION_REQUIRED, call);
      }
      assertEquals(List.of(VerifyResult.refused(ErrorCode.VERSION_REQUIRED)),
          kms.verifyBatch(List.of(new VerifyRequest(key, MSG, s.signature()))));
      assertEquals(2, kms.attest(key).versions().size(), "nothing changed");
      assertTrue(kms.verify(s, MSG));
    }
  }

  @Test
  void verificationInputIsCheckedBeforeAnythingElseSinglyAndInBatches() {
    try (Kms kms = kms(null, provider)) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      Signed s = kms.sign(key, MSG);
      KeyId v1 = s.keyId();
      byte[] sig = s.signature();
      KeyId missing = KeyId.parse("acme/k/ed25519/00000000-0000-0000-0000-000000000000/v1");
      record Case(KeyId version, byte[] message, byte[] signature, ErrorCode code) {}
      List<Case> cases = List.of(
          new Case(v1, null, sig, ErrorCode.INVALID_ARGUMENT),
          new Case(v1, MSG, null, ErrorCode.MALFORMED_SIGNATURE),
          new Case(v1, MSG, Arrays.copyOf(sig, 63), ErrorCode.MALFORMED_SIGNATURE),
          new Case(v1, MSG, Arrays.copyOf(sig, 65), ErrorCode.MALFORMED_SIGNATURE),
          new Case(v1, MSG, new byte[0], ErrorCode.MALFORMED_SIGNATURE),
          new Case(missing, null, sig, ErrorCode.INVALID_ARGUMENT),
          new Case(missing, MSG, Arrays.copyOf(sig, 63), ErrorCode.MALFORMED_SIGNATURE),
          new Case(missing, MSG, sig, ErrorCode.KEY_NOT_FOUND),
          new Case(key.withVersion(2), MSG, sig, ErrorCode.VERSION_NOT_FOUND));
      List<VerifyRequest> batch = new ArrayList<>();
      List<VerifyResult> expected = new ArrayList<>();
      for (Case c : cases) {
        assertCode(c.code(), () -> kms.verify(c.version(), c.message(), c.signature()));
        batch.add(new VerifyRequest(c.version(), c.message(), c.signature()));
        expected.add(VerifyResult.refused(c.code()));
      }
      batch.add(null);
      expected.add(VerifyResult.refused(ErrorCode.INVALID_ARGUMENT));
      batch.add(new VerifyRequest(v1, MSG, sig));
      expected.add(VerifyResult.valid());
      assertEquals(expected, kms.verifyBatch(batch));
      assertEquals(expected, kms.verifyBatchParallel(batch));
      assertEquals(expected, kms.verifyBatchParallel(batch, Runnable::run));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verify((Signed) null, MSG));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verify(s, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verifyBatch(null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verifyBatchParallel(null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.verifyBatchParallel(List.of(), null));
    }
  }

  @Test
  void theParallelFormsAnswerAsTheSequentialOne() {
    try (Kms kms = kms(null, provider)) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      List<VerifyRequest> batch = new ArrayList<>();
      for (int i = 0; i < 70; i++) {
        byte[] m = ("m" + i).getBytes();
        Signed s = kms.sign(key, m);
        batch.add(VerifyRequest.of(s, i % 3 == 0 ? MSG : m));
      }
      List<VerifyResult> single = batch.stream()
          .map(r -> VerifyResult.of(kms.verify(r.version(), r.message(), r.signature())))
          .toList();
      assertTrue(single.contains(VerifyResult.valid()) && single.contains(VerifyResult.invalid()));
      assertEquals(single, kms.verifyBatch(batch));
      assertEquals(single, kms.verifyBatchParallel(batch));
      assertEquals(single, kms.verifyBatchParallel(batch, Runnable::run));
      assertEquals(List.of(), kms.verifyBatchParallel(List.of()));
    }
  }

  @Test
  void aBatchOnAClosedKeyManagerFailsAsAWhole() {
    Kms kms = kms(null, provider);
    KeyId key = kms.create("acme", "k", Algorithm.ED25519);
    Signed s = kms.sign(key, MSG);
    kms.close();
    List<VerifyRequest> one = List.of(VerifyRequest.of(s, MSG));
    Function<List<VerifyRequest>, List<VerifyResult>> batch = kms::verifyBatch;
    assertCode(ErrorCode.CLOSED, () -> batch.apply(one));
    assertCode(ErrorCode.CLOSED, () -> kms.verifyBatchParallel(one));
    assertCode(ErrorCode.CLOSED, () -> kms.verify(s, MSG));
  }

  @Test
  void aNullAlgorithmIsUnsupported() {
    try (Kms kms = kms(null, provider)) {
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> kms.create("acme", "k", null));
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM,
          () -> kms.importPublicKey("acme", "k", null, new byte[32]));
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> kms.provider(null));
      assertFalse(kms.list().iterator().hasNext());
    }
  }
}
