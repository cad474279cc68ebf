package dev.ronkms.pq.lane;

import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small bounded cache from the CONTENT of a public key's bytes to the library object decoded
 * from them, so that verifying or encapsulating with the same public key again does not decode
 * it again. The engine hands a lane a fresh copy of the key on every call, so the key is the
 * bytes themselves (hash of the content, {@link Arrays#equals} on a hit), never the array's
 * identity: a value is returned only for bytes exactly equal to those it was decoded from.
 *
 * <ul>
 *   <li>Public data only: nothing secret is ever put here.</li>
 *   <li>Bounded: at most {@link #capacity()} entries; past that, arbitrary entries are dropped
 *       (a dropped key is decoded again on next use).</li>
 *   <li>The bytes are copied before decoding and the copy is kept, so a caller changing its
 *       array afterwards changes nothing here. A decoder that fails (throws) or returns null
 *       caches nothing.</li>
 *   <li>Thread-safe; lookups take no lock. Two threads missing at once may both decode; one
 *       value is kept.</li>
 *   <li>Keys order by content, so bytes chosen to collide in the hash still cost a logarithmic
 *       lookup, not a linear one.</li>
 * </ul>
 *
 * <p>Used by the JDK lanes (the decoded {@code PublicKey}, the ML-KEM {@code Encapsulator}) and
 * by the composite signer (the Ed25519 half's decoded key). Internal to kms-pq.
 *
 * @param <V> the decoded object; must be safe to share between threads
 */
public final class PublicKeyCache<V> {
  /** The default bound. */
  public static final int DEFAULT_CAPACITY = 1024;

  /** Decodes the library object from a key's bytes (a private copy; do not modify it). */
  @FunctionalInterface
  public interface Decoder<V> {
    /** The decoded object, or null for one that must not be cached. */
    V decode(byte[] publicKey) throws Exception;
  }

  private final int capacity;
  private final ConcurrentHashMap<Content, V> entries;

  /** A cache of {@link #DEFAULT_CAPACITY} entries. */
  public PublicKeyCache() {
    this(DEFAULT_CAPACITY);
  }

  /** A cache of at most {@code capacity} entries (at least 1). */
  public PublicKeyCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.entries = new ConcurrentHashMap<>(Math.min(capacity, 64) * 2);
  }

  /**
   * The object decoded from bytes equal to {@code publicKey}: the cached one, or decoded now
   * from a copy (and cached unless the decoder returned null).
   *
   * @throws Exception what the decoder throws (nothing is cached then)
   */
  public V get(byte[] publicKey, Decoder<V> decoder) throws Exception {
    V found = entries.get(new Content(publicKey));
    if (found != null) {
      return found;
    }
    byte[] copy = publicKey.clone();
    V made = decoder.decode(copy);
    if (made == null) {
      return null;
    }
    V raced = entries.putIfAbsent(new Content(copy), made);
    if (raced != null) {
      return raced;
    }
    trim();
    return made;
  }

  private void trim() {
    Iterator<Content> it = entries.keySet().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** How many entries are cached (tests). */
  public int size() {
    return entries.size();
  }

  /** The bound. */
  public int capacity() {
    return capacity;
  }

  /** Bytes compared by content. The array is never modified here. */
  private static final class Content implements Comparable<Content> {
    private final byte[] bytes;
    private final int hash;

    Content(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Content c && c.hash == hash && Arrays.equals(c.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public int compareTo(Content o) {
      return Arrays.compare(bytes, o.bytes);
    }
  }
}
