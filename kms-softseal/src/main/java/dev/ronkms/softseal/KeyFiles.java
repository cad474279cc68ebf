package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes the store key file format of {@link StoreKeys} (format 1). Works on bytes,
 * never on strings, so every copy of a key it makes can be zeroised.
 */
final class KeyFiles {
  static final int MAX_FILE_BYTES = 64 * 1024;
  private static final byte[] FORMAT_LINE =
      "ron-kms-store-keys 1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DISABLED = "disabled".getBytes(StandardCharsets.US_ASCII);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyFiles() {}

  /** The versions of a key file: keys in order (v1 first) and the disabled numbers. */
  record Versions(List<byte[]> keys, Set<Integer> disabled) {
    void zeroise() {
      keys.forEach(k -> Arrays.fill(k, (byte) 0));
    }
  }

  static Versions read(Path file) {
    if (file == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the store key file path is null");
    }
    requireOwnerOnly(file);
    byte[] content;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KmsException(ErrorCode.MALFORMED_KEY, "the store key file " + file
            + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ioFailure("read", file, e);
    }
    try {
      return parse(content);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  static void create(Path file) {
    byte[] key = randomKey();
    byte[] content = format(List.of(key), Set.of());
    try {
      write(file, content, false);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(content, (byte) 0);
    }
  }

  static int addVersion(Path file) {
    Versions versions = read(file);
    List<byte[]> keys = new ArrayList<>(versions.keys());
    keys.add(randomKey());
    byte[] content = format(keys, versions.disabled());
    try {
      write(file, content, true);
      return keys.size();
    } finally {
      keys.forEach(k -> Arrays.fill(k, (byte) 0));
      Arrays.fill(content, (byte) 0);
    }
  }

  /** Parses format 1; throws MALFORMED_KEY naming the line number, never its content. */
  static Versions parse(byte[] content) {
    List<byte[]> keys = new ArrayList<>();
    Set<Integer> disabled = new TreeSet<>();
    boolean formatSeen = false;
    int lineNumber = 0;
    try {
      for (int start = 0; start < content.length || lineNumber == 0; ) {
        lineNumber++;
        int end = indexOf(content, (byte) '\n', start);
        int from = start;
        int to = end > 0 && content[end - 1] == '\r' ? end - 1 : end;
        start = end + 1;
        List<int[]> tokens = tokens(content, from, to, lineNumber);
        if (tokens.isEmpty() || content[tokens.get(0)[0]] == '#') {
          continue;
        }
        if (!formatSeen) {
          if (tokens.size() != 2 || !Arrays.equals(content, tokens.get(0)[0],
              tokens.get(1)[1], FORMAT_LINE, 0, FORMAT_LINE.length)) {
            throw malformed(lineNumber, "expected the format line 'ron-kms-store-keys 1'");
          }
          formatSeen = true;
          continue;
        }
        int version = keys.size() + 1;
        byte[] name = ("v" + version).getBytes(StandardCharsets.US_ASCII);
        int[] first = tokens.get(0);
        if (!Arrays.equals(content, first[0], first[1], name, 0, name.length)) {
          throw malformed(lineNumber, "expected v" + version + " (versions count from v1,"
              + " without gaps)");
        }
        if (tokens.size() < 2 || tokens.size() > 3) {
          throw malformed(lineNumber, "expected 'v" + version + " <base64 key>' and at most"
              + " 'disabled' after it");
        }
        if (tokens.size() == 3) {
          int[] mark = tokens.get(2);
          if (!Arrays.equals(content, mark[0], mark[1], DISABLED, 0, DISABLED.length)) {
            throw malformed(lineNumber, "the only word allowed after the key is 'disabled'");
          }
          disabled.add(version);
        }
        byte[] key = StoreKeys.decodeKey(Arrays.copyOfRange(content, tokens.get(1)[0],
            tokens.get(1)[1]));
        if (key == null) {
          throw malformed(lineNumber, "v" + version + " is not the Base64 of a "
              + StoreKeys.KEY_LENGTH + "-byte key");
        }
        keys.add(key);
      }
      if (!formatSeen) {
        throw malformed(lineNumber, "the format line 'ron-kms-store-keys 1' is missing");
      }
      if (keys.isEmpty()) {
        throw new KmsException(ErrorCode.MALFORMED_KEY, "the store key file holds no key"
            + " version");
      }
      return new Versions(keys, disabled);
    } catch (RuntimeException e) {
      keys.forEach(k -> Arrays.fill(k, (byte) 0));
      throw e;
    }
  }

  /** The file's bytes for {@code keys} (v1 first); the caller zeroises the result. */
  static byte[] format(List<byte[]> keys, Set<Integer> disabled) {
    byte[] header = ("# ron-kms store keys: keep this file mode 0600; rotate with"
        + " StoreKeys.addKeyFileVersion\nron-kms-store-keys 1\n")
        .getBytes(StandardCharsets.US_ASCII);
    int length = header.length;
    for (int v = 1; v <= keys.size(); v++) {
      length += ("v" + v + " ").length() + 44 + (disabled.contains(v) ? 9 : 0) + 1;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    out.put(header);
    for (int v = 1; v <= keys.size(); v++) {
      byte[] base64 = Base64.getEncoder().encode(keys.get(v - 1));
      out.put(("v" + v + " ").getBytes(StandardCharsets.US_ASCII)).put(base64);
      Arrays.fill(base64, (byte) 0);
      if (disabled.contains(v)) {
        out.put((byte) ' ').put(DISABLED);
      }
      out.put((byte) '\n');
    }
    return out.array();
  }

  private static List<int[]> tokens(byte[] content, int from, int to, int lineNumber) {
    List<int[]> tokens = new ArrayList<>();
    int i = from;
    while (i < to) {
      byte b = content[i];
      if (b == ' ' || b == '\t') {
        i++;
        continue;
      }
      if (b < 0x21 || b > 0x7e) {
        throw malformed(lineNumber, "a byte that is not printable ASCII");
      }
      int start = i;
      while (i < to && content[i] != ' ' && content[i] != '\t') {
        if (content[i] < 0x21 || content[i] > 0x7e) {
          throw malformed(lineNumber, "a byte that is not printable ASCII");
        }
        i++;
      }
      tokens.add(new int[] {start, i});
      if (content[start] == '#' && tokens.size() == 1) {
        return tokens; // a comment: the rest of the line is not looked at
      }
    }
    return tokens;
  }

  private static int indexOf(byte[] content, byte b, int from) {
    for (int i = from; i < content.length; i++) {
      if (content[i] == b) {
        return i;
      }
    }
    return content.length;
  }

  /** Refuses a file that group or others may access (POSIX file systems only). */
  static void requireOwnerOnly(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      if (!Files.exists(file)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "no store key file at " + file);
      }
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (NoSuchFileException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "no store key file at " + file);
    } catch (IOException e) {
      throw ioFailure("inspect", file, e);
    }
    if (!java.util.Collections.disjoint(permissions, GROUP_OR_OTHERS)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the store key file " + file
          + " has permissions " + PosixFilePermissions.toString(permissions)
          + ": group and others may not access it (chmod 600)");
    }
  }

