package dev.ronkms.filestore;

import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.RollbackContext;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where each file of a file store lives, and how a key id becomes a file name and back:
 *
 * <pre>
 * DIR/store                         the header: magic, format, store id, store-key checks
 * DIR/lock                          the lock file (write lock and change counter; no data)
 * DIR/keys/&lt;tenant&gt;~&lt;purpose&gt;~&lt;alg&gt;~&lt;uuid&gt;.key   one sealed record per key
 * DIR/counters/&lt;context sha-256 hex&gt;.ctr   one sealed anti-rollback counter per context
 * .&lt;name&gt;.&lt;random&gt;.tmp                a write in progress (or left by a crash)
 * </pre>
 *
 * <p>A key's file name is its id with {@code /} written as {@code ~} (a character the key id
 * grammar never allows), so {@link #keyIdOf} reverses it exactly and a listing of the keys needs
 * no decryption. Immutable.
 */
final class StoreLayout {
  static final String KEY_SUFFIX = ".key";
  static final String COUNTER_SUFFIX = ".ctr";
  static final String TEMP_SUFFIX = ".tmp";
  private static final char SEPARATOR = '~';

  private final Path root;
  private final Path keys;
  private final Path counters;

  StoreLayout(Path root) {
    this.root = root;
    this.keys = root.resolve("keys");
    this.counters = root.resolve("counters");
  }

  Path root() {
    return root;
  }

  Path header() {
    return root.resolve("store");
  }

  Path lockFile() {
    return root.resolve("lock");
  }

  Path keysDir() {
    return keys;
  }

  Path countersDir() {
    return counters;
  }

  /** The record file of {@code id} (unversioned). */
  Path keyFile(KeyId id) {
    return keys.resolve(id.unversioned().toString().replace('/', SEPARATOR) + KEY_SUFFIX);
  }

  /** The counter file of {@code context}. */
  Path counterFile(RollbackContext context) {
    return counters.resolve(context.hex() + COUNTER_SUFFIX);
  }

  /** The key a record file name belongs to; empty for any other name. */
  static Optional<KeyId> keyIdOf(String fileName) {
    if (!fileName.endsWith(KEY_SUFFIX) || fileName.startsWith(".")) {
      return Optional.empty();
    }
    String text = fileName.substring(0, fileName.length() - KEY_SUFFIX.length())
        .replace(SEPARATOR, '/');
    try {
      KeyId id = KeyId.parse(text);
      return id.hasVersion() ? Optional.empty() : Optional.of(id);
    } catch (KmsException notAKey) {
      return Optional.empty();
    }
  }

  /** True for the name of a temporary file a writer makes before its atomic rename. */
  static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
