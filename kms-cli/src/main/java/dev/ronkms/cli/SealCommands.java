package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kms seal}, {@code unseal} and {@code reseal}: envelopes under a sealing key (an
 * {@code aes-256-gcm} or {@code chacha20-poly1305} key of the store). Envelopes travel as Base64
 * on the command line or as raw bytes in files; the associated data must be given again to open.
 */
final class SealCommands {
  private SealCommands() {}

  /** The associated data option the three commands share. */
  static final class Aad {
    @Option(names = "--aad", paramLabel = "TEXT", defaultValue = "",
        description = "Associated data (UTF-8), bound to the envelope; also names the secret for"
            + " anti-rollback. Default: empty.")
    String text;

    byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** An envelope given as Base64 or as a file. */
  static final class EnvelopeInput {
    @Parameters(paramLabel = "ENVELOPE-BASE64", arity = "0..1",
        description = "The envelope in Base64.")
    String base64;

    @Option(names = "--in", paramLabel = "FILE", description = "Read the raw envelope from FILE.")
    Path file;

    byte[] bytes() {
      if ((base64 == null) == (file == null)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "give the envelope in Base64 or"
            + " with --in FILE (one of them)");
      }
      return file != null ? BinaryIo.read(file) : BinaryIo.base64(base64, "envelope");
    }
  }

  /** {@code kms seal KEY -m TEXT}. */
  @Command(name = "seal", mixinStandardHelpOptions = true, description = "Seal a secret with"
      + " the head version of a sealing key; prints the envelope in Base64 (or writes it raw"
      + " with --out).")
  static final class Seal implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "KEY-ID", description = "The sealing key.")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    MessageInput secret;

    @picocli.CommandLine.Mixin
    Aad aad = new Aad();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the raw envelope to a"
        + " new FILE (mode 600).")
    Path out;

    Seal(Session session) {
      this.session = session;
    }

    @Override
    public Integer call() {
      byte[] plaintext = secret.bytes();
      try {
        byte[] envelope = session.kms().seal(KeyId.parse(key), plaintext, aad.bytes());
        emit(session, envelope, out);
        return 0;
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /** What unseal and reseal share: the session, the envelope and its associated data. */
  abstract static class EnvelopeCommand implements Callable<Integer> {
    final Session session;

    @picocli.CommandLine.Mixin
    EnvelopeInput envelope = new EnvelopeInput();

    @picocli.CommandLine.Mixin
    Aad aad = new Aad();

    EnvelopeCommand(Session session) {
      this.session = session;
    }
  }

  /** {@code kms unseal ENVELOPE}. */
  @Command(name = "unseal", mixinStandardHelpOptions = true, description = "Open an envelope;"
      + " prints the secret as UTF-8 text (or writes the raw bytes with --out).")
  static final class Unseal extends EnvelopeCommand {
    @Option(names = "--out", paramLabel = "FILE", description = "Write the secret to a new FILE"
        + " (mode 600).")
    Path out;

    Unseal(Session session) {
      super(session);
    }

    @Override
    public Integer call() {
      byte[] plaintext = session.kms().open(envelope.bytes(), aad.bytes());
      try {
        if (out != null) {
          BinaryIo.writeNew(out, plaintext);
        } else {
          session.out.println(new String(plaintext, StandardCharsets.UTF_8));
        }
        return 0;
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /** {@code kms reseal ENVELOPE}. */
  @Command(name = "reseal", mixinStandardHelpOptions = true, description = "Rewrap an envelope"
      + " under the sealing key's head version without printing the secret.")
  static final class Reseal extends EnvelopeCommand {
    @Option(names = "--out", paramLabel = "FILE", description = "Write the raw envelope to a"
        + " new FILE (mode 600).")
    Path out;

    Reseal(Session session) {
      super(session);
    }

    @Override
    public Integer call() {
      emit(session, session.kms().reseal(envelope.bytes(), aad.bytes()), out);
      return 0;
    }
  }

  private static void emit(Session session, byte[] envelope, Path out) {
    if (out != null) {
      BinaryIo.writeNew(out, envelope);
      session.out.println("wrote " + envelope.length + " bytes to " + out);
    } else {
      String text = Base64.getEncoder().encodeToString(envelope);
      session.remember("envelope", text);
      session.out.println(text);
    }
  }
}
