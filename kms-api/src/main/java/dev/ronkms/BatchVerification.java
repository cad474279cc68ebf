package dev.ronkms;

import dev.ronkms.batch.VerifyRequest;
import dev.ronkms.batch.VerifyResult;
import dev.ronkms.ed25519.BatchVerifier;
import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.ed25519.ParallelVerifier;
import dev.ronkms.ed25519.VerifyItem;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.SigningParameters;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The engine side of batch verification: resolves every item's public key through the store
 * (each key loaded once per batch, so a batch sees one state per key), refuses the items single
 * verification would refuse with the same code, and verifies the rest: items the engine's policy
 * verifier covers (Ed25519 without context) go to the project's multiscalar batch verifier,
 * with each version's public key as the policy verifier decoded and cached it, in chunks of at
 * most {@value #CHUNK} requests so memory stays flat in the batch size; other items (and every item
 * when verification is routed through the provider) are verified one by one by their provider.
 */
final class BatchVerification {
  static final int CHUNK = 1024;

  private final KeyAccess keys;
  private final Signatures signatures;
  private final BatchVerifier batchVerifier = new BatchVerifier();
  private final ParallelVerifier onDefaultPool = new ParallelVerifier();
  private final BatchCounter counter = new BatchCounter();

  BatchVerification(KeyAccess keys, Signatures signatures) {
    this.keys = keys;
    this.signatures = signatures;
  }

  BatchCounter counter() {
    return counter;
  }

  /**
   * @param parallel false to verify on the calling thread
   * @param executor where chunks run when {@code parallel}; null for the shared default pool
   */
  List<VerifyResult> verify(List<VerifyRequest> requests, boolean parallel, Executor executor) {
    if (requests == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "requests is null");
    }
    VerifyRequest[] all = requests.toArray(new VerifyRequest[0]);
    VerifyResult[] results = new VerifyResult[all.length];
    Map<KeyId, KeyRecord> records = new HashMap<>();
    int step = parallel ? Math.max(all.length, 1) : CHUNK;
    for (int from = 0; from < all.length; from += step) {
      verifyRange(all, from, Math.min(all.length, from + step), records, results, parallel,
          executor);
    }
    counter.record(all.length);
    return Arrays.asList(results);
  }

  private void verifyRange(VerifyRequest[] all, int from, int to, Map<KeyId, KeyRecord> records,
      VerifyResult[] results, boolean parallel, Executor executor) {
    List<VerifyItem> items = new ArrayList<>(to - from);
    List<Ed25519PublicKey> decoded = new ArrayList<>(to - from);
    int[] positions = new int[to - from];
    for (int i = from; i < to; i++) {
      try {
        Resolved r = resolve(all[i], records);
        if (r.byPolicy()) {
          positions[items.size()] = i;
          items.add(new VerifyItem(r.publicKey(), all[i].message(), all[i].signature()));
          decoded.add(signatures.policyKey(all[i].version(), r.publicKey()));
        } else {
          results[i] = VerifyResult.of(signatures.byProvider(r.record(), r.publicKey(),
              all[i].message(), all[i].signature(), r.context()));
        }
      } catch (KmsException refused) {
        if (refused.code() == ErrorCode.CLOSED) {
          throw refused;
        }
        results[i] = VerifyResult.refused(refused.code());
      }
    }
    boolean[] valid = verifyItems(items, decoded, parallel, executor);
    for (int j = 0; j < valid.length; j++) {
      results[positions[j]] = VerifyResult.of(valid[j]);
    }
  }

  /** {@code decoded} holds each item's key as the policy verifier caches it (or null). */
  private boolean[] verifyItems(List<VerifyItem> items, List<Ed25519PublicKey> decoded,
      boolean parallel, Executor executor) {
    if (!parallel) {
      return batchVerifier.verify(items, decoded);
    }
    try {
      return executor == null ? onDefaultPool.verify(items, decoded)
          : new ParallelVerifier(executor, batchVerifier).verify(items, decoded);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "parallel verification failed: "
          + e.getClass().getName(), e);
    }
  }

  /** An item that single verification would accept to look at. */
  private record Resolved(KeyRecord record, byte[] publicKey, byte[] context,
      boolean byPolicy) {}

  private Resolved resolve(VerifyRequest request, Map<KeyId, KeyRecord> records) {
    if (request == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "request is null");
    }
    KeyId version = request.version();
    KeyAccess.requireVerifyArguments(version, request.message(), request.signature());
    byte[] context = SigningParameters.checkedContext(version.algorithm(), request.context());
    KeyRecord record = records.get(version.unversioned());
    if (record == null) {
      record = keys.load(version);
      records.put(version.unversioned(), record);
    }
    KeyVersion v = record.verifyingVersion(version.version());
    return new Resolved(record, v.publicKey(), context,
        signatures.byPolicy(version.algorithm(), context));
  }
}
