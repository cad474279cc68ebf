package dev.ronkms.cli;

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

    @Option(names = "--in", paramLabel = "FILE|-", converter = MessageInput.FileConverter.class,
        description = "Read the raw envelope from FILE, or from standard input with '-'.")
    MessageInput.Source file;

    byte[] bytes(Session session) {
      if ((base64 == null) == (file == null)) {
        throw new InputException("give the envelope in Base64 or with --in FILE (one of them)");
      }
      return file != null ? BinaryIo.read(file, session, "the envelope")
          : BinaryIo.base64(base64, "envelope");
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

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "The secret (one of):%n")
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
      byte[] plaintext = secret.bytes(session);
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
      byte[] plaintext = session.kms().open(envelope.bytes(session), aad.bytes());
      try {
        if (out != null) {
          BinaryIo.writeNew(out, plaintext);
          if (session.json) {
            session.emit(Json.object("out", out.toString(), "bytes", plaintext.length), null);
          }
        } else if (session.json) {
          String text = utf8OrNull(plaintext);
          session.emit(text == null
              ? Json.object("secretBase64", Base64.getEncoder().encodeToString(plaintext))
              : Json.object("secret", text), null);
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
      emit(session, session.kms().reseal(envelope.bytes(session), aad.bytes()), out);
      return 0;
    }
  }

  private static void emit(Session session, byte[] envelope, Path out) {
    if (out != null) {
      BinaryIo.writeNew(out, envelope);
      session.emit(Json.object("out", out.toString(), "bytes", envelope.length),
          "wrote " + envelope.length + " bytes to " + out);
    } else {
      String text = Base64.getEncoder().encodeToString(envelope);
      session.remember("envelope", text);
      session.emit(Json.object("envelope", text), text);
    }
  }

  /** The bytes as text when they are well-formed UTF-8, else null. */
  private static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }
}
