package dev.ronkms.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/** What the file store tests share: store keys, opening, snapshots of a directory's files. */
final class StoreFixture {
  static final String REFERENCE = "ron-kms/store-key";

  private StoreFixture() {}

  /** A 32-byte key whose bytes are all {@code b}. */
  static byte[] key(int b) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) b);
    return k;
  }

  /** A store keyring named {@link #REFERENCE} with one version per key, the last sealing. */
  static KeyringSealer storeKey(byte[]... versions) {
    return storeKey(REFERENCE, versions);
  }

  static KeyringSealer storeKey(String reference, byte[]... versions) {
    KeyringSealer.Builder b = KeyringSealer.builder(reference)
        .antiRollback(AntiRollback.disabled());
    for (byte[] v : versions) {
      b.addVersion(v);
    }
    return b.build();
  }

  static FileKeystoreStore create(Path dir, KeyringSealer key) {
    return FileKeystoreStore.builder(dir, key).createIfMissing(true).build();
  }

  static Kms kms(FileKeystoreStore store) {
    return Kms.builder().store(store).provider(Algorithm.ED25519, "bc").build();
  }

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  /** Every file under {@code dir} but the lock file, by relative path, as hex. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("lock")) {
          out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The one record file in {@code dir}'s keys directory named for {@code id}. */
  static Path keyFile(Path dir, dev.ronkms.keys.KeyId id) {
    return new StoreLayout(dir).keyFile(id);
  }
}
