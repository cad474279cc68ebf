package dev.ronkms.batch;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One call of a {@link VerifyCoalescer}: its request, the future to answer (a boolean as single
 * verify answers, or a {@link VerifyResult}), and when it was accepted; and how a batch of them
 * is answered with exactly what single verification would give. Never throws while answering:
 * every failure completes the futures.
 */
final class CoalescedCall {
  final VerifyRequest request;
  final CompletableFuture<Boolean> bool;
  final CompletableFuture<VerifyResult> result;
  long submittedAt;

  CoalescedCall(VerifyRequest request, CompletableFuture<Boolean> bool,
      CompletableFuture<VerifyResult> result) {
    this.request = request;
    this.bool = bool;
    this.result = result;
  }

  void answer(VerifyResult r) {
    if (result != null) {
      result.complete(r);
    } else if (r.error().isPresent()) {
      bool.completeExceptionally(new KmsException(r.error().get(),
          "verification refused"));
    } else {
      bool.complete(r.isValid());
    }
  }

  void fail(Throwable t) {
    if (result != null) {
      result.completeExceptionally(t);
    } else {
      bool.completeExceptionally(t);
    }
  }

  /**
   * Answers every call of a batch, as single verification would: a batch of one through
   * {@link Kms#verify}, larger ones through {@link Kms#verifyBatch}. Never throws.
   */
  static void answerAll(Kms kms, CoalescedCall[] items) {
    if (items.length == 1) {
      answerOne(kms, items[0]);
      return;
    }
    List<VerifyRequest> requests = new ArrayList<>(items.length);
    for (CoalescedCall item : items) {
      requests.add(item.request);
    }
    List<VerifyResult> results;
    try {
      results = kms.verifyBatch(requests);
    } catch (KmsException e) {
      for (CoalescedCall item : items) {
        item.fail(e);
      }
      return;
    } catch (RuntimeException | Error e) {
      KmsException k = backendFailure(e);
      for (CoalescedCall item : items) {
        item.fail(k);
      }
      return;
    }
    for (int i = 0; i < items.length; i++) {
      items[i].answer(results.get(i));
    }
  }

  private static void answerOne(Kms kms, CoalescedCall item) {
    VerifyRequest r = item.request;
    if (r == null) {
      item.answer(VerifyResult.refused(ErrorCode.INVALID_ARGUMENT));
      return;
    }
    try {
      boolean valid = r.context() == null
          ? kms.verify(r.version(), r.message(), r.signature())
          : kms.verify(r.version(), r.message(), r.signature(), r.context());
      item.answer(VerifyResult.of(valid));
    } catch (KmsException e) {
      if (item.bool != null) {
        item.bool.completeExceptionally(e);
      } else if (e.code() == ErrorCode.CLOSED || e.code() == ErrorCode.AUDIT_FAILED) {
        item.result.completeExceptionally(e);
      } else {
        item.result.complete(VerifyResult.refused(e.code()));
      }
    } catch (RuntimeException | Error e) {
      item.fail(backendFailure(e));
    }
  }

  private static KmsException backendFailure(Throwable e) {
    return new KmsException(ErrorCode.BACKEND_FAILURE, "coalesced verification failed with "
        + e.getClass().getName(), e);
  }
}
