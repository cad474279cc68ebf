package dev.ronkms.cli;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.CompositeMode;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.SignatureVariant;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.spi.Sealer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kms keys ...}: the key lifecycle, one subcommand per operation. */
@Command(name = "keys", description = "Create, sign, verify, rotate and attest keys.",
    subcommandsRepeatable = false, subcommands = VerifyAttestationCommand.class)
final class KeysCommand {
  private final Session session;

  KeysCommand(Session session) {
    this.session = session;
  }

  @Command(name = "create", description = "Create a key; prints its id.")
  int create(@Parameters(paramLabel = "TENANT") String tenant,
      @Parameters(paramLabel = "PURPOSE") String purpose,
      @Option(names = "--alg", defaultValue = "ed25519", description = "Algorithm: ed25519,"
          + " ml-dsa-44, ml-dsa-65, ml-dsa-87, mldsa44-ed25519, mldsa65-ed25519 (signing);"
          + " ml-kem-512, ml-kem-768, ml-kem-1024 (sealing to a public key); aes-256-gcm,"
          + " chacha20-poly1305 (sealing).")
      String alg,
      @Option(names = "--exportable", description = "Allow exporting the private key, sealed to"
          + " another store's key (default: never exportable).")
      boolean exportable,
      @Option(names = "--variant", paramLabel = "deterministic|hedged", description = "How"
          + " ML-DSA signatures are randomised (default: hedged; Ed25519 is deterministic).")
      String variant,
      @Option(names = "--composite-mode", paramLabel = "require|mirror", description = "How a"
          + " composite key verifies: both halves (require, the default), or Ed25519 decides"
          + " and ML-DSA failures are counted (mirror).")
      String mode) {
    KeyOptions options = KeyOptions.defaults()
        .with(exportable ? ExportPolicy.EXPORTABLE_SEALED : ExportPolicy.NOT_EXPORTABLE)
        .with(variant == null ? null : choice(SignatureVariant.class, variant, "--variant"))
        .with(mode == null ? null : choice(CompositeMode.class, mode, "--composite-mode"));
    KeyId id = kms().create(tenant, purpose, Algorithm.fromId(alg), options);
    session.remember("key", id.format());
    session.remember("version", id.withVersion(1).format());
    session.out.println(id);
    return 0;
  }

  @Command(name = "list", description = "List the key ids in the store.")
  int list() {
    kms().list().forEach(session.out::println);
    return 0;
  }

  @Command(name = "sign", description = "Sign with the head version; prints the versioned id"
      + " and the Base64 signature.")
  int sign(@Parameters(paramLabel = "KEY-ID") String key,
      @ArgGroup(exclusive = true, multiplicity = "1") MessageInput message,
      @Option(names = "--context", paramLabel = "TEXT", description = "FIPS 204 context string"
          + " (UTF-8, at most 255 bytes; ML-DSA and composite keys).") String context) {
    Signed s = kms().sign(KeyId.parse(key), message.bytes(), utf8(context));
    session.remember("version", s.keyId().format());
    session.remember("signature", s.signatureBase64());
    session.out.println(s.keyId() + " " + s.signatureBase64());
    return 0;
  }

