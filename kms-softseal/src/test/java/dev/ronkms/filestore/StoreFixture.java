package dev.ronkms.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.time.Instant;
import java.util.List;
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

  /** The Ed25519 provider the tests use, as ServiceLoader finds it. */
  static SignatureProvider bc() {
    return Providers.discover(SignatureProvider.class, StoreFixture.class.getClassLoader())
        .stream().filter(p -> p.name().equals("bc")).findFirst().orElseThrow();
  }

  /** A revision-1 record of {@code id} with one fresh version. */
  static KeyRecord newRecord(KeyId id) {
    PrivateKeyHandle h = bc().generate(Algorithm.ED25519);
    return KeyRecord.of(id, "bc", 1, 1, 1, List.of(new KeyVersion(1, VersionState.ENABLED,
        Instant.EPOCH, h.publicKey(), h)));
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
  static Path keyFile(Path dir, KeyId id) {
    return new StoreLayout(dir).keyFile(id);
  }
}
