package dev.ronkms;

import dev.ronkms.batch.BatchStats;
import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.ParallelVerifier;
import dev.ronkms.ed25519.VerifyItem;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyRecord;
import dev.ronkms.spi.KeystoreStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The engine side of batch verification: resolves every item's public key through the store
 * (each key loaded once per batch, so a batch sees one state per key), turns the items single
 * verification would refuse into per-item errors, and hands the rest to the project's own batch
 * verifier. Verification needs only public keys, so this path is the same whichever provider is
 * selected; every provider agrees with it by the parity suite.
 */
final class BatchVerification {
  private final KeystoreStore store;
  private final BatchVerifier batchVerifier = new BatchVerifier();
  private final ParallelVerifier onDefaultPool = new ParallelVerifier();
  private final BatchStats stats = new BatchStats();

  BatchVerification(KeystoreStore store) {
    this.store = store;
  }

  BatchStats stats() {
    return stats;
  }

  /**
   * @param parallel false to verify on the calling thread
   * @param executor where chunks run when {@code parallel}; null for the shared default pool
   */
  List<VerifyResult> verify(List<VerifyRequest> requests, boolean parallel, Executor executor) {
    if (requests == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "requests is null");
    }
    int n = requests.size();
    VerifyResult[] results = new VerifyResult[n];
    List<VerifyItem> items = new ArrayList<>(n);
    int[] positions = new int[n];
    Map<KeyId, KeyRecord> records = new HashMap<>();
    for (int i = 0; i < n; i++) {
      try {
        items.add(resolve(requests.get(i), records));
        positions[items.size() - 1] = i;
      } catch (KmsException refused) {
        if (refused.code() == ErrorCode.CLOSED) {
          throw refused;
        }
        results[i] = VerifyResult.error(refused.code());
      }
    }
    boolean[] valid;
    if (!parallel) {
      valid = batchVerifier.verify(items);
    } else if (executor == null) {
      valid = onDefaultPool.verify(items);
    } else {
      valid = new ParallelVerifier(executor, batchVerifier).verify(items);
    }
    for (int j = 0; j < valid.length; j++) {
      results[positions[j]] = valid[j] ? VerifyResult.VALID : VerifyResult.INVALID;
    }
    stats.record(n);
    return Arrays.asList(results);
  }

  private VerifyItem resolve(VerifyRequest request, Map<KeyId, KeyRecord> records) {
    if (request == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "request is null");
    }
    KeyId version = request.version();
    Kms.requireVersion(version);
    Kms.requireMessage(request.message());
    Kms.requireSignatureLength(request.signature());
    KeyRecord record = records.get(version.unversioned());
    if (record == null) {
      record = store.load(version.unversioned()).orElseThrow(() ->
          new KmsException(ErrorCode.KEY_NOT_FOUND, "no key " + version.unversioned()));
      records.put(version.unversioned(), record);
    }
    byte[] publicKey = record.verifyingVersion(version.version()).publicKey();
    return new VerifyItem(publicKey, request.message(), request.signature());
  }
}
