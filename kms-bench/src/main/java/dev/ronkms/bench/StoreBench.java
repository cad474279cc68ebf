package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.filestore.FileKeystoreStore;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.VersionState;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The durable file store ({@code FileKeystoreStore}) against its two promises:
 * <ul>
 *   <li>{@code rotate}: {@code Kms.rotate} on a file store that already holds 1,000 or 100,000
 *       other keys. One record file per key, so a rotation writes one small file whatever the
 *       store's size: the ratio 100,000 ÷ 1,000 should stay near 1 (target &le; 1.2). The
 *       background keys are written once into {@code <java.io.tmpdir>/kms-storebench/keys-N}
 *       (or {@code -Dstorebench.dir=...}) and reused by later runs; each trial rotates 512 keys
 *       of its own, round-robin, so every trial does the same work.</li>
 *   <li>{@code sign}: {@code Kms.sign} through the file store ÷ through the in-memory store,
 *       warm cache (target &le; 1.05): a warm load is a map lookup and one read of the shared
 *       change counter.</li>
 * </ul>
 * Run: {@code java -cp "kms-bench/target/kms-bench.jar:kms-bench/target/lib/*"
 * dev.ronkms.bench.StoreBench [--quick]}. Rotation times are dominated by two {@code fsync}s
 * (file and directory) and depend on the disk.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBench {
  static final byte[] STORE_KEY = new byte[32];
  static final int ROTATED_KEYS = 512;

  /** A file store with {@code keys} background keys, and keys of its own to rotate. */
  @State(Scope.Thread)
  public static class Rotation {
    @Param({"1000", "100000"})
    public int keys;

    Kms kms;
    KeyringSealer storeKey;
    final List<KeyId> rotated = new ArrayList<>();
    int next;

    @Setup
    public void setUp() throws IOException {
      storeKey = storeKey();
      Path dir = benchDirectory().resolve("keys-" + keys);
      FileKeystoreStore store = FileKeystoreStore.builder(dir, storeKey).createIfMissing(true)
          .build();
      populate(store, keys);
      kms = Kms.builder().store(store).provider(Algorithm.ED25519, "bc").build();
      for (int i = 0; i < ROTATED_KEYS; i++) {
        rotated.add(kms.create("bench", "rotated", Algorithm.ED25519));
      }
    }

    @TearDown
    public void tearDown() {
      for (KeyId id : rotated) {
        kms.delete(id); // the background keys stay for the next run
      }
      kms.close();
      storeKey.close();
    }
  }

  /** One key on the in-memory or the file store, for signing. */
  @State(Scope.Thread)
  public static class Signing {
    @Param({"memory", "file"})
    public String store;

    Kms kms;
    KeyringSealer storeKey;
    KeyId key;
    Path dir;
    final byte[] message = new Fixture(1, 20261123).messages[0];

    @Setup
    public void setUp() throws IOException {
      if (store.equals("file")) {
        storeKey = storeKey();
        dir = Files.createTempDirectory("kms-storebench-sign-");
        kms = Kms.builder().store(FileKeystoreStore.builder(dir, storeKey)
            .createIfMissing(true).build()).provider(Algorithm.ED25519, "bc").build();
      } else {
        kms = Kms.builder().provider(Algorithm.ED25519, "bc").build();
      }
      key = kms.create("bench", "sign", Algorithm.ED25519);
      kms.sign(key, message); // warm: the record is cached
    }

    @TearDown
    public void tearDown() throws IOException {
      kms.close();
      if (storeKey != null) {
        storeKey.close();
        deleteTree(dir);
      }
    }
  }

  @Benchmark
  public KeyId rotate(Rotation s) {
    return s.kms.rotate(s.rotated.get(s.next++ % ROTATED_KEYS));
  }

  @Benchmark
  public byte[] sign(Signing s) {
    return s.kms.sign(s.key, s.message).signature();
  }

  static KeyringSealer storeKey() {
    return KeyringSealer.builder("ron-kms/store-key").antiRollback(AntiRollback.disabled())
        .addVersion(STORE_KEY).build();
  }

  static Path benchDirectory() {
    return Path.of(System.getProperty("storebench.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "kms-storebench").toString()));
  }

  /** Writes background keys until the store holds {@code count}; prints how long it took. */
  static void populate(FileKeystoreStore store, int count) {
    int present = store.list().size();
    if (present >= count) {
      System.out.printf("%n[StoreBench] reusing %d background keys%n", present);
      return;
    }
    SignatureProvider bc = Fixture.backend("bc");
    long start = System.nanoTime();
    for (int i = present; i < count; i++) {
      PrivateKeyHandle h = bc.generate(Algorithm.ED25519);
      KeyId id = KeyId.of("bench", "background", Algorithm.ED25519, UUID.randomUUID());
      store.save(KeyRecord.of(id, "bc", 1, 1, 1, List.of(new KeyVersion(1,
          VersionState.ENABLED, Instant.now(), h.publicKey(), h))), 0);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%n[StoreBench] wrote %d background keys in %.1f s (%.0f µs per key)%n",
        count - present, seconds, seconds * 1e6 / (count - present));
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** Runs the two benchmarks in one JMH run and prints the two ratios. */
  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(StoreBench.class.getName() + "\\.")
        .forks(1)
        .warmupIterations(quick ? 2 : 4)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 3 : 6)
        .measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true)
        .build()).run();
    Map<String, Double> s = BenchMain.scoreValues(results);
    double small = s.getOrDefault("StoreBench.rotate:1000", Double.NaN);
    double large = s.getOrDefault("StoreBench.rotate:100000", Double.NaN);
    double memory = s.getOrDefault("StoreBench.sign:memory", Double.NaN);
    double file = s.getOrDefault("StoreBench.sign:file", Double.NaN);
    System.out.printf("%nron-kms store bench (one JMH run; JDK %s; %d cores)%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    System.out.printf("  rotate, file store, 1,000 keys    %10.1f µs/op%n", small);
    System.out.printf("  rotate, file store, 100,000 keys  %10.1f µs/op   ÷ 1,000 keys  %.3f"
        + " (target ≤ 1.2)%n", large, large / small);
    System.out.printf("  sign, in-memory store             %10.2f µs/op%n", memory);
    System.out.printf("  sign, file store (warm)           %10.2f µs/op   ÷ in-memory   %.3f"
        + " (target ≤ 1.05)%n", file, file / memory);
  }
}
