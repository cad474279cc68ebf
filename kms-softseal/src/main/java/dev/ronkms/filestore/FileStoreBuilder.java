package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.spi.KeyProvider;
import dev.ronkms.spi.Sealer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configures and opens a {@link FileKeystoreStore}. Defaults: the store must already exist
 * ({@link #createIfMissing} to make one); providers are discovered with ServiceLoader through
 * the class loader of kms-softseal ({@code SignatureProvider} and {@code SealingProvider}); no
 * older store key.
 */
public final class FileStoreBuilder {
  final Path directory;
  final Sealer storeKey;
  final List<Sealer> previousStoreKeys = new ArrayList<>();
  List<KeyProvider> providers;
  ClassLoader classLoader = FileStoreBuilder.class.getClassLoader();
  boolean createIfMissing;

  FileStoreBuilder(Path directory, Sealer storeKey) {
    if (directory == null || storeKey == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a file store needs a directory and a"
          + " store key");
    }
    this.directory = directory;
    this.storeKey = storeKey;
  }

  /**
   * Adds an older store key that only opens: for a store whose store-key rotation to the store
   * key was interrupted (docs/RUNBOOK.md). A keyring holding both versions does the same alone.
   *
   * @param older the older store key
   * @return this builder
   */
  public FileStoreBuilder previousStoreKey(Sealer older) {
    previousStoreKeys.add(Objects.requireNonNull(older, "older"));
    return this;
  }

  /**
   * The providers that hold the stored keys, instead of discovery: every provider a record
   * names must be here (pass the instances the {@code Kms} uses).
   *
   * @param providers the providers
   * @return this builder
   */
  public FileStoreBuilder providers(List<? extends KeyProvider> providers) {
    this.providers = List.copyOf(providers);
    return this;
  }

  /**
   * The class loader providers are discovered through (when {@link #providers} is not set).
   *
   * @param classLoader the class loader
   * @return this builder
   */
  public FileStoreBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * Makes an empty store (directories 0700, files 0600) when the directory holds none.
   *
   * @param create true to create the store when missing
   * @return this builder
   */
  public FileStoreBuilder createIfMissing(boolean create) {
    this.createIfMissing = create;
    return this;
  }

  /**
   * Opens the store.
   *
   * @return the open store
   * @throws KmsException {@code STORE_KEY_MISMATCH} when the store key does not open the store
   *     (nothing is changed); {@code CORRUPT_RECORD} for a damaged or missing header;
   *     {@code INVALID_ARGUMENT} when there is no store and {@link #createIfMissing} is false,
   *     or for a store key that stamps its envelopes (it must use
   *     {@code AntiRollback.disabled()}); {@code BACKEND_FAILURE} for an I/O error
   */
  public FileKeystoreStore build() {
    return StoreOpener.open(this);
  }
}
