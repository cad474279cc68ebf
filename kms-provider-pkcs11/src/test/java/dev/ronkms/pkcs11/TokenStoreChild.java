package dev.ronkms.pkcs11;

import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A child JVM of {@link TokenFileStoreTest}, on the token its environment names
 * ({@code TokenConfig.fromSystem()}):
 * {@code create DIR LABEL} makes the token key and a store holding one key and prints the key
 * id and a signature; {@code list DIR LABEL} opens the store and prints every key id and
 * whether a signature verifies. A {@code KmsException} prints {@code ERROR <code>} and exits 3.
 */
public final class TokenStoreChild {
  static final byte[] MESSAGE = "sealed by the token".getBytes(StandardCharsets.UTF_8);

  private TokenStoreChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[1]);
    TokenConfig config = TokenConfig.fromSystem().orElseThrow();
    try {
      if (args[0].equals("create")) {
        try (TokenSealer key = TokenSealer.create(config, args[2]);
            Kms kms = Kms.builder().store(FileKeystoreStore.builder(dir, key)
                .createIfMissing(true).build()).build()) {
          KeyId id = kms.create("acme", "payments", Algorithm.ED25519);
          System.out.println("KEY " + id.withVersion(1).format());
          System.out.println("SIG " + HexFormat.of().formatHex(kms.sign(id, MESSAGE)
              .signature()));
        }
      } else {
        try (TokenSealer key = TokenSealer.open(config, args[2]);
            Kms kms = Kms.builder().store(FileKeystoreStore.open(dir, key)).build()) {
          for (KeyId id : kms.list()) {
            System.out.println("KEY " + id.format());
          }
          if (args.length > 3) {
            boolean ok = kms.verify(KeyId.parse(args[3]), MESSAGE,
                HexFormat.of().parseHex(args[4]));
            System.out.println("VERIFIED " + ok);
          }
        }
      }
    } catch (KmsException e) {
      System.out.println("ERROR " + e.code());
      System.out.flush();
      System.exit(3);
    }
  }
}
