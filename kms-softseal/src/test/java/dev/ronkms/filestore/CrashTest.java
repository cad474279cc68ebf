package dev.ronkms.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ronkms.Kms;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.keys.VersionState;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.store.KeyRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM ({@link CrashChild}) with SIGKILL at random moments while it rotates
 * keys in a file store, again and again on the same directory, and after each kill reopens the
 * store: it must open; every acknowledged rotation and destruction must be there; the newest
 * version never goes back between kills; the one write in flight when the process died is
 * wholly there or wholly absent; every record passes the {@code KeyRecord} invariants (checked
 * by the decoding itself) and every key still signs and verifies.
 */
class CrashTest {
  private static final long SEED = 20261123L;
  private static final int KILLS = 22;
  private static final int KEYS = 3;
  private static final byte[] STORE_KEY = StoreFixture.key(0x5c);
  private static final byte[] MESSAGE = "after the crash".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path work;

  private final Map<KeyId, Integer> acked = new HashMap<>();
  private final Map<KeyId, Set<Integer>> destroyed = new HashMap<>();
  private final Map<KeyId, Integer> latestSeen = new HashMap<>();
  private int rotationsChecked;
  private int losses;
  private int inFlightPresent;
  private int inFlightAbsent;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sigkillAtRandomMomentsNeverLosesAnAcknowledgedWrite() throws Exception {
    Random random = new Random(SEED);
    Path dir = work.resolve("store");
    int kills = 0;
    while (kills < KILLS) {
      List<String> lines = runAndKill(dir, 50 + random.nextInt(351), kills);
      kills++;
      checkAfterKill(dir, lines);
    }
    System.out.printf("crash test: %d kills, %d acknowledged rotations checked, %d losses,"
        + " in-flight write present %d / absent %d%n", kills, rotationsChecked, losses,
        inFlightPresent, inFlightAbsent);
    assertEquals(0, losses, "acknowledged rotations lost");
    assertTrue(kills >= 20);
    assertTrue(rotationsChecked > kills, "the child rotated between kills");
  }

  /**
   * Starts the child, waits for its first acknowledged rotation, sleeps, kills it. The child
   * writes its acknowledgements to a file, one {@code write} per line (a process killed with
   * SIGKILL loses nothing it wrote to a file, where output still in a pipe can be lost when the
   * JDK's process reaper races the reading thread).
   */
  private List<String> runAndKill(Path dir, int delayMillis, int run) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path err = work.resolve("child-" + run + ".err");
    Path acks = work.resolve("child-" + run + ".acks");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dir.toString(), HexFormat.of().formatHex(STORE_KEY),
        String.valueOf(KEYS), acks.toString());
    pb.redirectError(err.toFile());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process child = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (readAcks(acks).stream().noneMatch(l -> l.startsWith("ROTATED"))) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroyForcibly();
        fail("the child did not rotate (run " + run + "): " + Files.readString(err));
      }
      Thread.sleep(5);
    }
    Thread.sleep(delayMillis);
    child.destroyForcibly(); // SIGKILL on Linux
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    return readAcks(acks);
  }

  /** The complete lines of the acknowledgement file so far. */
  private static List<String> readAcks(Path acks) throws IOException {
    if (!Files.exists(acks)) {
      return List.of();
    }
    String text = Files.readString(acks, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }

  private void checkAfterKill(Path dir, List<String> lines) {
    Map<KeyId, Integer> inFlight = new HashMap<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      KeyId id = KeyId.parse(f[1]);
      switch (f[0]) {
        case "CREATED" -> acked.put(id, 1);
        case "BEGIN" -> inFlight.put(id, Integer.parseInt(f[2]));
        case "ROTATED" -> {
          int v = Integer.parseInt(f[2]);
          assertEquals(acked.getOrDefault(id, 0) + 1, v, "rotations are acknowledged in order");
          acked.put(id, v);
          inFlight.remove(id);
          rotationsChecked++;
        }
        case "DESTROYED" -> destroyed.computeIfAbsent(id, k -> new HashSet<>())
            .add(Integer.parseInt(f[2]));
        default -> fail("unexpected line from the child: " + line);
      }
    }
    try (KeyringSealer key = StoreFixture.storeKey(STORE_KEY);
        FileKeystoreStore store = FileKeystoreStore.open(dir, key)) {
      Kms kms = StoreFixture.kms(store);
      for (Map.Entry<KeyId, Integer> e : acked.entrySet()) {
        KeyId id = e.getKey();
        KeyRecord record = store.load(id).orElse(null);
        assertNotNull(record, id + " was acknowledged and is gone");
        int latest = record.latest();
        if (latest < e.getValue()) {
          losses += e.getValue() - latest;
        }
        Integer pending = inFlight.get(id);
        if (pending != null && latest == pending) {
          inFlightPresent++;
        } else if (pending != null) {
          inFlightAbsent++;
          assertEquals(pending - 1, latest, "the write in flight is whole or absent");
        } else {
          assertEquals(e.getValue(), latest, id + ": no write was in flight");
        }
        assertTrue(latest >= latestSeen.getOrDefault(id, 0), id + " went backwards");
        latestSeen.put(id, latest);
        e.setValue(latest); // the write in flight, if it landed, is the next run's base
        for (int v : destroyed.getOrDefault(id, Set.of())) {
          assertEquals(VersionState.DESTROYED, record.version(v).state());
        }
        Signed sig = kms.sign(id, MESSAGE);
        assertEquals(latest, sig.keyId().version());
        assertTrue(kms.verify(sig, MESSAGE));
      }
    }
  }
}
