package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.KeyId;
import dev.ronkms.softseal.KeyringSealer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A process for {@link CrossProcessCasTest}: rotates one key {@code n} times on a file store
 * that another process rotates at the same moment, retrying each {@code CONFLICT}. It prints
 * {@code READY} once the store is open, waits for a line on standard input, then writes
 * {@code ROTATED v} after each rotation returned and {@code CONFLICTS c} at the end to a file
 * (a file, not the pipe: output still in a pipe when a process ends can be lost to the JDK's
 * process reaper racing the reading thread).
 *
 * <p>Arguments: the store directory, the store key in hex, the key id, n, the output file.
 */
public final class RotatorChild {

  private RotatorChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream ready = System.out;
    PrintStream out = new PrintStream(new java.io.FileOutputStream(args[4]), true,
        StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    int conflicts = rotate(Path.of(args[0]), HexFormat.of().parseHex(args[1]),
        KeyId.parse(args[2]), Integer.parseInt(args[3]), out, () -> {
          ready.println("READY");
          ready.flush();
          in.readLine(); // GO
        });
    out.println("CONFLICTS " + conflicts);
    out.flush();
  }

  /** What runs between opening the store and the first rotation. */
  interface StartSignal {
    void await() throws Exception;
  }

  /**
   * Opens the store, waits for {@code start}, rotates {@code key} {@code n} times; returns how
   * many CONFLICTs were retried.
   */
  static int rotate(Path dir, byte[] storeKeyBytes, KeyId key, int n, PrintStream out,
      StartSignal start) throws Exception {
    int conflicts = 0;
    try (KeyringSealer storeKey = StoreFixture.storeKey(storeKeyBytes);
        Kms kms = StoreFixture.kms(FileKeystoreStore.open(dir, storeKey))) {
      kms.attest(key); // warm: the store is open and the key decoded before the start
      start.await();
      for (int done = 0; done < n; ) {
        try {
          KeyId made = kms.rotate(key);
          out.println("ROTATED " + made.version());
          out.flush();
          done++;
        } catch (KmsException e) {
          if (e.code() != ErrorCode.CONFLICT) {
            throw e;
          }
          conflicts++;
        }
      }
    }
    return conflicts;
  }
}
