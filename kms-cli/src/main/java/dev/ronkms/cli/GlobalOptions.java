package dev.ronkms.cli;

import picocli.CommandLine.Option;

/**
 * The options every command takes, before or after its name ({@code kms --json keys list} and
 * {@code kms keys list --json} alike): added as a mixin to each command of the tree. They hold
 * for one command line (in a shell, for one line; those given to {@code kms shell} itself hold
 * for every line).
 */
final class GlobalOptions {
  private final Session session;

  GlobalOptions(Session session) {
    this.session = session;
  }

  @Option(names = "--json",
      description = "Print each result as one JSON object on stdout, and errors as a JSON object"
          + " {\"error\":{\"code\",\"message\",\"exitCode\"}} on stderr.")
  void json(boolean value) {
    session.json = value;
  }

  @Option(names = "--debug", description = "On a failure, print the stack trace too.")
  void debug(boolean value) {
    session.debug = value;
  }

  @Option(names = "--max-message-size", paramLabel = "SIZE",
      converter = MessageInput.SizeConverter.class,
      description = "The largest message, secret or envelope read into memory: bytes, or with K,"
          + " M or G (default: " + MessageInput.DEFAULT_LIMIT_MIB + "M; at most 1G).")
  void maxMessageSize(long bytes) {
    session.maxMessageSize(bytes);
  }
}