  @Command(name = "verify", description = "Verify a signature made by a key version; prints"
      + " VALID or INVALID (exit code 1).")
  int verify(@Parameters(paramLabel = "VERSIONED-KEY-ID") String version,
      @Parameters(paramLabel = "SIGNATURE-BASE64") String signature,
      @ArgGroup(exclusive = true, multiplicity = "1") MessageInput message,
      @Option(names = "--context", paramLabel = "TEXT", description = "The context string the"
          + " signature was made with.") String context) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new dev.ronkms.KmsException(dev.ronkms.ErrorCode.MALFORMED_SIGNATURE,
          "the signature is not valid Base64");
    }
    boolean ok = kms().verify(KeyId.parse(version), message.bytes(), sig, utf8(context));
    session.out.println(ok ? "VALID" : "INVALID");
    return ok ? 0 : KmsCli.EXIT_INVALID;
  }

  @Command(name = "rotate", description = "Add a new head version (or, with --stage, a pending"
      + " one); prints its versioned id.")
  int rotate(@Parameters(paramLabel = "KEY-ID") String key,
      @Option(names = "--stage", description = "Stage a verify-only pending version.")
      boolean stage) {
    KeyId id = KeyId.parse(key);
    KeyId added = stage ? kms().stageRotation(id) : kms().rotate(id);
    session.remember("version", added.format());
    session.out.println(added);
    return 0;
  }

  @Command(name = "promote", description = "Make the pending version the head.")
  int promote(@Parameters(paramLabel = "VERSIONED-KEY-ID") String version) {
    session.out.println(kms().promote(KeyId.parse(version)) + " is now head");
    return 0;
  }

  @Command(name = "disable", description = "Disable a non-head version.")
  int disable(@Parameters(paramLabel = "VERSIONED-KEY-ID") String version) {
    kms().disable(KeyId.parse(version));
    session.out.println(version + " DISABLED");
    return 0;
  }

  @Command(name = "enable", description = "Re-enable a disabled version.")
  int enable(@Parameters(paramLabel = "VERSIONED-KEY-ID") String version) {
    kms().enable(KeyId.parse(version));
    session.out.println(version + " ENABLED");
    return 0;
  }

  @Command(name = "destroy", description = "Destroy a non-head version (final).")
  int destroy(@Parameters(paramLabel = "VERSIONED-KEY-ID") String version) {
    kms().destroy(KeyId.parse(version));
    session.out.println(version + " DESTROYED");
    return 0;
  }

  @Command(name = "min-version", description = "Set the oldest version that may verify.")
  int minVersion(@Parameters(paramLabel = "KEY-ID") String key,
      @Parameters(paramLabel = "N") int min) {
    kms().setMinVerifyVersion(KeyId.parse(key), min);
    session.out.println(key + " verifies from v" + min);
    return 0;
  }

  @Command(name = "public-key", description = "Print a version's public key in hex (raw, or"
      + " with --spki as DER X.509 SubjectPublicKeyInfo).")
  int publicKey(@Parameters(paramLabel = "VERSIONED-KEY-ID") String version,
      @Option(names = "--spki", description = "DER SubjectPublicKeyInfo instead of raw bytes.")
      boolean spki) {
    KeyId id = KeyId.parse(version);
    session.out.println(HexFormat.of().formatHex(spki ? kms().publicKeySpki(id)
        : kms().publicKey(id)));
    return 0;
  }

  @Command(name = "import-public", description = "Import another party's public key (hex: raw"
      + " or DER SubjectPublicKeyInfo) as a verify-only key; prints its id.")
  int importPublic(@Parameters(paramLabel = "TENANT") String tenant,
      @Parameters(paramLabel = "PURPOSE") String purpose,
      @Parameters(paramLabel = "PUBLIC-KEY-HEX") String publicKey,
      @Option(names = "--alg", defaultValue = "ed25519", description = "Algorithm (ed25519).")
      String alg) {
    KeyId id = kms().importPublicKey(tenant, purpose, Algorithm.fromId(alg), hex(publicKey));
    session.remember("key", id.format());
    session.remember("version", id.withVersion(1).format());
    session.out.println(id);
    return 0;
  }

  @Command(name = "rotate-public", description = "Add a newer public key (hex) as the head of a"
      + " verify-only key; prints its versioned id.")
  int rotatePublic(@Parameters(paramLabel = "KEY-ID") String key,
      @Parameters(paramLabel = "PUBLIC-KEY-HEX") String publicKey) {
    KeyId added = kms().rotateToPublicKey(KeyId.parse(key), hex(publicKey));
    session.remember("version", added.format());
    session.out.println(added);
    return 0;
  }

  private static byte[] hex(String text) {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new dev.ronkms.KmsException(dev.ronkms.ErrorCode.MALFORMED_KEY,
          "the public key is not valid hex");
    }
  }

  @Command(name = "attest", description = "Print the key's attestation as JSON (with"
      + " --sign-with, signed: verify it with keys verify-attestation).")
  int attest(@Parameters(paramLabel = "KEY-ID") String key,
      @Option(names = "--compact", description = "One line, exactly as the library emits it.")
      boolean compact,
      @Option(names = "--sign-with", paramLabel = "ATTESTATION-KEY", description = "Sign it"
          + " with the head of this signature key; prints the signed attestation JSON.")
      String signWith) {
    String json = signWith == null ? kms().attest(KeyId.parse(key)).toJson()
        : kms().attest(KeyId.parse(key), KeyId.parse(signWith)).toJson();
    session.out.println(compact ? json : JsonPretty.indent(json));
    return 0;
  }

  @Command(name = "export", description = "Export a key created --exportable, with its whole"
      + " version history, sealed to the store key of the store it will be imported into.")
  int export(@Parameters(paramLabel = "KEY-ID") String key,
      @Option(names = "--to-store", paramLabel = "DIR", required = true,
          description = "The recipient store (it must exist; its key is checked).") Path toStore,
      @Option(names = "--to-store-key-file", paramLabel = "FILE") Path keyFile,
      @Option(names = "--to-store-key-env", paramLabel = "VAR") String keyEnv,
      @Option(names = "--to-passphrase-env", paramLabel = "VAR") String passphraseEnv,
      @Option(names = "--to-passphrase-file", paramLabel = "FILE") Path passphraseFile,
      @Option(names = "--to-seal-with", paramLabel = "pkcs11") String sealWith,
      @Option(names = "--to-token-key", paramLabel = "LABEL") String tokenKey,
      @Option(names = "--out", paramLabel = "FILE", required = true,
          description = "The bundle file to write (new, mode 600).") Path out) {
    StoreKeyOptions recipient = new StoreKeyOptions();
    recipient.keyFile = keyFile;
    recipient.keyEnv = keyEnv;
    recipient.passphraseEnv = passphraseEnv;
    recipient.passphraseFile = passphraseFile;
    recipient.sealWith(sealWith);
    recipient.tokenKey(tokenKey);
    Sealer recipientKey = recipient.open(toStore, false, session);
    try {
      FileKeystoreStore.open(toStore, recipientKey).close(); // the key must open that store
      byte[] bundle = kms().exportKey(KeyId.parse(key), recipientKey);
      BinaryIo.writeNew(out, bundle);
      session.out.println("exported " + KeyId.parse(key).unversioned() + " to " + out
          + " (sealed to the store key of " + toStore + ")");
    } finally {
      StoreKeyOptions.close(recipientKey);
    }
    return 0;
  }

  @Command(name = "import", description = "Import a key bundle made by keys export for this"
      + " store; prints the key id.")
  int importKey(@Parameters(paramLabel = "BUNDLE-FILE") Path bundle) {
    KeyId id = kms().importKey(BinaryIo.read(bundle), session.storeKey());
    session.remember("key", id.format());
    session.out.println(id);
    return 0;
  }

  private Kms kms() {
    return session.kms();
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new dev.ronkms.KmsException(dev.ronkms.ErrorCode.INVALID_ARGUMENT, option
        + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
            .toLowerCase(java.util.Locale.ROOT));
  }
}