  /**
   * Writes {@code content} to a 0600 temporary file beside {@code file}, forces it to disk, and
   * gives it the name {@code file}: by a hard link, which fails if the name exists, or (with
   * {@code replace}) by an atomic rename over the old file.
   */
  private static void write(Path file, byte[] content, boolean replace) {
    if (file == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the store key file path is null");
    }
    Path target = file.toAbsolutePath();
    Path temp = null;
    try {
      Path dir = target.getParent();
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView(
          PosixFileAttributeView.class);
      temp = posix ? Files.createTempFile(dir, ".ron-kms-store-keys-", ".tmp",
          PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE)))
          : Files.createTempFile(dir, ".ron-kms-store-keys-", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (replace) {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        link(temp, target);
      }
    } catch (FileAlreadyExistsException e) {
      throw new KmsException(ErrorCode.KEY_EXISTS, "a file already exists at " + file
          + "; it was left as it is");
    } catch (NoSuchFileException e) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "cannot write the store key file "
          + file + ": its directory does not exist");
    } catch (IOException e) {
      throw ioFailure("write", file, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temporary file is 0600 and holds nothing the new file does not
        }
      }
    }
  }

  private static void link(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      Files.move(temp, target); // not atomic against a racing creator, but never replaces
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[StoreKeys.KEY_LENGTH];
    RANDOM.nextBytes(key);
    return key;
  }

  private static KmsException malformed(int line, String what) {
    return new KmsException(ErrorCode.MALFORMED_KEY, "store key file line " + line + ": "
        + what);
  }

  private static KmsException ioFailure(String what, Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new KmsException(ErrorCode.INVALID_ARGUMENT, "no store key file at " + file);
    }
    return new KmsException(ErrorCode.BACKEND_FAILURE, "cannot " + what + " the store key file "
        + file + ": " + e.getClass().getName(), e);
  }
}
