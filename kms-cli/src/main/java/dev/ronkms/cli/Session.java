package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsBuilder;
import dev.ronkms.KmsException;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.Sealer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What the commands of one {@code kms} process share: the output streams, the provider choice,
 * the store (the in-memory one, or a durable sealed file store with {@code --store DIR}) and one
 * lazily built {@link Kms} on it. A {@code kms shell} session runs many commands against the same
 * store; a one-shot command on the in-memory store gets a fresh store that dies with it, while a
 * durable store keeps every key for the next process.
 */
final class Session implements AutoCloseable {
  final PrintWriter out;
  final PrintWriter err;
  final StoreKeyOptions storeKeyOptions = new StoreKeyOptions();
  final AuditOption audit = new AuditOption();
  private String provider;
  private Path storeDirectory;
  private Kms kms;
  private FileKeystoreStore fileStore;
  private Sealer storeKey;
  private boolean interactive;
  private final java.util.Map<String, String> lastValues = new java.util.HashMap<>();
  private InputStream stdin = System.in;
  /** {@code --json}: one JSON object per result on stdout, errors as JSON on stderr. */
  boolean json;
  /** {@code --debug}: a failure prints its stack trace. */
  boolean debug;
  private long maxMessageSize = (long) MessageInput.DEFAULT_LIMIT_MIB << 20;
  private String requestedProvider;
  private Path requestedStore;

  Session(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** Chooses the Ed25519 provider by name (null: the default selection), checked by apply(). */
  void provider(String name) {
    this.requestedProvider = name;
  }

  /** Works on the durable store in {@code directory}, checked by apply(). */
  void storeDirectory(Path directory) {
    this.requestedStore = directory;
  }

  /**
   * Applies the provider and store a command line asked for, before its command runs. Once the
   * key manager is built (in a shell, by an earlier line) neither can change: asking for another
   * one is refused with INVALID_ARGUMENT; asking for the one in use is fine.
   */
  void apply() {
    String name = requestedProvider;
    Path directory = requestedStore;
    requestedProvider = null;
    requestedStore = null;
    if (name != null) {
      if (kms != null && !name.equals(kms.provider(Algorithm.ED25519))) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "this session already uses the"
            + " Ed25519 provider " + kms.provider(Algorithm.ED25519) + "; the provider is"
            + " chosen once per session: start a new one with kms --provider " + name
            + " shell");
      }
      this.provider = name;
    }
    if (directory != null) {
      if (kms != null && !directory.equals(storeDirectory)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "this session already works on "
            + (storeDirectory == null ? "the in-memory store" : "the store " + storeDirectory)
            + "; the store is chosen once per session: start a new one with kms --store "
            + directory + " ... shell");
      }
      this.storeDirectory = directory;
    }
  }

  /** The most bytes of a message (or a secret) held in memory. */
  long maxMessageSize() {
    return maxMessageSize;
  }

  void maxMessageSize(long bytes) {
    maxMessageSize = bytes;
  }

  /** Where {@code --message-file -} reads from. */
  InputStream stdin() {
    return stdin;
  }

  void stdin(InputStream in) {
    stdin = in;
  }

  /** Prints one result: {@code json} with --json, else the plain {@code text} lines. */
  void emit(Object json, String text) {
    out.println(this.json ? Json.write(json) : text);
  }

  /** The durable store's directory, or null on the in-memory store. */
  Path storeDirectory() {
    return storeDirectory;
  }

  Kms kms() {
    if (kms == null) {
      kms = build(false);
    }
    return kms;
  }

  /** Creates the durable store (and a missing key file) and opens the key manager on it. */
  Kms initialiseStore() {
    if (storeDirectory == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "give the store directory:"
          + " kms --store DIR ... store init");
    }
    if (kms == null) {
      kms = build(true);
    }
    return kms;
  }

  /** The open durable store. @throws KmsException on the in-memory store */
  FileKeystoreStore fileStore() {
    kms();
    if (fileStore == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "this command needs a durable store:"
          + " kms --store DIR ...");
    }
    return fileStore;
  }

  /** The durable store's key: what key bundles for this store are sealed to. */
  Sealer storeKey() {
    fileStore();
    return storeKey;
  }

  /** After a store-key rotation: {@code next} now seals the store; the old key is zeroised. */
  void replaceStoreKey(Sealer next) {
    Sealer old = storeKey;
    storeKey = next;
    StoreKeyOptions.close(old);
  }

  private Kms build(boolean creating) {
    KmsBuilder builder = Kms.builder();
    audit.attachTo(builder);
    if (provider != null) {
      builder.provider(Algorithm.ED25519, provider);
    }
    if (storeDirectory == null) {
      return builder.build();
    }
    storeKey = storeKeyOptions.open(storeDirectory, creating, this);
    try {
      fileStore = FileKeystoreStore.builder(storeDirectory, storeKey)
          .createIfMissing(creating).build();
    } catch (KmsException e) {
      StoreKeyOptions.close(storeKey);
      if (!creating && e.code() == ErrorCode.INVALID_ARGUMENT) {
        throw new KmsException(e.code(), e.getMessage() + "; create a store with: kms --store "
            + storeDirectory + " <store key option> store init");
      }
      throw e;
    }
    return builder.store(fileStore).antiRollback(AntiRollback.counter(fileStore.counters()))
        .build();
  }

  void interactive(boolean value) {
    interactive = value;
  }

  /** True inside {@code kms shell}, where keys outlive a single command. */
  boolean interactive() {
    return interactive;
  }

  /** Remembers a value a later shell line can use as {@code $name}. */
  void remember(String name, String value) {
    lastValues.put(name, value);
  }

  /** The value remembered as {@code name}, or null. */
  String recall(String name) {
    return lastValues.get(name);
  }

  @Override
  public void close() {
    try {
      if (kms != null) {
        kms.close();
      }
    } finally {
      audit.close();
      StoreKeyOptions.close(storeKey);
      out.flush();
      err.flush();
    }
  }
}
