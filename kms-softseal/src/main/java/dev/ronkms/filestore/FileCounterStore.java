package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.seal.CounterStore;
import dev.ronkms.seal.RollbackContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CounterStore} kept in a file store's directory, so that a counter anti-rollback
 * policy ({@code AntiRollback.counter(store.counters())}) survives restarts: one small file per
 * context, {@code DIR/counters/<context hex>.ctr}, holding the counter sealed by the store key
 * (associated data: store id and context), written atomically and durably under the store's
 * write lock.
 *
 * <pre>
 *  0  4  magic "RKCT"
 *  4  1  format (1)
 *  5     the 8-byte counter sealed by the store key
 * </pre>
 *
 * <p>Guarantees: {@link #increment} and {@link #raise} are atomic per context across threads and
 * processes (both read the file under the lock before writing); when they return, the new mark
 * is on disk; a mark never goes down: a counter file replaced by an older copy while the store is
 * open is refused with {@code ROLLBACK}, a damaged one with {@code TAMPERED} or
 * {@code CORRUPT_RECORD}. Each raise costs one durable write; a raise to a value not above the
 * mark writes nothing.
 */
final class FileCounterStore implements CounterStore {
  private static final byte[] MAGIC = {'R', 'K', 'C', 'T'};
  private static final int FORMAT = 1;

  private final FileKeystoreStore store;
  private final ConcurrentHashMap<RollbackContext, Long> seen = new ConcurrentHashMap<>();

  FileCounterStore(FileKeystoreStore store) {
    this.store = store;
  }

  @Override
  public long increment(RollbackContext context) {
    return store.underLock(keys -> {
      long next = read(context, keys) + 1;
      write(context, next, keys);
      return next;
    });
  }

  @Override
  public long raise(RollbackContext context, long value) {
    long current = store.withKeys(keys -> read(context, keys));
    if (value <= current) {
      return current;
    }
    return store.underLock(keys -> {
      long before = read(context, keys);
      if (value > before) {
        write(context, value, keys);
      }
      return before;
    });
  }

  /** The counter of {@code context} on disk (0 when it has none), checked against rollback. */
  private long read(RollbackContext context, StoreKeyChain keys) {
    Path file = store.layout().counterFile(context);
    byte[] bytes = AtomicFiles.readIfExists(file);
    long value = bytes == null ? 0 : open(context, bytes, keys);
    long highest = seen.merge(context, value, Math::max);
    if (value < highest) {
      throw new KmsException(ErrorCode.ROLLBACK, "the counter file of " + context + " holds "
          + value + ", below " + highest + " this store has seen");
    }
    return value;
  }

  private void write(RollbackContext context, long value, StoreKeyChain keys) {
    byte[] sealed = keys.seal(ByteBuffer.allocate(Long.BYTES).putLong(value).array(),
        aad(context));
    AtomicFiles.write(store.layout().counterFile(context), frame(sealed));
    seen.merge(context, value, Math::max);
  }

  private long open(RollbackContext context, byte[] bytes, StoreKeyChain keys) {
    byte[] plain = keys.open(body(bytes), aad(context));
    if (plain.length != Long.BYTES) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "the counter file of " + context
          + " does not hold a counter");
    }
    return ByteBuffer.wrap(plain).getLong();
  }

  /** The sealed counter of a file whose framing is valid. */
  private static byte[] body(byte[] bytes) {
    if (bytes.length <= MAGIC.length + 1 || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)
        || (bytes[4] & 0xff) != FORMAT) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "not a counter file of format "
          + FORMAT);
    }
    return Arrays.copyOfRange(bytes, MAGIC.length + 1, bytes.length);
  }

  /**
   * The counter file named {@code contextHex} with its counter resealed under {@code keys}'
   * sealing key.
   */
  static byte[] rewrapped(String contextHex, byte[] bytes, StoreKeyChain keys, byte[] storeId) {
    byte[] aad = Aad.of(Aad.COUNTER, storeId, contextHex);
    byte[] plain = keys.open(body(bytes), aad);
    byte[] sealed = keys.seal(plain, aad);
    return frame(sealed);
  }

  private static byte[] frame(byte[] sealed) {
    return ByteBuffer.allocate(MAGIC.length + 1 + sealed.length).put(MAGIC)
        .put((byte) FORMAT).put(sealed).array();
  }

  private byte[] aad(RollbackContext context) {
    return Aad.of(Aad.COUNTER, store.storeId(), context.hex());
  }

  @Override
  public String toString() {
    return "FileCounterStore[" + store.layout() + ", " + seen.size() + " contexts seen]";
  }
}
