package dev.ronkms.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kms}: the top-level command and its global options. */
@Command(name = "kms", mixinStandardHelpOptions = true, version = "kms 0.1.0",
    description = "ron-kms command-line tool. Works on the embedded in-memory store: nothing"
        + " is written to disk.",
    subcommands = {DemoCommand.class, ProvidersCommand.class, KeysCommand.class,
        ShellCommand.class})
final class RootCommand implements Runnable {
  private final Session session;

  RootCommand(Session session) {
    this.session = session;
  }

  @Option(names = "--provider", paramLabel = "NAME",
      description = "Ed25519 provider to use (default: the highest priority found).")
  void provider(String name) {
    session.provider(name);
  }

  @Override
  public void run() {
    session.out.println("Usage: kms [--provider NAME] (demo | providers | keys ... | shell)."
        + " Try: kms --help");
  }
}
