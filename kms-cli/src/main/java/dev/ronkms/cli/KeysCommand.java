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
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Create, sign, verify, rotate and attest keys.",
    subcommands = {picocli.CommandLine.HelpCommand.class, VerifyAttestationCommand.class})
final class KeysCommand {
  private static final String TENANT = "The tenant the key belongs to.";
  private static final String PURPOSE = "What the key is for (a name within the tenant).";
  private static final String KEY_ID = "The key id: tenant/purpose/alg/uuid.";
  private static final String VERSION = "A versioned key id: tenant/purpose/alg/uuid/vN.";
  private final Session session;

  KeysCommand(Session session) {
    this.session = session;
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a key; prints its id.")
  int create(@Parameters(paramLabel = "TENANT", description = TENANT) String tenant,
      @Parameters(paramLabel = "PURPOSE", description = PURPOSE) String purpose,
      @Option(names = "--alg", paramLabel = "ALG", defaultValue = "ed25519",
          description = "Algorithm: ed25519,"
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
    session.emit(Json.object("keyId", id.format()), id.format());
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the key ids in the store.")
  int list() {
    var ids = kms().list().stream().map(Object::toString).toList();
    if (session.json) {
      session.emit(Json.object("keys", ids), null);
    } else {
      ids.forEach(session.out::println);
    }
    return 0;
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Sign with the head version; prints the versioned id"
      + " and the Base64 signature.")
  int sign(@Parameters(paramLabel = "KEY-ID", description = KEY_ID) String key,
      @ArgGroup(exclusive = true, multiplicity = "1", heading = "The message (one of):%n")
      MessageInput message,
      @Option(names = "--context", paramLabel = "TEXT", description = "FIPS 204 context string"
          + " (UTF-8, at most 255 bytes; ML-DSA and composite keys).") String context) {
    Signed s = kms().sign(KeyId.parse(key), message.bytes(session), utf8(context));
    session.remember("version", s.keyId().format());
    session.remember("signature", s.signatureBase64());
    session.emit(Json.object("keyId", s.keyId().format(), "signature", s.signatureBase64()),
        s.keyId() + " " + s.signatureBase64());
    return 0;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify a signature made by a key version; prints"
      + " VALID or INVALID (exit code 1).")
  int verify(@Parameters(paramLabel = "VERSIONED-KEY-ID", description = VERSION) String version,
      @Parameters(paramLabel = "SIGNATURE-BASE64", description = "The signature, in Base64.")
      String signature,
      @ArgGroup(exclusive = true, multiplicity = "1", heading = "The message (one of):%n")
      MessageInput message,
      @Option(names = "--context", paramLabel = "TEXT", description = "The context string the"
          + " signature was made with.") String context) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      throw new dev.ronkms.KmsException(dev.ronkms.ErrorCode.MALFORMED_SIGNATURE,
          "the signature is not valid Base64");
    }
    boolean ok = kms().verify(KeyId.parse(version), message.bytes(session), sig, utf8(context));
    session.emit(Json.object("valid", ok), ok ? "VALID" : "INVALID");
    return ok ? 0 : KmsCli.EXIT_INVALID;
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Add a new head version (or, with --stage, a pending"
      + " one); prints its versioned id.")
  int rotate(@Parameters(paramLabel = "KEY-ID", description = KEY_ID) String key,
      @Option(names = "--stage", description = "Stage a verify-only pending version.")
      boolean stage) {
    KeyId id = KeyId.parse(key);
    KeyId added = stage ? kms().stageRotation(id) : kms().rotate(id);
    session.remember("version", added.format());
    session.emit(Json.object("keyId", added.format(), "pending", stage), added.format());
    return 0;
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Make the pending version the head.")
  int promote(@Parameters(paramLabel = "VERSIONED-KEY-ID", description = VERSION)
      String version) {
    KeyId head = kms().promote(KeyId.parse(version));
    session.emit(Json.object("keyId", head.format(), "head", true), head + " is now head");
    return 0;
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a non-head version.")
  int disable(@Parameters(paramLabel = "VERSIONED-KEY-ID", description = VERSION)
      String version) {
    kms().disable(KeyId.parse(version));
    stateChanged(version, "DISABLED");
    return 0;
  }

  @Command(name = "enable", mixinStandardHelpOptions = true,
      description = "Re-enable a disabled version.")
  int enable(@Parameters(paramLabel = "VERSIONED-KEY-ID", description = VERSION)
      String version) {
    kms().enable(KeyId.parse(version));
    stateChanged(version, "ENABLED");
    return 0;
  }

  @Command(name = "destroy", mixinStandardHelpOptions = true,
      description = "Destroy a non-head version (final).")
  int destroy(@Parameters(paramLabel = "VERSIONED-KEY-ID", description = VERSION)
      String version) {
    kms().destroy(KeyId.parse(version));
    stateChanged(version, "DESTROYED");
    return 0;
  }

  @Command(name = "min-version", mixinStandardHelpOptions = true,
      description = "Set the oldest version that may verify.")
  int minVersion(@Parameters(paramLabel = "KEY-ID", description = KEY_ID) String key,
      @Parameters(paramLabel = "N", description = "The oldest version number that verifies.")
      int min) {
    kms().setMinVerifyVersion(KeyId.parse(key), min);
    session.emit(Json.object("keyId", key, "minVerifyVersion", min),
        key + " verifies from v" + min);
    return 0;
  }

  @Command(name = "public-key", mixinStandardHelpOptions = true,
      description = "Print a version's public key in hex (raw, or"
      + " with --spki as DER X.509 SubjectPublicKeyInfo).")
  int publicKey(@Parameters(paramLabel = "VERSIONED-KEY-ID", description = VERSION)
      String version,
      @Option(names = "--spki", description = "DER SubjectPublicKeyInfo instead of raw bytes.")
      boolean spki) {
    KeyId id = KeyId.parse(version);
    String hex = HexFormat.of().formatHex(spki ? kms().publicKeySpki(id) : kms().publicKey(id));
    session.emit(Json.object("keyId", id.format(), "encoding", spki ? "spki" : "raw",
        "publicKey", hex), hex);
    return 0;
  }

  @Command(name = "import-public", mixinStandardHelpOptions = true,
      description = "Import another party's public key (hex: raw"
      + " or DER SubjectPublicKeyInfo) as a verify-only key; prints its id.")
  int importPublic(@Parameters(paramLabel = "TENANT", description = TENANT) String tenant,
      @Parameters(paramLabel = "PURPOSE", description = PURPOSE) String purpose,
      @Parameters(paramLabel = "PUBLIC-KEY-HEX", description = "The public key in hex: raw"
          + " bytes or DER SubjectPublicKeyInfo.") String publicKey,
      @Option(names = "--alg", paramLabel = "ALG", defaultValue = "ed25519",
          description = "Algorithm of the public key (default: ed25519; also ml-dsa-*, ml-kem-*).")
      String alg) {
    KeyId id = kms().importPublicKey(tenant, purpose, Algorithm.fromId(alg), hex(publicKey));
    session.remember("key", id.format());
    session.remember("version", id.withVersion(1).format());
    session.emit(Json.object("keyId", id.format()), id.format());
    return 0;
  }

  @Command(name = "rotate-public", mixinStandardHelpOptions = true,
      description = "Add a newer public key (hex) as the head of a"
      + " verify-only key; prints its versioned id.")
  int rotatePublic(@Parameters(paramLabel = "KEY-ID", description = KEY_ID) String key,
      @Parameters(paramLabel = "PUBLIC-KEY-HEX", description = "The new public key in hex: raw"
          + " bytes or DER SubjectPublicKeyInfo.") String publicKey) {
    KeyId added = kms().rotateToPublicKey(KeyId.parse(key), hex(publicKey));
    session.remember("version", added.format());
    session.emit(Json.object("keyId", added.format()), added.format());
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

  @Command(name = "attest", mixinStandardHelpOptions = true,
      description = "Print the key's attestation as JSON (with --sign-with, signed: verify it"
          + " with keys verify-attestation).")
  int attest(@Parameters(paramLabel = "KEY-ID", description = KEY_ID) String key,
      @Option(names = "--compact", description = "One line, exactly as the library emits it"
          + " (--json implies it).")
      boolean compact,
      @Option(names = "--sign-with", paramLabel = "ATTESTATION-KEY", description = "Sign it"
          + " with the head of this signature key; prints the signed attestation JSON.")
      String signWith) {
    String json = signWith == null ? kms().attest(KeyId.parse(key)).toJson()
        : kms().attest(KeyId.parse(key), KeyId.parse(signWith)).toJson();
    session.emit(new Json.Raw(json), compact ? json : JsonPretty.indent(json));
    return 0;
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Export a key created --exportable, with its whole"
      + " version history, sealed to the store key of the store it will be imported into.")
  int export(@Parameters(paramLabel = "KEY-ID", description = KEY_ID) String key,
      @Option(names = "--to-store", paramLabel = "DIR", required = true,
          description = "The recipient store (it must exist; its key is checked).") Path toStore,
      @Option(names = "--to-store-key-file", paramLabel = "FILE",
          description = "The recipient store's key file.") Path keyFile,
      @Option(names = "--to-store-key-env", paramLabel = "VAR",
          description = "Variable holding the recipient store's Base64 key.") String keyEnv,
      @Option(names = "--to-passphrase-env", paramLabel = "VAR",
          description = "Variable holding the recipient store's passphrase.")
      String passphraseEnv,
      @Option(names = "--to-passphrase-file", paramLabel = "FILE",
          description = "File whose first line is the recipient store's passphrase.")
      Path passphraseFile,
      @Option(names = "--to-seal-with", paramLabel = "pkcs11",
          description = "The recipient store is sealed by a key on a PKCS#11 token.")
      String sealWith,
      @Option(names = "--to-token-key", paramLabel = "LABEL",
          description = "The label of the recipient's token key (with --to-seal-with pkcs11).")
      String tokenKey,
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
      session.emit(Json.object("keyId", KeyId.parse(key).unversioned().format(),
          "out", out.toString(), "toStore", toStore.toString()),
          "exported " + KeyId.parse(key).unversioned() + " to " + out
          + " (sealed to the store key of " + toStore + ")");
    } finally {
      StoreKeyOptions.close(recipientKey);
    }
    return 0;
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import a key bundle made by keys export for this"
      + " store; prints the key id.")
  int importKey(@Parameters(paramLabel = "BUNDLE-FILE|-", description = "The bundle file,"
      + " or '-' for standard input.", converter = MessageInput.FileConverter.class)
      MessageInput.Source bundle) {
    KeyId id = kms().importKey(BinaryIo.read(bundle, session, "the bundle"), session.storeKey());
    session.remember("key", id.format());
    session.emit(Json.object("keyId", id.format()), id.format());
    return 0;
  }

  private void stateChanged(String version, String state) {
    session.emit(Json.object("keyId", version, "state", state), version + " " + state);
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
