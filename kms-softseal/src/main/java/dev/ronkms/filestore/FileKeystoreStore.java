package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.CounterStore;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.Sealer;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeystoreStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * A durable {@link KeystoreStore}: one sealed file per key in a directory, under a store key the
 * host supplies (in practice a {@code KeyringSealer} built with {@code AntiRollback.disabled()},
 * loaded from a key file, an environment variable or a passphrase; docs/RUNBOOK.md).
 *
 * <p>Guarantees, on a local POSIX file system (docs/SECURITY.md, "Durable store"):
 * <ul>
 *   <li><b>Sealed at rest.</b> Each record file holds a fresh random data key sealed by the store
 *       key and the record sealed by that data key; private keys leave their provider only
 *       through {@code KeyProvider.sealPrivateKey} under that data key. Nothing secret is
 *       written in the clear; key ids are visible in file names.</li>
 *   <li><b>Crash-safe.</b> Every write goes to a temporary file that is forced to disk, renamed
 *       over the old file in one step, and followed by a sync of the directory: a crash at any
 *       point leaves the old record or the new one, never a mix, and a {@link #save} that
 *       returned is durable.</li>
 *   <li><b>Compare-and-set across threads and processes.</b> {@link #save} and {@link #delete}
 *       run under the directory's write lock (an in-JVM lock, then an exclusive file lock on
 *       {@code DIR/lock}) and compare the revision on disk, so of two saves expecting the same
 *       revision exactly one wins, in this process or another, and the other gets
 *       {@code CONFLICT}. Reads take no lock.</li>
 *   <li><b>Cached.</b> Records are decoded once; a warm {@link #load} is a map lookup and one
 *       read of a shared change counter. A change by another process is noticed at the next
 *       load, and unchanged versions keep their handles.</li>
 *   <li><b>Typed failures that change nothing.</b> A wrong store key is {@code
 *       STORE_KEY_MISMATCH} at open; a damaged or truncated file is {@code TAMPERED}
 *       (authentication failed) or {@code CORRUPT_RECORD} (malformed); a record file replaced by
 *       an older copy of itself while the store is open is {@code ROLLBACK}; I/O errors are
 *       {@code BACKEND_FAILURE}. None of them writes anything.</li>
 *   <li><b>Store-key rotation</b> ({@link #rotateStoreKey}) rewraps only the small sealed data
 *       keys, one file at a time, and can be resumed after a crash.</li>
 *   <li>Thread-safe. {@link #close()} zeroises every private key the store holds or made, and
 *       every later call fails with {@code CLOSED}. The store does not close the store key.</li>
 * </ul>
 */
public final class FileKeystoreStore implements KeystoreStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StoreLayout layout;
  private final DirectoryLock lock;
  private final byte[] storeId;
  private final ProviderSet providers;
  private final RecordCache cache;
  private final FileCounterStore counters;
  private volatile StoreKeyChain keys;
  private volatile boolean closed;
  private final AtomicBoolean closing = new AtomicBoolean();
  private StoreHeader header; // guarded by lock: the last header this store verified
  private byte[] headerBytes; // guarded by lock

  FileKeystoreStore(StoreLayout layout, DirectoryLock lock, byte[] headerBytes,
      StoreKeyChain keys, ProviderSet providers) {
    this.layout = layout;
    this.lock = lock;
    this.header = StoreHeader.parse(headerBytes);
    this.headerBytes = headerBytes;
    this.storeId = header.storeId();
    this.keys = keys;
    this.providers = providers;
    this.cache = new RecordCache(layout, lock, (id, bytes, previous) -> RecordFile.parse(bytes)
        .open(id, this.keys, storeId, providers, previous));
    this.counters = new FileCounterStore(this);
  }

  /**
   * Opens the existing store in {@code directory} with {@code storeKey}, discovering providers.
   * See {@link FileStoreBuilder#build} for the failures.
   *
   * @param directory the store directory
   * @param storeKey the store key
   * @return the open store
   */
  public static FileKeystoreStore open(Path directory, Sealer storeKey) {
    return builder(directory, storeKey).build();
  }

  /**
   * A builder for the store in {@code directory}, sealed under {@code storeKey}.
   *
   * @param directory the store directory
   * @param storeKey the store key
   * @return a builder for the store in {@code directory}, sealed under {@code storeKey}
   */
  public static FileStoreBuilder builder(Path directory, Sealer storeKey) {
    return new FileStoreBuilder(directory, storeKey);
  }

  @Override
  public Optional<KeyRecord> load(KeyId keyId) {
    KeyId id = requireId(keyId);
    ensureOpen();
    KeyRecord record = cache.load(id);
    ensureOpen(); // a close() meanwhile is CLOSED, not "no such key"
    return Optional.ofNullable(record);
  }

  @Override
  public void save(KeyRecord record, long expectedRevision) {
    ensureOpen();
    if (record == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "record is null");
    }
    if (record.revision() != expectedRevision + 1) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "record revision " + record.revision()
          + " does not follow expected revision " + expectedRevision);
    }
    KeyId id = record.id();
    KeyProvider provider = record.provider()
        .map(name -> providers.provider(name, id.algorithm())).orElse(null);
    underLock(sealing -> {
      KeyRecord current = cache.load(id);
      if (expectedRevision == 0 && current != null) {
        throw new KmsException(ErrorCode.KEY_EXISTS, id + " already exists");
      }
      if (expectedRevision != 0 && current == null) {
        throw new KmsException(ErrorCode.KEY_NOT_FOUND, id + " does not exist");
      }
      if (current != null && current.revision() != expectedRevision) {
        throw new KmsException(ErrorCode.CONFLICT, id + " is at revision " + current.revision()
            + ", not " + expectedRevision + "; read it again and retry");
      }
      long incarnation = current == null ? newIncarnation() : cache.incarnation(id);
      byte[] file = RecordFile.seal(record, provider, sealing, storeId, incarnation);
      writeRecordFile(id, () -> AtomicFiles.write(layout.keyFile(id), file),
          generation -> cache.stored(id, record, file, generation, incarnation));
      return null;
    }); // a close() waits for this write, then zeroises what it stored too
  }

  @Override
  public List<KeyId> list() {
    ensureOpen();
    List<KeyId> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.keysDir())) {
      for (Path f : files) {
        StoreLayout.keyIdOf(f.getFileName().toString()).ifPresent(ids::add);
      }
    } catch (IOException e) {
      throw AtomicFiles.io("list", layout.keysDir(), e);
    }
    ensureOpen();
    ids.sort(null);
    return ids;
  }

  @Override
  public boolean delete(KeyId keyId) {
    KeyId id = requireId(keyId);
    ensureOpen();
    return lock.withLock(() -> {
      ensureOpen();
      Path file = layout.keyFile(id);
      byte[] bytes = AtomicFiles.readIfExists(file);
      if (bytes == null) {
        cache.load(id); // notices a deletion by another process
        return false;
      }
      long incarnation;
      try {
        incarnation = RecordFile.parse(bytes).incarnation();
      } catch (KmsException unreadable) {
        incarnation = 0; // a damaged file may still be deleted
      }
      long known = incarnation;
      writeRecordFile(id, () -> AtomicFiles.delete(file),
          generation -> cache.deleted(id, known, generation));
      return true;
    });
  }

  /**
   * A durable {@link CounterStore} in this store's directory: pass it to
   * {@code AntiRollback.counter(...)} so counter anti-rollback survives restarts. It fails with
   * {@code CLOSED} once this store is closed.
   *
   * @return a durable {@link CounterStore} in this store's directory: pass it to {@code
   *     AntiRollback.counter(...)} so counter anti-rollback survives restarts
   */
  public CounterStore counters() {
    ensureOpen();
    return counters;
  }

  /**
   * Moves the whole store to {@code newKey}: every data key and counter is opened with the
   * current store key and sealed with {@code newKey}, one file at a time, each atomically; then
   * the header is settled on {@code newKey}, and the store seals with it from now on. Records
   * themselves are not rewritten. Holds the write lock throughout, so other writers wait.
   *
   * <p>Crash-safe: the header first records that a rotation is in progress and lists both
   * keys; a store interrupted mid-way opens with both keys (a keyring holding both versions, or
   * {@code newKey} plus {@link FileStoreBuilder#previousStoreKey} the old one), and calling this
   * method again finishes the job (docs/RUNBOOK.md).
   *
   * @param newKey the new key
   * @throws KmsException {@code INVALID_ARGUMENT} for a key that stamps its envelopes;
   *     {@code TAMPERED} / {@code CORRUPT_RECORD} for a damaged file (the rotation stops there
   *     and can be resumed once it is repaired); {@code STORE_KEY_MISMATCH}
   */
  public void rotateStoreKey(Sealer newKey) {
    rotateStoreKey(newKey, -1);
  }

  /** As {@link #rotateStoreKey(Sealer)}, stopping after {@code fileLimit} files (tests). */
  void rotateStoreKey(Sealer newKey, int fileLimit) {
    StoreKeyChain.requireUnstamped(newKey);
    underLock(current -> {
      StoreKeyRotation rotation = new StoreKeyRotation(layout, storeId,
          current.sealingWith(newKey));
      writeHeader(header.rotatingTo(rotation.keys()));
      keys = rotation.keys();
      if (rotation.rewrapAll(fileLimit)) {
        StoreKeyChain settled = new StoreKeyChain(newKey, List.of());
        writeHeader(header.settledOn(settled));
        keys = settled;
      }
      return null;
    });
  }

  /**
   * Copies the store, as it is, into {@code target} (new or empty): a consistent backup, taken
   * under the write lock so no process writes meanwhile (other writers wait; reads go on). The
   * copy holds the sealed files only; it opens with the same store key, which must be backed up
   * separately (docs/RUNBOOK.md).
   *
   * @param target the target
   * @return the number of files copied
   * @throws KmsException {@code INVALID_ARGUMENT} when {@code target} is not empty;
   *     {@code BACKEND_FAILURE} for an I/O error
   */
  public int backupTo(Path target) {
    if (target == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "target is null");
    }
    ensureOpen();
    return lock.withLock(() -> {
      ensureOpen();
      return StoreBackup.copy(layout, target);
    });
  }

  /** Zeroises every private key this store holds or made; later calls fail. Idempotent. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    try {
      lock.withLocalLock(cache::closeAll); // after a write of this JVM in progress, if any
    } finally {
      lock.release();
    }
  }

  @Override
  public String toString() {
    return "FileKeystoreStore[" + layout + ", " + (closed ? "closed"
        : "sealed by " + keys.reference() + ", " + cache.handlesMade() + " keys unsealed") + "]";
  }

  StoreLayout layout() {
    return layout;
  }

  byte[] storeId() {
    return storeId.clone();
  }

  /** Runs {@code action} with the current store keys, without the lock. */
  <T> T withKeys(Function<StoreKeyChain, T> action) {
    ensureOpen();
    return action.apply(keys);
  }

  /**
   * Runs a write under the directory lock, after checking that the header on disk is still one
   * this store's keys open (another process may have rotated the store key meanwhile) and that
   * it lists the key this store seals with (if not, the header records a rotation to it first).
   */
  <T> T underLock(Function<StoreKeyChain, T> action) {
    ensureOpen();
    return lock.withLock(() -> {
      ensureOpen();
      checkHeaderForWrite();
      return action.apply(keys);
    });
  }

  private void checkHeaderForWrite() {
    byte[] now = AtomicFiles.readIfExists(layout.header());
    if (now == null) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "the header of the file store " + layout
          + " has disappeared; nothing was written");
    }
    if (!Arrays.equals(now, headerBytes)) {
      StoreHeader onDisk = StoreHeader.parse(now);
      if (!Arrays.equals(onDisk.storeId(), storeId)) {
        throw new KmsException(ErrorCode.CORRUPT_RECORD, "the header of " + layout
            + " now belongs to another store; nothing was written");
      }
      onDisk.verify(keys, layout);
      header = onDisk;
      headerBytes = now;
    }
    if (!header.lists(keys.reference())) {
      writeHeader(header.rotatingTo(keys));
    }
  }

  private void writeHeader(StoreHeader next) {
    byte[] bytes = next.toByteArray();
    AtomicFiles.write(layout.header(), bytes);
    header = next;
    headerBytes = bytes;
  }

  /**
   * Runs a change of a record file between the two steps of the change counter. The cache learns
   * the change ({@code cached}, given the counter value the write ends with) before the counter
   * says it is done, so no reader of this store decodes the file again.
   */
  private void writeRecordFile(KeyId id, Runnable change, LongConsumer cached) {
    lock.beginWrite();
    try {
      change.run();
      cached.accept(lock.generation() + 1);
    } catch (RuntimeException e) {
      cache.forget(id); // the file may or may not have changed: read it next time
      throw e;
    } finally {
      lock.endWrite();
    }
  }

  private static long newIncarnation() {
    long n;
    do {
      n = RANDOM.nextLong();
    } while (n == 0);
    return n;
  }

  private static KeyId requireId(KeyId keyId) {
    if (keyId == null) {
      throw new KmsException(ErrorCode.INVALID_KEY_ID, "key id is null");
    }
    return keyId.unversioned();
  }

  private void ensureOpen() {
    if (closed) {
      throw closedError();
    }
  }

  private KmsException closedError() {
    return new KmsException(ErrorCode.CLOSED, "the file store " + layout + " is closed");
  }
}
