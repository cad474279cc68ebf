package dev.ronkms.conformance;

import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeystoreStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The store source of the suite: every {@link KeystoreStore} implementation, each as a factory
 * of fresh, empty stores, so the store contract tests run unchanged over all of them. A store
 * joins the suite by being listed here.
 *
 * <ul>
 *   <li>{@code in-memory}: {@link InMemoryKeystoreStore};</li>
 *   <li>{@code file}: {@code FileKeystoreStore} in a new temporary directory per store, under a
 *       random store key, with the providers ServiceLoader finds on the class path. The
 *       directories are deleted when the JVM exits.</li>
 * </ul>
 */
public final class Stores {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static Path base;

  private Stores() {}

  /** Makes fresh, empty stores of one kind. */
  @FunctionalInterface
  public interface StoreKind {
    /** A new, empty, open store. */
    KeystoreStore fresh();
  }

  /** Every store kind, in-memory first. */
  public static List<Named<StoreKind>> kinds() {
    return List.of(Named.of("in-memory", InMemoryKeystoreStore::new),
        Named.of("file", Stores::freshFileStore));
  }

  /** Arguments source: one argument per store kind. */
  public static Stream<Arguments> each() {
    return kinds().stream().map(Arguments::of);
  }

  private static KeystoreStore freshFileStore() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    KeyringSealer storeKey = KeyringSealer.builder("ron-kms/store-key")
        .antiRollback(AntiRollback.disabled()).addVersion(key).build();
    return FileKeystoreStore.builder(newDirectory(), storeKey).createIfMissing(true).build();
  }

  private static synchronized Path newDirectory() {
    try {
      if (base == null) {
        base = Files.createTempDirectory("kms-stores-");
        Path root = base;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      }
      return Files.createTempDirectory(base, "store-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit
    }
  }
}
