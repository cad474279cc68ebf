package dev.ronkms.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.HexFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The message to sign, verify or seal: exactly one of text, hex, Base64, a file, or standard
 * input ({@code --message-file -}). Picocli's converters turn each form into a {@link Source};
 * text, hex and Base64 are checked while the command line is parsed (a bad value is a usage
 * error), a file is read when the command runs, with a bounded read: pure Ed25519 needs the whole
 * message in memory, so a message above the session's limit ({@code --max-message-size}, default
 * {@value #DEFAULT_LIMIT_MIB} MiB) is refused before it can exhaust the heap.
 */
final class MessageInput {
  /** The default limit of a message held in memory, in MiB. */
  static final int DEFAULT_LIMIT_MIB = 64;
  /** The largest limit {@code --max-message-size} accepts: 1 GiB. */
  static final long MAX_LIMIT = 1L << 30;

  @Option(names = {"-m", "--message"}, paramLabel = "TEXT", converter = TextConverter.class,
      description = "The message as UTF-8 text.")
  Source text;

  @Option(names = "--message-hex", paramLabel = "HEX", converter = HexConverter.class,
      description = "The message as hex bytes (an even number of 0-9a-f digits; '' is empty).")
  Source hex;

  @Option(names = "--message-base64", paramLabel = "BASE64", converter = Base64Converter.class,
      description = "The message as standard Base64.")
  Source base64;

  @Option(names = "--message-file", paramLabel = "FILE|-", converter = FileConverter.class,
      description = "The message read from FILE, or from standard input with '-'; at most"
          + " --max-message-size bytes.")
  Source file;

  /** The message bytes, read now; at most {@code session.maxMessageSize()} of them. */
  byte[] bytes(Session session) {
    Source source = text != null ? text : hex != null ? hex : base64 != null ? base64 : file;
    return source.read(session, session.maxMessageSize(), "the message");
  }

  /** Where bytes come from. */
  sealed interface Source permits Given, FromFile, FromStdin {
    /** The bytes, at most {@code limit} of them. @throws InputException when unreadable */
    byte[] read(Session session, long limit, String what);
  }

  /** Bytes given on the command line. */
  record Given(byte[] bytes) implements Source {
    @Override
    public byte[] read(Session session, long limit, String what) {
      if (bytes.length > limit) {
        throw tooLarge(what, bytes.length, limit);
      }
      return bytes.clone();
    }
  }

  /** A file, read when the command runs. */
  record FromFile(Path path) implements Source {
    @Override
    public byte[] read(Session session, long limit, String what) {
      return readFile(path, limit, what);
    }
  }

  /** Standard input, read to its end when the command runs. */
  record FromStdin() implements Source {
    @Override
    public byte[] read(Session session, long limit, String what) {
      if (session.interactive()) {
        throw new InputException("standard input is the shell's own input; give " + what
            + " as text, hex, Base64 or a file");
      }
      try {
        return readBounded(session.stdin(), limit, what + " on standard input");
      } catch (IOException e) {
        throw new InputException("cannot read standard input: " + e.getMessage());
      }
    }
  }

  /** {@code -m TEXT}. */
  static final class TextConverter implements ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      return new Given(value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code --message-hex HEX}. */
  static final class HexConverter implements ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      try {
        return new Given(HexFormat.of().parseHex(value.strip()));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("not hex: '" + abbreviate(value)
            + "' (an even number of digits 0-9, a-f)");
      }
    }
  }

  /** {@code --message-base64 BASE64}. */
  static final class Base64Converter implements ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      try {
        return new Given(Base64.getDecoder().decode(value.strip()));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("not Base64: '" + abbreviate(value) + "'");
      }
    }
  }

  /** {@code --message-file FILE}, {@code -} for standard input. */
  static final class FileConverter implements ITypeConverter<Source> {
    @Override
    public Source convert(String value) {
      if (value.equals("-")) {
        return new FromStdin();
      }
      Path path;
      try {
        path = Paths.get(value);
      } catch (java.nio.file.InvalidPathException e) {
        throw new TypeConversionException("not a file name: '" + abbreviate(value) + "'");
      }
      if (Files.isDirectory(path)) {
        throw new TypeConversionException(value + " is a directory, not a file");
      }
      if (!Files.exists(path)) {
        throw new TypeConversionException("no such file: " + value);
      }
      return new FromFile(path);
    }
  }

  /**
   * {@code --max-message-size SIZE}: bytes, or with a suffix K, M or G (KiB, MiB, GiB; an
   * optional trailing "iB" or "B" is accepted).
   */
  static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.strip().toUpperCase(java.util.Locale.ROOT);
      if (v.endsWith("IB")) {
        v = v.substring(0, v.length() - 2);
      } else if (v.endsWith("B")) {
        v = v.substring(0, v.length() - 1);
      }
      int shift = 0;
      if (!v.isEmpty()) {
        switch (v.charAt(v.length() - 1)) {
          case 'K' -> shift = 10;
          case 'M' -> shift = 20;
          case 'G' -> shift = 30;
          default -> shift = 0;
        }
      }
      if (shift != 0) {
        v = v.substring(0, v.length() - 1);
      }
      long n;
      try {
        n = Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("not a size: '" + abbreviate(value)
            + "' (bytes, or a number with K, M or G)");
      }
      if (n < 0 || n > (MAX_LIMIT >> shift)) {
        throw new TypeConversionException("'" + value + "' is out of range: 0 to 1G");
      }
      return n << shift;
    }
  }

  /** Reads {@code file}, refusing it unread when it is larger than {@code limit}. */
  static byte[] readFile(Path file, long limit, String what) {
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(file + " is a directory, not a file");
      }
      if (Files.isRegularFile(file) && Files.size(file) > limit) {
        throw tooLarge(what + " in " + file, Files.size(file), limit);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return readBounded(in, limit, what + " in " + file);
      }
    } catch (NoSuchFileException e) {
      throw new InputException("no such file: " + file);
    } catch (AccessDeniedException e) {
      throw new InputException("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** At most {@code limit} bytes of {@code in}, read in bounded steps: never more than limit+1. */
  static byte[] readBounded(InputStream in, long limit, String what) throws IOException {
    byte[] data = in.readNBytes((int) Math.min(limit, MAX_LIMIT) + 1);
    if (data.length > limit) {
      java.util.Arrays.fill(data, (byte) 0);
      throw tooLarge(what, -1, limit);
    }
    return data;
  }

  static InputException tooLarge(String what, long size, long limit) {
    return new InputException(what + (size >= 0 ? " is " + size + " bytes," : " is") + " larger"
        + " than the limit of " + describe(limit) + " held in memory; raise it with"
        + " --max-message-size SIZE (at most 1G)");
  }

  /** {@code 67108864} as "64 MiB", other sizes in bytes. */
  static String describe(long bytes) {
    if (bytes > 0 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }
}
