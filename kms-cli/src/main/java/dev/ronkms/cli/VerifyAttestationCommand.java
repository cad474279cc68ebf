package dev.ronkms.cli;

import dev.ronkms.keys.SignedAttestation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kms keys verify-attestation (JSON | --in FILE)}: checks a signed attestation made by
 * {@code keys attest KEY --sign-with ATTESTATION-KEY} with the attestation key of this store.
 */
@Command(name = "verify-attestation", mixinStandardHelpOptions = true,
    description = "Verify a signed attestation (the JSON printed by keys attest --sign-with)"
        + " with the attestation key version it names, which must be in this store; prints"
        + " VALID or INVALID (exit code 1).")
final class VerifyAttestationCommand implements Callable<Integer> {
  private final Session session;

  /** The signed attestation, given inline or as a file. */
  static final class Source {
    @Parameters(paramLabel = "SIGNED-ATTESTATION-JSON", arity = "0..1",
        description = "The signed attestation JSON.")
    String json;

    @Option(names = "--in", paramLabel = "FILE|-", converter = MessageInput.FileConverter.class,
        description = "Read the signed attestation JSON from FILE, or from standard input with"
            + " '-'.")
    MessageInput.Source file;

    String text(Session session) {
      if ((json == null) == (file == null)) {
        throw new InputException("give the signed attestation as JSON or with --in FILE (one"
            + " of them)");
      }
      return json != null ? json : new String(BinaryIo.read(file, session,
          "the signed attestation"), StandardCharsets.UTF_8);
    }
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  VerifyAttestationCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    SignedAttestation signed = SignedAttestation.parse(source.text(session));
    boolean valid = session.kms().verifyAttestation(signed);
    session.emit(Json.object("valid", valid, "keyId", signed.keyId().format()),
        valid ? "VALID (signed by " + signed.keyId() + ")" : "INVALID");
    return valid ? 0 : KmsCli.EXIT_INVALID;
  }
}
