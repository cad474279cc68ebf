package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.softseal.StoreKeys;
import picocli.CommandLine.Command;

/** {@code kms store ...}: create a durable store, describe it, rotate its store key. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Create and look after the durable sealed store given with --store DIR.",
    subcommands = picocli.CommandLine.HelpCommand.class)
final class StoreCommand {
  private final Session session;

  StoreCommand(Session session) {
    this.session = session;
  }

  @Command(name = "init", mixinStandardHelpOptions = true, description = "Create the store"
      + " (and, with --store-key-file, a new key file when it does not exist; with --seal-with"
      + " pkcs11, the token key when the token lacks it).")
  int init() {
    session.initialiseStore();
    session.emit(Json.object("directory", session.storeDirectory().toString(),
        "storeKey", session.storeKey().keyReference()), "store ready at "
        + session.storeDirectory() + ", sealed by " + session.storeKey().keyReference());
    return 0;
  }

  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Print the store's directory, store key version and key count.")
  int info() {
    FileKeystoreStore store = session.fileStore();
    int keys = store.list().size();
    session.emit(Json.object("directory", session.storeDirectory().toString(),
        "storeKey", session.storeKey().keyReference(), "keys", keys),
        "directory: " + session.storeDirectory() + "\nstore key: "
            + session.storeKey().keyReference() + "\nkeys:      " + keys);
    return 0;
  }

  @Command(name = "rotate-key", mixinStandardHelpOptions = true, description = "Add a new"
      + " version to the store key file and rewrap every data key under it (docs/RUNBOOK.md).")
  int rotateKey() {
    StoreKeyOptions options = session.storeKeyOptions;
    if (options.keyFile == null) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "the command line rotates key-file"
          + " store keys (--store-key-file); for another source see docs/RUNBOOK.md");
    }
    FileKeystoreStore store = session.fileStore();
    int version = StoreKeys.addKeyFileVersion(options.keyFile);
    KeyringSealer next = StoreKeys.fromKeyFile(options.keyFile, StoreKeyOptions.REFERENCE)
        .antiRollback(AntiRollback.disabled()).build();
    try {
      store.rotateStoreKey(next);
    } catch (RuntimeException e) {
      next.close();
      throw e;
    }
    session.replaceStoreKey(next);
    session.emit(Json.object("storeKeyVersion", version, "rewrapped", true),
        "store key rotated to v" + version + "; every data key is rewrapped");
    return 0;
  }
}
