package dev.ronkms.pkcs11;

import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * The main class of the child JVMs of {@link ChildJvmTest}, on a token of its own named by the
 * {@code RON_KMS_PKCS11_*} environment. Prints its results as {@code CHILD <name> <value>} lines.
 */
public final class TokenChild {
  static final byte[] AAD = "child".getBytes(StandardCharsets.UTF_8);
  static final byte[] MESSAGE = "signed in a child JVM".getBytes(StandardCharsets.UTF_8);
  private static final HexFormat HEX = HexFormat.of();

  private TokenChild() {}

  public static void main(String[] args) throws Exception {
    try (Pkcs11Ed25519Provider provider = new Pkcs11Ed25519Provider()) {
      switch (args[0]) {
        case "generate" -> generate(provider, new TestSealer(HEX.parseHex(args[1])));
        case "open" -> open(provider, new TestSealer(HEX.parseHex(args[1])), args[2]);
        case "removed" -> removed(provider, Path.of(args[1]));
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
    print("DONE", "ok");
  }

  private static void generate(Pkcs11Ed25519Provider provider, TestSealer sealer) {
    PrivateKeyHandle key = provider.generate(Algorithm.ED25519);
    print("SEALED", Base64.getEncoder().encodeToString(provider.sealPrivateKey(key, sealer, AAD)));
    print("PUBLIC", HEX.formatHex(key.publicKey()));
    print("SIG", HEX.formatHex(provider.sign(key, MESSAGE)));
    key.close();
  }

  private static void open(Pkcs11Ed25519Provider provider, TestSealer sealer, String sealed) {
    PrivateKeyHandle key = provider.openPrivateKey(Algorithm.ED25519,
        Base64.getDecoder().decode(sealed), sealer, AAD);
    print("PUBLIC", HEX.formatHex(key.publicKey()));
    print("SIG", HEX.formatHex(provider.sign(key, MESSAGE)));
  }

  private static void removed(Pkcs11Ed25519Provider provider, Path tokens) throws Exception {
    PrivateKeyHandle key = provider.generate(Algorithm.ED25519);
    provider.sign(key, MESSAGE);
    print("BEFORE", "ok");
    Thread finaliser = new Thread(() -> {
      try {
        PKCS11Module.getInstance(provider.config().library().toString()).finalize(null);
      } catch (Exception e) {
        print("FINALISE_FAILED", e.toString());
      }
    });
    finaliser.start();
    finaliser.join(10_000);
    print("AFTER_FINALISE", attempt(provider, key));
    print("RECOVERED", attempt(provider, key));
    try (Stream<Path> files = Files.walk(tokens)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    print("AFTER_DELETE", attempt(provider, key));
  }

  private static String attempt(Pkcs11Ed25519Provider provider, PrivateKeyHandle key) {
    try {
      byte[] signature = provider.sign(key, MESSAGE);
      return provider.verify(Algorithm.ED25519, key.publicKey(), MESSAGE, signature)
          ? "ok" : "bad-signature";
    } catch (KmsException e) {
      return e.code() + " retryable=" + e.code().retryable();
    }
  }

  private static void print(String name, String value) {
    System.out.println("CHILD " + name + " " + value);
    System.out.flush();
  }
}
