package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.batch.BatchStats;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.SignatureProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Kms.verifyBatch} through the engine, on every backend: each item's result equals what
 * single {@code Kms.verify} answers for it, VALID, INVALID or the very error code it throws.
 */
class EngineBatchTest {

  /** What single verification answers: VALID, INVALID, or ERROR with its code. */
  static VerifyResult single(Kms kms, VerifyRequest r) {
    try {
      if (r == null) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "null");
      }
      return VerifyResult.of(kms.verify(r.version(), r.message(), r.signature()));
    } catch (KmsException e) {
      return VerifyResult.refused(e.code());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  void everyItemAnswersAsSingleVerificationWould(SignatureProvider backend) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Kms kms = Kms.builder().addProvider(backend).provider(Algorithm.ED25519, backend.name())
        .build()) {
      List<VerifyRequest> requests = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        KeyId key = kms.create("acme", "batch" + k, Algorithm.ED25519);
        for (int v = 0; v < 4; v++) {
          for (int m = 0; m < 5; m++) {
            byte[] msg = ("k" + k + " v" + v + " m" + m).getBytes(StandardCharsets.UTF_8);
            Signed s = kms.sign(key, msg);
            requests.add(VerifyRequest.of(s, msg));
            requests.add(VerifyRequest.of(s, "tampered".getBytes(StandardCharsets.UTF_8)));
          }
          kms.rotate(key);
        }
        switch (k) {
          case 1 -> kms.disable(key.withVersion(2));
          case 2 -> kms.destroy(key.withVersion(1));
          case 3 -> kms.setMinVerifyVersion(key, 3);
          case 4 -> requests.add(new VerifyRequest(key, new byte[0], new byte[64]));
          default -> { }
        }
        Signed any = kms.sign(key, new byte[] {1});
        requests.add(new VerifyRequest(any.keyId(), new byte[] {1},
            Arrays.copyOf(any.signature(), 65)));
        requests.add(new VerifyRequest(key.withVersion(99), new byte[] {1}, any.signature()));
        requests.add(new VerifyRequest(any.keyId(), null, any.signature()));
      }
      requests.add(new VerifyRequest(KeyId.parse(
          "acme/none/ed25519/00000000-0000-4000-8000-000000000000/v1"), new byte[0],
          new byte[64]));
      requests.add(null);
      Collections.shuffle(requests, new Random(5));

      List<VerifyResult> expected = new ArrayList<>();
      for (VerifyRequest r : requests) {
        expected.add(single(kms, r));
      }
      assertEquals(expected, kms.verifyBatch(requests));
      assertEquals(expected, kms.verifyBatchParallel(requests));
      assertEquals(expected, kms.verifyBatchParallel(requests, pool));
      for (ErrorCode code : List.of(ErrorCode.VERSION_DISABLED, ErrorCode.VERSION_DESTROYED,
          ErrorCode.VERSION_BELOW_MINIMUM, ErrorCode.MALFORMED_SIGNATURE,
          ErrorCode.VERSION_NOT_FOUND, ErrorCode.VERSION_REQUIRED, ErrorCode.KEY_NOT_FOUND,
          ErrorCode.INVALID_ARGUMENT)) {
        assertEquals(true, expected.contains(VerifyResult.refused(code)), "covers " + code);
      }

      BatchStats stats = kms.batchStats();
      assertEquals(3, stats.batches());
      assertEquals(3L * requests.size(), stats.items());
      assertEquals(true, requests.size() > 256 && requests.size() <= 512, "" + requests.size());
      assertEquals(3, stats.countUpTo(512), "all three batches had 257..512 items");
      assertEquals(List.of(), kms.verifyBatch(List.of()));
      assertEquals(1, kms.batchStats().countUpTo(1), "the empty batch counts in the first bucket");
      assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
          () -> kms.verifyBatchParallel(requests, null)).code());
      assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(KmsException.class,
          () -> kms.verifyBatch(null)).code());
    } finally {
      pool.shutdownNow();
    }
  }
}
