package dev.ronkms.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.softseal.KeyringSealer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare-and-set across processes: a child JVM and this one rotate the same key of one file
 * store at the same time. Every rotation either side saw acknowledged got its own version
 * number (no two processes ever both won the same revision), none is lost, and the head is the
 * last of them.
 */
class CrossProcessCasTest {
  private static final int EACH = 150;

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void twoProcessesRotatingOneKeyNeverBothWinARevision() throws Exception {
    byte[] storeKey = StoreFixture.key(7);
    KeyId key;
    try (KeyringSealer sealer = StoreFixture.storeKey(storeKey);
        Kms kms = StoreFixture.kms(StoreFixture.create(dir, sealer))) {
      key = kms.create("cas", "shared", Algorithm.ED25519);
    }
    Path ackFile = Files.createTempFile("rotator-child", ".out");
    ackFile.toFile().deleteOnExit();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        RotatorChild.class.getName(), dir.toString(), HexFormat.of().formatHex(storeKey),
        key.format(), Integer.toString(EACH), ackFile.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    List<String> theirs = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = childOut.readLine()) != null; ) {
          synchronized (theirs) {
            theirs.add(line);
            theirs.notifyAll();
          }
        }
      } catch (java.io.IOException ended) {
        // the child is gone; its exit value tells the rest
      }
    });
    reader.start();

    ByteArrayOutputStream mine = new ByteArrayOutputStream();
    int myConflicts = RotatorChild.rotate(dir, storeKey, key, EACH,
        new PrintStream(mine, true, StandardCharsets.UTF_8), () -> {
          synchronized (theirs) {
            while (!theirs.contains("READY")) {
              theirs.wait();
            }
          }
          child.getOutputStream().write("GO\n".getBytes(StandardCharsets.UTF_8));
          child.getOutputStream().flush();
        });
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished");
    reader.join(60_000);
    theirs.clear();
    theirs.addAll(Files.readAllLines(ackFile, StandardCharsets.UTF_8));
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished");
    assertEquals(0, child.exitValue(), String.join("\n", theirs));

    TreeSet<Integer> childVersions = new TreeSet<>();
    for (String line : theirs) {
      if (line.startsWith("ROTATED ")) {
        childVersions.add(Integer.parseInt(line.substring(8)));
      }
    }
    assertTrue(childVersions.last() - childVersions.first() + 1 > childVersions.size(),
        "the two processes' rotations interleaved (else this tested nothing): " + childVersions);
    TreeSet<Integer> versions = new TreeSet<>();
    List<String> all = new ArrayList<>(theirs);
    all.addAll(List.of(mine.toString(StandardCharsets.UTF_8).split("\n")));
    int acknowledged = 0;
    for (String line : all) {
      if (line.startsWith("ROTATED ")) {
        acknowledged++;
        assertTrue(versions.add(Integer.parseInt(line.substring(8))),
            "two processes were both told they made " + line);
      }
    }
    assertEquals(2 * EACH, acknowledged);
    assertEquals(2, (int) versions.first());
    assertEquals(1 + 2 * EACH, (int) versions.last(), "no gap: every version acknowledged once");
    try (KeyringSealer sealer = StoreFixture.storeKey(storeKey);
        Kms kms = StoreFixture.kms(FileKeystoreStore.open(dir, sealer))) {
      assertEquals(1 + 2 * EACH, kms.attest(key).headVersion());
    }
    System.out.println("cross-process CAS: " + acknowledged + " rotations, conflicts retried"
        + " here " + myConflicts + ", in the child " + theirs.get(theirs.size() - 1));
  }
}
