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
  private BinaryIo() {}

  /**
   * The bytes of {@code file} ({@code null}: standard input), at most {@code limit} of them.
   * @throws InputException when it cannot be read or is larger than the limit
   */
  static byte[] read(MessageInput.Source source, Session session, String what) {
    return source.read(session, session.maxMessageSize() + SLACK, what);
  }

  /** Room above the message limit for an envelope's or a bundle's own bytes. */
  static final long SLACK = 64L << 10;

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
