package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Durable, atomic file operations (local POSIX file systems):
 * <ul>
 *   <li>{@link #write}: the bytes go to a temporary file in the target's directory, which is
 *       forced to disk ({@code FileChannel.force(true)}), renamed over the target in one step
 *       ({@code ATOMIC_MOVE}, rename(2)), and then the directory itself is forced, so the rename
 *       survives a power loss. A crash at any point leaves the old file or the new one, never a
 *       mix; when {@link #write} returns, the new file is durable.</li>
 *   <li>{@link #delete}: unlink, then force the directory.</li>
 *   <li>New files are created 0600 and new directories 0700 where the file system has POSIX
 *       permissions.</li>
 * </ul>
 * Every I/O failure is a {@link KmsException} ({@code BACKEND_FAILURE}) naming the file and the
 * exception type; file contents never appear in a message. Stateless and thread-safe.
 */
final class AtomicFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final FileAttribute<?>[] FILE_MODE = POSIX
      ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------"))}
      : new FileAttribute<?>[0];
  private static final FileAttribute<?>[] DIRECTORY_MODE = POSIX
      ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------"))}
      : new FileAttribute<?>[0];

  private AtomicFiles() {}

  /** The whole file, or null when it does not exist. */
  static byte[] readIfExists(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException absent) {
      return null;
    } catch (IOException e) {
      throw io("read", file, e);
    }
  }

  /** Replaces {@code target} with {@code bytes}, atomically and durably (see the class comment). */
  static void write(Path target, byte[] bytes) {
    Path dir = target.getParent();
    Path temp = dir.resolve("." + target.getFileName() + "."
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + StoreLayout.TEMP_SUFFIX);
    try {
      try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), FILE_MODE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw io("write", target, e);
    }
    syncDirectory(dir);
  }

  /**
   * Creates {@code file} (0600) with {@code bytes}, forced to disk but without syncing the
   * directory: for writing many new files, followed by one {@link #syncDirectory}.
   */
  static void writeUnsynced(Path file, byte[] bytes) {
    try (FileChannel out = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), FILE_MODE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    } catch (IOException e) {
      throw io("write", file, e);
    }
  }

  /** Deletes {@code file} durably; false when it did not exist. */
  static boolean delete(Path file) {
    boolean existed;
    try {
      existed = Files.deleteIfExists(file);
    } catch (IOException e) {
      throw io("delete", file, e);
    }
    if (existed) {
      syncDirectory(file.getParent());
    }
    return existed;
  }

  /** Forces a directory's entries (creations, renames, deletions) to disk. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      throw io("sync directory", dir, e);
    }
  }

  /** Creates {@code dir} (0700) and any missing parents, durably. */
  static void createDirectories(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir, DIRECTORY_MODE);
    } catch (IOException e) {
      throw io("create directory", dir, e);
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      syncDirectory(parent);
    }
  }

  /** Opens (creating 0600 if missing) a file for reading and writing. */
  static FileChannel openReadWrite(Path file) throws IOException {
    return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE), FILE_MODE);
  }

  /** Deletes the temporary files a crashed writer left in {@code dir}; returns how many. */
  static int removeTemps(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (StoreLayout.isTemp(p.getFileName().toString()) && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    } catch (IOException e) {
      throw io("clean", dir, e);
    }
    if (removed > 0) {
      syncDirectory(dir);
    }
    return removed;
  }

  /** The typed failure for an I/O error on {@code file}. */
  static KmsException io(String operation, Path file, IOException e) {
    return new KmsException(ErrorCode.BACKEND_FAILURE, "file store: " + operation + " "
        + file + " failed (" + e.getClass().getName() + ")", e);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temporary file is ignored by readers and removed on the next open
    }
  }
}
