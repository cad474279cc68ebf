package dev.ronkms;

import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's own verifier for the algorithms the project verifies itself (Ed25519, under the
 * one policy of docs/SECURITY.md), with each version's public key decoded once and cached. The
 * only place where the engine knows an algorithm by name; other algorithms are verified by
 * their provider.
 *
 * <p>Guarantees: answers exactly as the policy verifier {@code Ed25519Verifier} does (the
 * parity suite checks it against every provider); a cached key is used only while the stored
 * public key still equals it, so a store cannot make a stale key verify; the cache holds at
 * most {@value #MAX_ENTRIES} versions. Thread-safe.
 */
final class PolicyVerifier {
  static final int MAX_ENTRIES = 4096;

  private final Map<KeyId, Entry> decoded = new ConcurrentHashMap<>();

  /** A decoded key with the exact bytes it was decoded from. */
  private record Entry(byte[] raw, Ed25519PublicKey key) {}

  /** True when the engine verifies {@code algorithm} itself. */
  static boolean covers(Algorithm algorithm) {
    return algorithm == Algorithm.ED25519;
  }

  /** The policy's answer for a signature by {@code version}, whose public key is {@code raw}. */
  boolean verify(KeyId version, byte[] raw, byte[] message, byte[] signature) {
    Ed25519PublicKey key = decoded(version, raw);
    return key != null && key.verify(message, signature);
  }

  /**
   * {@code version}'s public key {@code raw}, decoded: from the cache while the cached bytes
   * still equal {@code raw}, else decoded now and cached. Null when the policy refuses the key.
   */
  Ed25519PublicKey decoded(KeyId version, byte[] raw) {
    Entry entry = decoded.get(version);
    if (entry == null || !Arrays.equals(entry.raw(), raw)) {
      Ed25519PublicKey key = decode(raw);
      if (key == null) {
        return null;
      }
      if (decoded.size() >= MAX_ENTRIES) {
        decoded.clear();
      }
      entry = new Entry(raw.clone(), key);
      decoded.put(version, entry);
    }
    return entry.key();
  }

  /** Drops the cached keys of {@code key}'s versions (destroy, delete). */
  void forget(KeyId key) {
    decoded.keySet().removeIf(k -> k.unversioned().equals(key.unversioned()));
  }

  void clear() {
    decoded.clear();
  }

  private static Ed25519PublicKey decode(byte[] raw) {
    return Ed25519PublicKey.tryDecode(raw).orElse(null);
  }
}
