package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consistent copy of a store directory, taken under the write lock so that no process
 * changes a file meanwhile (readers go on): the header, every record file and every counter
 * file, as they are (still sealed), then synced. The lock file and temporary files are not
 * copied. The copy opens with the same store key, which is not in it.
 */
final class StoreBackup {

  private StoreBackup() {}

  /** Copies the store of {@code layout} into the new or empty directory {@code target}. */
  static int copy(StoreLayout layout, Path target) {
    StoreLayout copy = new StoreLayout(target.toAbsolutePath().normalize());
    requireEmpty(copy.root());
    AtomicFiles.createDirectories(copy.keysDir());
    AtomicFiles.createDirectories(copy.countersDir());
    int files = copyFiles(layout.keysDir(), copy.keysDir(), StoreLayout.KEY_SUFFIX)
        + copyFiles(layout.countersDir(), copy.countersDir(), StoreLayout.COUNTER_SUFFIX);
    AtomicFiles.syncDirectory(copy.keysDir());
    AtomicFiles.syncDirectory(copy.countersDir());
    byte[] header = AtomicFiles.readIfExists(layout.header());
    if (header == null) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "the file store " + layout
          + " has no header");
    }
    AtomicFiles.write(copy.header(), header); // last: a copy with a header is a whole copy
    return files + 1;
  }

  private static int copyFiles(Path from, Path to, String suffix) {
    int n = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.endsWith(suffix) && !StoreLayout.isTemp(name)) {
          byte[] bytes = AtomicFiles.readIfExists(p);
          if (bytes != null) {
            AtomicFiles.writeUnsynced(to.resolve(name), bytes);
            n++;
          }
        }
      }
    } catch (IOException e) {
      throw AtomicFiles.io("back up", from, e);
    }
    return n;
  }

  private static void requireEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      if (entries.iterator().hasNext()) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the backup directory " + dir
            + " is not empty");
      }
    } catch (IOException e) {
      throw AtomicFiles.io("back up to", dir, e);
    }
  }
}
