package dev.ronkms.filestore;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Attestation;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.softseal.KeyringSealer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The process {@link CrashTest} kills: opens the file store under a {@link Kms}, makes sure it
 * holds {@code keys} keys, then rotates them round-robin forever, destroying all but the three
 * newest versions. Every line goes out, flushed, at a precise moment: {@code BEGIN key v} before
 * rotating to {@code v}, {@code ROTATED key v} only after {@code rotate} returned (acknowledged),
 * {@code DESTROYED key v} only after {@code destroy} returned.
 *
 * <p>Arguments: the store directory, the store key in hex, the number of keys, and the file the
 * acknowledgements are appended to (one {@code write} call per line, so a kill never leaves a
 * line half written or unwritten once its call returned).
 */
public final class CrashChild {

  private CrashChild() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int keys = Integer.parseInt(args[2]);
    FileOutputStream out = new FileOutputStream(args[3], true);
    try (KeyringSealer storeKey = StoreFixture.storeKey(HexFormat.of().parseHex(args[1]));
        Kms kms = StoreFixture.kms(FileKeystoreStore.builder(dir, storeKey)
            .createIfMissing(true).build())) {
      List<KeyId> ids = new ArrayList<>(kms.list());
      while (ids.size() < keys) {
        KeyId id = kms.create("crash", "k" + ids.size(), Algorithm.ED25519);
        ack(out, "CREATED " + id);
        ids.add(id);
      }
      for (long n = 0; ; n++) {
        KeyId id = ids.get((int) (n % ids.size()));
        Attestation before = kms.attest(id);
        ack(out, "BEGIN " + id + " " + (before.versions().size() + 1));
        KeyId made = kms.rotate(id);
        ack(out, "ROTATED " + id + " " + made.version());
        for (Attestation.VersionInfo v : kms.attest(id).versions()) {
          if (v.state() == VersionState.ENABLED && v.version() < made.version() - 2) {
            kms.destroy(id.withVersion(v.version())); // keeps three live versions per key
            ack(out, "DESTROYED " + id + " " + v.version());
          }
        }
      }
    }
  }

  private static void ack(FileOutputStream out, String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.US_ASCII)); // one write(2)
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
