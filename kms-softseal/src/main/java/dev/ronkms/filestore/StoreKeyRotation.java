package dev.ronkms.filestore;

import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The middle step of a store-key rotation, run by {@link FileKeystoreStore#rotateStoreKey}
 * under the write lock once the header lists both keys: every record file's data key and every
 * counter is opened with any key of the chain and sealed with its sealing key, file by file,
 * each write atomic and durable. A file already under the new key is simply sealed again, so
 * running the step twice is harmless, and a crash leaves every file whole under one key or the
 * other. Records and their revisions are untouched, so caches in other processes stay valid.
 */
final class StoreKeyRotation {
  private final StoreLayout layout;
  private final byte[] storeId;
  private final StoreKeyChain keys;

  StoreKeyRotation(StoreLayout layout, byte[] storeId, StoreKeyChain keys) {
    this.layout = layout;
    this.storeId = storeId;
    this.keys = keys;
  }

  /** The chain of the rotation: seals with the new key, opens with every key. */
  StoreKeyChain keys() {
    return keys;
  }

  /**
   * Rewraps every file, or the first {@code limit} when {@code limit} &ge; 0 (to simulate a
   * crash in tests).
   *
   * @return true when every file was rewrapped
   * @throws KmsException {@code TAMPERED} / {@code CORRUPT_RECORD} for a file that does not
   *     open: the rotation stops there
   */
  boolean rewrapAll(int limit) {
    int done = 0;
    for (Path file : files(layout.keysDir(), StoreLayout.KEY_SUFFIX)) {
      if (limit >= 0 && done >= limit) {
        return false;
      }
      byte[] bytes = AtomicFiles.readIfExists(file);
      KeyId id = StoreLayout.keyIdOf(file.getFileName().toString()).orElse(null);
      if (bytes != null && id != null) {
        AtomicFiles.write(file, RecordFile.parse(bytes).rewrapped(id, keys, storeId));
        done++;
      }
    }
    for (Path file : files(layout.countersDir(), StoreLayout.COUNTER_SUFFIX)) {
      if (limit >= 0 && done >= limit) {
        return false;
      }
      byte[] bytes = AtomicFiles.readIfExists(file);
      String name = file.getFileName().toString();
      if (bytes != null) {
        String context = name.substring(0, name.length() - StoreLayout.COUNTER_SUFFIX.length());
        AtomicFiles.write(file, FileCounterStore.rewrapped(context, bytes, keys, storeId));
        done++;
      }
    }
    return true;
  }

  private static List<Path> files(Path dir, String suffix) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.endsWith(suffix) && !StoreLayout.isTemp(name)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw AtomicFiles.io("list", dir, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public String toString() {
    return "StoreKeyRotation[" + layout + ", to " + keys.reference() + "]";
  }
}
