package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/** Reading and writing the binary values of the seal and export commands, with typed errors. */
final class BinaryIo {
  /** Envelopes, bundles and plaintexts are small; anything larger is refused unread. */
  static final long MAX_BYTES = 64L << 20;

  private BinaryIo() {}

  /** The bytes of {@code file}. @throws KmsException INVALID_ARGUMENT when it cannot be read */
  static byte[] read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, file + " is not a readable file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, file + " is larger than "
            + (MAX_BYTES >> 20) + " MiB");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Writes {@code bytes} to a new file (an existing file is not replaced), mode 600. */
  static void writeNew(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file,
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system: the platform's default permissions apply
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, file + " exists; not replaced");
    } catch (IOException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "cannot write " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Decodes standard Base64. @throws KmsException TAMPERED when it is not Base64 */
  static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new KmsException(ErrorCode.TAMPERED, "the " + what + " is not valid Base64");
    }
  }
}
