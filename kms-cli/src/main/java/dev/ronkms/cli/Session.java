package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsBuilder;
import dev.ronkms.KmsException;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.spi.Sealer;
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

  Session(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** Chooses the Ed25519 provider by name (null: the default selection). */
  void provider(String name) {
    if (kms != null && name != null && !name.equals(kms.provider(Algorithm.ED25519))) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the provider is chosen once per"
          + " session");
    }
    this.provider = name;
  }

  /** Works on the durable store in {@code directory} instead of the in-memory store. */
  void storeDirectory(Path directory) {
    if (kms != null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the store is chosen once per"
          + " session");
    }
    this.storeDirectory = directory;
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
