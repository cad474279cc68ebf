package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.Sealer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens (or creates) a file store. The header is read and every store-key check verified before
 * anything is written, the lock file included, so an open that fails (wrong store key, damaged
 * header) leaves the directory exactly as it was. A new store is created under the lock: the
 * key and counter directories first, the header last, so a header on disk means a whole store.
 * When the lock is free, the temporary files a crashed writer left are removed and a change
 * counter it left odd ("write in progress") is made even again.
 */
final class StoreOpener {

  private StoreOpener() {}

  static FileKeystoreStore open(FileStoreBuilder b) {
    StoreLayout layout = new StoreLayout(b.directory.toAbsolutePath().normalize());
    List<Sealer> older = new ArrayList<>();
    for (Sealer s : b.previousStoreKeys) {
      older.add(StoreKeyChain.requireUnstamped(s));
    }
    StoreKeyChain keys = new StoreKeyChain(StoreKeyChain.requireUnstamped(b.storeKey), older);
    ProviderSet providers = b.providers != null ? ProviderSet.of(b.providers)
        : ProviderSet.discover(b.classLoader);
    byte[] headerBytes = AtomicFiles.readIfExists(layout.header());
    DirectoryLock lock;
    if (headerBytes != null) {
      StoreHeader.parse(headerBytes).verify(keys, layout);
      lock = DirectoryLock.acquire(layout);
    } else {
      refuseWithoutHeader(b, layout);
      AtomicFiles.createDirectories(layout.root());
      lock = DirectoryLock.acquire(layout);
    }
    try {
      byte[] verified = headerBytes != null ? headerBytes
          : lock.withLock(() -> createOrRead(layout, keys));
      AtomicFiles.createDirectories(layout.keysDir());
      AtomicFiles.createDirectories(layout.countersDir());
      lock.tryWithLock(() -> {
        if ((lock.generation() & 1) != 0) { // a writer died mid-write: no writer runs now
          lock.beginWrite();
          lock.endWrite();
        }
        AtomicFiles.removeTemps(layout.root());
        AtomicFiles.removeTemps(layout.keysDir());
        AtomicFiles.removeTemps(layout.countersDir());
      });
      return new FileKeystoreStore(layout, lock, verified, keys, providers);
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
  }

  private static void refuseWithoutHeader(FileStoreBuilder b, StoreLayout layout) {
    if (Files.exists(layout.keysDir())) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "the file store " + layout
          + " has keys but no header (" + layout.header().getFileName() + "); restore it from"
          + " a backup");
    }
    if (!b.createIfMissing) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "there is no file store at " + layout
          + "; use createIfMissing(true) to make one");
    }
  }

  /** Under the lock: the header another process just wrote, or a new store's. */
  private static byte[] createOrRead(StoreLayout layout, StoreKeyChain keys) {
    byte[] existing = AtomicFiles.readIfExists(layout.header());
    if (existing != null) {
      StoreHeader.parse(existing).verify(keys, layout);
      return existing;
    }
    AtomicFiles.createDirectories(layout.keysDir());
    AtomicFiles.createDirectories(layout.countersDir());
    byte[] created = StoreHeader.create(keys).toByteArray();
    AtomicFiles.write(layout.header(), created);
    return created;
  }
}
