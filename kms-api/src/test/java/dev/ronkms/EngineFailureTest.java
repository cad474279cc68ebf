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
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.TestProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whatever a provider or an executor throws or returns, the host sees a typed error. */
class EngineFailureTest {

  @Test
  void aBrokenLibraryIsABackendFailure() {
    TestProvider real = new TestProvider("t");
    Misbehaving p = new Misbehaving(real);
    try (Kms kms = kms(null, p)) {
      KeyId key = kms.create("acme", "broken", Algorithm.ED25519);
      p.signFails = new NoClassDefFoundError("org/bouncycastle/Missing");
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.sign(key, MSG));
      p.signFails = new IllegalStateException("library bug");
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.sign(key, MSG));
      p.signFails = null;
      p.signatureLength = 63;
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.sign(key, MSG));
      p.signatureLength = 64;
      Signed ok = kms.sign(key, MSG);
      assertTrue(kms.verify(ok, MSG));

      p.foreignHandles = true;
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.rotate(key));
      assertTrue(real.made().get(real.made().size() - 1).isDestroyed(),
          "a handle the engine refuses is zeroised");
      assertEquals(1, kms.attest(key).versions().size());
    }
  }

  @Test
  void aFailingExecutorIsATypedErrorAndARejectingOneIsNot() {
    TestProvider p = new TestProvider("t");
    try (Kms kms = kms(null, p)) {
      KeyId key = kms.create("acme", "pool", Algorithm.ED25519);
      List<VerifyRequest> requests = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        byte[] m = ("m" + i).getBytes();
        requests.add(VerifyRequest.of(kms.sign(key, m), m));
      }
      Executor broken = r -> {
        throw new IllegalStateException("pool is misconfigured");
      };
      assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.verifyBatchParallel(requests, broken));
      Executor rejecting = r -> {
        throw new java.util.concurrent.RejectedExecutionException("full");
      };
      assertEquals(Collections.nCopies(200, VerifyResult.valid()),
          kms.verifyBatchParallel(requests, rejecting), "the calling thread does the work");
    }
  }

  @Test
  void aStaleExpectationIsNotRetryable() {
    try (Kms kms = kms(null, new TestProvider("t"))) {
      KeyId key = kms.create("acme", "stale", Algorithm.ED25519);
      kms.rotate(key, 1);
      KmsException e = assertCode(ErrorCode.PRECONDITION_FAILED, () -> kms.rotate(key, 1));
      assertFalse(e.retryable());
      assertEquals(2, kms.attest(key).headVersion());
    }
    for (ErrorCode c : ErrorCode.values()) {
      assertEquals(c == ErrorCode.CONFLICT || c == ErrorCode.TOKEN_UNAVAILABLE
          || c == ErrorCode.OVERLOADED, c.retryable(),
          c + ": only a lost compare-and-set or a token coming back can make the same call"
          + " succeed when repeated");
      assertEquals(c.name(), c.code());
      assertFalse(c.description().isEmpty());
    }
  }

  @Test
  void verificationRoutesAgreeAndOnlyTheProviderRouteCallsTheProvider() {
    TestProvider real = new TestProvider("t");
    Misbehaving counting = new Misbehaving(real);
    try (Kms viaPolicy = kms(null, counting)) {
      KeyId key = viaPolicy.create("acme", "route", Algorithm.ED25519);
      Signed s = viaPolicy.sign(key, MSG);
      byte[] forged = s.signature();
      forged[63] |= (byte) 0xf0; // S >= L: non-canonical
      assertTrue(viaPolicy.verify(s, MSG));
      assertFalse(viaPolicy.verify(s.keyId(), MSG, forged));
      assertFalse(viaPolicy.verify(s.keyId(), "x".getBytes(), s.signature()));
      viaPolicy.verifyBatch(List.of(VerifyRequest.of(s, MSG)));
      assertEquals(0, counting.verifies.get(), "the policy route never asks the provider");
      assertEquals(VerificationRoute.POLICY_VERIFIER, viaPolicy.verificationRoute());
    }
    Misbehaving counting2 = new Misbehaving(new TestProvider("t"));
    try (Kms viaProvider = Kms.builder().classLoader(Fixtures.NOTHING).addProvider(counting2)
        .verificationRoute(VerificationRoute.PROVIDER).build()) {
      KeyId key = viaProvider.create("acme", "route", Algorithm.ED25519);
      Signed s = viaProvider.sign(key, MSG);
      assertTrue(viaProvider.verify(s, MSG));
      assertFalse(viaProvider.verify(s.keyId(), "x".getBytes(), s.signature()));
      assertEquals(List.of(VerifyResult.valid(), VerifyResult.invalid()),
          viaProvider.verifyBatch(List.of(VerifyRequest.of(s, MSG),
              VerifyRequest.of(s, "x".getBytes()))));
      assertEquals(4, counting2.verifies.get(), "every verification went to the provider");
      counting2.verifyFails = new LinkageError("broken");
      assertCode(ErrorCode.BACKEND_FAILURE, () -> viaProvider.verify(s, MSG));
      assertEquals(List.of(VerifyResult.refused(ErrorCode.BACKEND_FAILURE)),
          viaProvider.verifyBatch(List.of(VerifyRequest.of(s, MSG))));
    }
  }

  /** Wraps a real provider and misbehaves on request. */
  static final class Misbehaving extends DelegatingProvider {
    volatile Throwable signFails;
    volatile Throwable verifyFails;
    volatile int signatureLength = 64;
    volatile boolean foreignHandles;
    final AtomicInteger verifies = new AtomicInteger();

    Misbehaving(SignatureProvider real) {
      super(real);
    }

    @Override
    public PrivateKeyHandle generate(Algorithm algorithm) {
      PrivateKeyHandle h = real.generate(algorithm);
      return !foreignHandles ? h : new ProviderDistrustTest.Lying(h) {
        @Override
        public String provider() {
          return "someone-else";
        }
      };
    }

    @Override
    public byte[] sign(PrivateKeyHandle key, byte[] message) {
      throwIfSet(signFails);
      return java.util.Arrays.copyOf(real.sign(key, message), signatureLength);
    }

    @Override
    public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
        byte[] signature) {
      verifies.incrementAndGet();
      throwIfSet(verifyFails);
      return real.verify(algorithm, publicKey, message, signature);
    }

    private static void throwIfSet(Throwable t) {
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
    }
  }
}
