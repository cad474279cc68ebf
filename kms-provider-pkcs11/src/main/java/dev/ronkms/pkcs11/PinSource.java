package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a token's user PIN comes from: an environment variable, or a file. Never a literal:
 * there is no way to build one from a string in code.
 *
 * <p>Guarantees: {@link #read} returns a fresh array the caller zeroises; a file PIN is its
 * first line, UTF-8, without the line end, and on a POSIX file system the file must not be
 * readable, writable or executable by group or others ({@code chmod 600}); every failure is a
 * {@link KmsException} with {@code INVALID_ARGUMENT} whose message names the source, never the
 * PIN; {@code toString} names the source only. Immutable.
 */
public final class PinSource {
  private static final int MAX_FILE_BYTES = 4096;
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final String description;
  private final Function<Map<String, String>, char[]> reader;

  private PinSource(String description, Function<Map<String, String>, char[]> reader) {
    this.description = description;
    this.reader = reader;
  }

  /**
   * The PIN in the environment variable {@code variable}.
   *
   * @param variable the name of the environment variable
   * @return the PIN in the environment variable {@code variable}
   */
  public static PinSource environment(String variable) {
    if (variable == null || variable.isBlank()) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN's environment variable has no"
          + " name");
    }
    return new PinSource("environment variable " + variable, env -> {
      String value = env.get(variable);
      if (value == null || value.isEmpty()) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the environment variable " + variable
            + " holding the token PIN is not set");
      }
      return value.toCharArray();
    });
  }

  /**
   * The PIN on the first line of {@code file}.
   *
   * @param file the file
   * @return the PIN on the first line of {@code file}
   */
  public static PinSource file(Path file) {
    Objects.requireNonNull(file, "file");
    return new PinSource("file " + file, env -> readFile(file));
  }

  /**
   * Reads the PIN from the process environment.
   *
   * @return the PIN; the caller clears the array after use
   */
  public char[] read() {
    return read(System.getenv());
  }

  /**
   * Reads the PIN, looking environment variables up in {@code environment}.
   *
   * @param environment the environment variables to read
   * @return the PIN; the caller clears the array after use
   */
  public char[] read(Map<String, String> environment) {
    return reader.apply(environment);
  }

  @Override
  public String toString() {
    return description;
  }

  private static char[] readFile(Path file) {
    byte[] bytes = null;
    try {
      if (!Files.isRegularFile(file)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN file " + file
            + " is missing or not a regular file");
      }
      PosixFileAttributeView posix = Files.getFileAttributeView(file,
          PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      if (posix != null && !Collections.disjoint(posix.readAttributes().permissions(), OTHERS)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN file " + file
            + " may be accessed by group or others; chmod 600 it");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN file " + file
            + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      if (end == 0) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN file " + file
            + " is empty");
      }
      return decode(bytes, end, file);
    } catch (IOException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN file " + file
          + " cannot be read (" + e.getClass().getSimpleName() + ")");
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  private static char[] decode(byte[] bytes, int length, Path file) {
    CharBuffer chars = null;
    try {
      chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
      char[] pin = new char[chars.remaining()];
      chars.get(pin);
      return pin;
    } catch (CharacterCodingException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PIN file " + file
          + " is not UTF-8");
    } finally {
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }
}
