package dev.ronkms.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kms}: the top-level command and its global options. It has no action of its own: a bare
 * {@code kms} is a usage error (exit 2) that prints the usage.
 */
@Command(name = "kms", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
    description = "ron-kms command-line tool. Works on the embedded in-memory store (nothing is"
        + " written to disk) unless --store names a durable sealed store directory.",
    footerHeading = "%n",
    footer = {"Output: plain text by default; with --json one JSON object per result on stdout"
        + " and errors as {\"error\":{\"code\":...,\"message\":...,\"exitCode\":...}} on stderr.",
        "Run 'kms help COMMAND' or 'kms COMMAND --help' for a command's options."},
    subcommands = {DemoCommand.class, ProvidersCommand.class, KeysCommand.class,
        SealCommands.Seal.class, SealCommands.Unseal.class, SealCommands.Reseal.class,
        StoreCommand.class, ShellCommand.class, MetricsCommand.class, HelpCommand.class})
final class RootCommand {
  private final Session session;

  @Spec
  CommandSpec spec;

  RootCommand(Session session) {
    this.session = session;
  }

  /** The version from the jar manifest. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return KmsCli.version();
    }
  }

  @Option(names = "--provider", paramLabel = "NAME",
      description = "Ed25519 provider to use (default: the highest priority found).")
  void provider(String name) {
    session.provider(name);
  }

  @Option(names = "--store", paramLabel = "DIR",
      description = "Use the durable sealed file store in DIR (create it with: store init).")
  void store(Path directory) {
    session.storeDirectory(directory);
  }

  @Option(names = "--store-key-file", paramLabel = "FILE",
      description = "The store key file (mode 600; store init generates it when missing).")
  void storeKeyFile(Path file) {
    session.storeKeyOptions.keyFile = file;
  }

  @Option(names = "--store-key-env", paramLabel = "VAR",
      description = "Environment variable holding the Base64 store key (default when no other"
          + " source is given: RON_KMS_STORE_KEY).")
  void storeKeyEnv(String variable) {
    session.storeKeyOptions.keyEnv = variable;
  }

  @Option(names = "--passphrase-env", paramLabel = "VAR",
      description = "Environment variable holding a passphrase; the store key is Argon2id of it.")
  void passphraseEnv(String variable) {
    session.storeKeyOptions.passphraseEnv = variable;
  }

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "File whose first line is a passphrase; the store key is Argon2id of it.")
  void passphraseFile(Path file) {
    session.storeKeyOptions.passphraseFile = file;
  }

  @Option(names = "--seal-with", paramLabel = "pkcs11",
      description = "Seal the store with a key on a PKCS#11 token (sensitive, not extractable):"
          + " the token is named by RON_KMS_PKCS11_LIBRARY and RON_KMS_PKCS11_TOKEN, the PIN"
          + " read from RON_KMS_PKCS11_PIN or RON_KMS_PKCS11_PIN_FILE. store init creates the"
          + " key when the token lacks it.")
  void sealWith(String kind) {
    try {
      session.storeKeyOptions.sealWith(kind);
    } catch (dev.ronkms.KmsException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Option(names = "--token-key", paramLabel = "LABEL",
      description = "The label of the token key with --seal-with pkcs11 (default: "
          + dev.ronkms.pkcs11.TokenSealer.DEFAULT_KEY_LABEL + ").")
  void tokenKey(String label) {
    session.storeKeyOptions.tokenKey(label);
  }

  @Option(names = "--audit", paramLabel = "FILE",
      description = "Append one JSON line per key operation to FILE (created mode 600;"
          + " fail-closed: an operation that cannot be recorded fails with AUDIT_FAILED).")
  void audit(Path file) {
    session.audit.file(file);
  }
}
