package dev.ronkms.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/** The message to sign or verify: exactly one of text, hex or a file. */
final class MessageInput {
  @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "Message as UTF-8 text.")
  String text;

  @Option(names = "--message-hex", paramLabel = "HEX", description = "Message as hex bytes.")
  String hex;

  @Option(names = "--message-file", paramLabel = "PATH", description = "Message read from a file.")
  Path file;

  byte[] bytes() {
    if (text != null) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (hex != null) {
      return HexFormat.of().parseHex(hex);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
