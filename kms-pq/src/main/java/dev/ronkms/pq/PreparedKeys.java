package dev.ronkms.pq;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library key objects a provider prepared from seeds, so that signing or decapsulating does
 * not expand the key again on every call. Keyed by the identity of the seed array a handle owns
 * (the array {@code SoftwareKeyProvider} lends for every call on that handle; {@code byte[]}
 * has identity equality). Bounded: at most {@value #CAPACITY} entries, the least recently used
 * dropped first (a dropped entry is prepared again on next use). An entry is removed and
 * destroyed when its handle closes ({@code SoftwareKeyProvider.seedClosed}). Thread-safe.
 */
final class PreparedKeys<T> {
  static final int CAPACITY = 1024;

  /** Prepares a key object from the seed. */
  @FunctionalInterface
  interface Preparer<T> {
    T prepare(byte[] seed) throws Exception;
  }

  /** Destroys a key object. */
  @FunctionalInterface
  interface Destroyer<T> {
    void destroy(T prepared);
  }

  private final Destroyer<T> destroyer;
  private final Map<byte[], T> entries = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<byte[], T> eldest) {
      return size() > CAPACITY;
    }
  };

  PreparedKeys(Destroyer<T> destroyer) {
    this.destroyer = destroyer;
  }

  /** The key prepared for {@code seed}, prepared now if there is none. */
  T get(byte[] seed, Preparer<T> preparer) throws Exception {
    synchronized (entries) {
      T found = entries.get(seed);
      if (found != null) {
        return found;
      }
    }
    T made = preparer.prepare(seed);
    synchronized (entries) {
      T raced = entries.putIfAbsent(seed, made);
      if (raced != null) {
        destroyer.destroy(made);
        return raced;
      }
    }
    return made;
  }

  /** Records a key prepared for {@code seed} (when its public key is derived). */
  void put(byte[] seed, T prepared) {
    synchronized (entries) {
      T old = entries.put(seed, prepared);
      if (old != null && old != prepared) {
        destroyer.destroy(old);
      }
    }
  }

  /** Removes and destroys the key prepared for {@code seed}, if any (its handle closed). */
  void drop(byte[] seed) {
    T removed;
    synchronized (entries) {
      removed = entries.remove(seed);
    }
    if (removed != null) {
      destroyer.destroy(removed);
    }
  }

  /** How many keys are prepared (tests). */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
