package dev.ronkms.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.ronkms.providers.Providers;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A diagnostic, not a benchmark: how many copies of a private key each Ed25519 provider leaves
 * in the Java heap. For one provider it imports a random seed, signs {@value #SIGNATURES}
 * messages, drops every reference it holds except the key handle, and takes three heap dumps:
 * every object (dead ones not yet collected included), reachable objects only, and reachable
 * objects after the key handle was closed. It then counts, in each dump file's bytes, the seed
 * and the secrets RFC 8032 derives from it: the clamped scalar s (the first half of
 * SHA-512(seed), clamped), the same half unclamped, and the prefix (the second half).
 *
 * <p>The tool itself never holds the seed or a derived secret while the dumps are taken: the
 * seed is built as {@code m XOR r} from two random masks, handed to the provider, and zeroised;
 * the search patterns are rebuilt from the masks only after the last dump. Copies held in int or
 * long limbs (SunEC's field elements, for example) are not byte patterns and are not counted.
 *
 * <p>{@code HeapCopies} with no argument (or {@code ./kms bench heap-copies}) runs every
 * discovered provider, each in a fresh JVM with a young generation large enough that nothing is
 * collected before the first dump; {@code HeapCopies bc} (or {@code tink}, {@code jdk}) runs one
 * in this JVM, and warns if a collection ran before the first dump. docs/SECURITY.md
 * ("Copies of a seed the libraries leave in the heap") records a run.
 */
public final class HeapCopies {
  static final int SIGNATURES = 20;
  private static final String[] DUMPS = {"all objects, key open", "reachable, key open",
      "reachable, key closed"};
  private static final String[] PATTERNS = {"seed", "clamped scalar s", "SHA-512 first half",
      "prefix"};

  private HeapCopies() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      forkEach();
    } else if (args.length == 1) {
      runOne(args[0]);
    } else {
      System.err.println("usage: HeapCopies [provider]");
      System.exit(2);
    }
  }

  /** Runs {@code HeapCopies <name>} in a fresh JVM for every discovered provider. */
  private static void forkEach() throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    for (SignatureProvider b : Providers.discover(SignatureProvider.class,
        HeapCopies.class.getClassLoader())) {
      names.add(b.name());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (String name : names) {
      // A young generation large enough that no collection runs before the first dump, so it
      // still holds every dead copy; Serial GC keeps the layout simple and the run repeatable.
      Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xms512m", "-Xmx512m",
          "-Xmn384m", "-cp",
          System.getProperty("java.class.path"), HeapCopies.class.getName(), name)
          .inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("HeapCopies " + name + " exited with " + p.exitValue());
      }
    }
  }

  private static void runOne(String name) throws Exception {
    SignatureProvider backend = Fixture.backend(name);
    SecureRandom random = new SecureRandom();
    byte[] maskM = new byte[32];
    byte[] maskR = new byte[32];
    random.nextBytes(maskM);
    random.nextBytes(maskR);

    Path dir = Files.createTempDirectory("heap-copies-" + name);
    Path[] dumps = new Path[DUMPS.length];
    for (int i = 0; i < dumps.length; i++) {
      dumps[i] = dir.resolve(name + "-" + i + ".hprof");
    }
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    PrivateKeyHandle handle = importAndSign(backend, maskM, maskR);
    long collections = collections();
    hotspot.dumpHeap(dumps[0].toString(), false);
    hotspot.dumpHeap(dumps[1].toString(), true);
    handle.close();
    handle = null;
    hotspot.dumpHeap(dumps[2].toString(), true);

    // Only now: rebuild the seed and its secrets, and count them in each dump.
    byte[][] patterns = patterns(maskM, maskR);
    System.out.printf("%s (%s %s, %d signatures, %d collections before the first dump): "
        + "copies found in each heap dump%n", name, System.getProperty("java.vm.name"),
        Runtime.version(), SIGNATURES, collections);
    if (collections > 0) {
      System.out.println("  warning: a collection ran before the first dump, so dead copies may"
          + " be missing from it; rerun with a larger young generation (-Xmn)");
    }
    System.out.println("  count = total (in byte[] / in long[] / elsewhere)");
    System.out.printf("  %-22s %-18s %-18s %-20s %-18s%n", "dump", PATTERNS[0], PATTERNS[1],
        PATTERNS[2], PATTERNS[3]);
    for (int d = 0; d < dumps.length; d++) {
      long[][] counts = count(dumps[d], patterns);
      StringBuilder line = new StringBuilder(String.format("  %-22s", DUMPS[d]));
      for (long[] c : counts) {
        line.append(String.format(" %-18s", (c[0] + c[1] + c[2]) + " (" + c[0] + "/" + c[1]
            + "/" + c[2] + ")"));
      }
      System.out.println(line + "  " + (Files.size(dumps[d]) >> 20) + " MiB");
      Files.delete(dumps[d]);
    }
    if (Arrays.equals(patterns[1], patterns[2])) {
      System.out.println("  note: clamping left this seed's scalar bytes unchanged, so the two"
          + " middle columns count the same bytes");
    }
    Files.delete(dir);
  }

  /** Collections run so far, all collectors together. */
  private static long collections() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionCount());
    }
    return total;
  }

  /** Imports m XOR r and signs; returns only the handle (the key stays open, as in a service). */
  private static PrivateKeyHandle importAndSign(SignatureProvider backend, byte[] maskM,
      byte[] maskR) {
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (maskM[i] ^ maskR[i]);
    }
    PrivateKeyHandle key = backend.importPrivateKey(Algorithm.ED25519, seed);
    Arrays.fill(seed, (byte) 0);
    byte[] publicKey = key.publicKey();
    for (int i = 0; i < SIGNATURES; i++) {
      byte[] message = ("heap copies message " + i).getBytes(StandardCharsets.US_ASCII);
      byte[] signature = backend.sign(key, message);
      if (!backend.verify(Algorithm.ED25519, publicKey, message, signature)) {
        throw new IllegalStateException(backend.name() + " made an invalid signature");
      }
    }
    return key;
  }

  /** Seed, clamped scalar, unclamped first half and prefix of SHA-512(seed). */
  private static byte[][] patterns(byte[] maskM, byte[] maskR) throws NoSuchAlgorithmException {
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (maskM[i] ^ maskR[i]);
    }
    byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
    byte[] low = Arrays.copyOfRange(h, 0, 32);
    byte[] clamped = low.clone();
    clamped[0] &= (byte) 0xf8;
    clamped[31] &= 0x7f;
    clamped[31] |= 0x40;
    return new byte[][] {seed, clamped, low, Arrays.copyOfRange(h, 32, 64)};
  }

  /**
   * Occurrences of each pattern in the file's bytes (overlapping matches counted), each
   * attributed to the kind of primitive array whose elements contain it: {@code [p][0]} inside a
   * byte[], {@code [p][1]} inside a long[] (HPROF writes elements big-endian, so a long[] that
   * holds the bytes as big-endian words, as SHA-512's state and message schedule do, shows the
   * bytes in order), {@code [p][2]} anywhere else (other arrays, instance fields).
   */
  static long[][] count(Path file, byte[][] patterns) throws IOException {
    long[][] counts = new long[patterns.length][3];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new IOException(file + " is larger than 2 GiB; run with a smaller -Xmx");
      }
      int size = (int) channel.size();
      MappedByteBuffer buf = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      ArrayRanges arrays = ArrayRanges.of(buf);
      for (int i = 0; i < size; i++) {
        byte first = buf.get(i);
        for (int p = 0; p < patterns.length; p++) {
          if (first == patterns[p][0] && matches(buf, i, patterns[p], size)) {
            byte type = arrays.typeOf(i, patterns[p].length);
            counts[p][type == ArrayRanges.BYTE ? 0 : type == ArrayRanges.LONG ? 1 : 2]++;
          }
        }
      }
    }
    return counts;
  }

  private static boolean matches(MappedByteBuffer buf, int at, byte[] pattern, int size) {
    if (at + pattern.length > size) {
      return false;
    }
    for (int j = 1; j < pattern.length; j++) {
      if (buf.get(at + j) != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  /** The element bytes of every primitive array of an HPROF 1.0.2 file, by file offset. */
  static final class ArrayRanges {
    static final byte BYTE = 8;
    static final byte LONG = 11;
    private static final byte NONE = 0;

    private long[] ranges = new long[1024]; // start << 32 | length, in file order
    private byte[] types = new byte[512];
    private int n;

    static ArrayRanges of(MappedByteBuffer buf) throws IOException {
      ArrayRanges out = new ArrayRanges();
      int pos = 0;
      while (buf.get(pos) != 0) {
        pos++;
      }
      pos++;
      int idSize = buf.getInt(pos);
      pos += 4 + 8;
      while (pos < buf.limit()) {
        int tag = buf.get(pos) & 0xff;
        int length = buf.getInt(pos + 5);
        int body = pos + 9;
        if (tag == 0x0c || tag == 0x1c) {
          out.segment(buf, body, body + length, idSize);
        }
        pos = body + length;
      }
      return out;
    }

    private void segment(MappedByteBuffer buf, int pos, int end, int id)
        throws IOException {
      while (pos < end) {
        int sub = buf.get(pos++) & 0xff;
        switch (sub) {
          case 0xff, 0x05, 0x07 -> pos += id;
          case 0x01 -> pos += 2 * id;
          case 0x02, 0x03, 0x08 -> pos += id + 8;
          case 0x04, 0x06 -> pos += id + 4;
          case 0x20 -> pos = classDump(buf, pos, id);
          case 0x21 -> pos += id + 4 + id + 4 + buf.getInt(pos + id + 4 + id);
          case 0x22 -> pos += id + 4 + 4 + id + id * buf.getInt(pos + id + 4);
          case 0x23 -> {
            int count = buf.getInt(pos + id + 4);
            byte type = buf.get(pos + id + 8);
            int start = pos + id + 9;
            int bytes = count * size(type, id);
            add(start, bytes, type);
            pos = start + bytes;
          }
          default -> throw new IOException("unknown HPROF heap sub-record 0x"
              + Integer.toHexString(sub) + " at " + (pos - 1));
        }
      }
    }

    private static int classDump(MappedByteBuffer buf, int pos, int id) {
      pos += id + 4 + 6 * id + 4;
      int constants = buf.getShort(pos) & 0xffff;
      pos += 2;
      for (int i = 0; i < constants; i++) {
        pos += 2 + 1 + size(buf.get(pos + 2), id);
      }
      int statics = buf.getShort(pos) & 0xffff;
      pos += 2;
      for (int i = 0; i < statics; i++) {
        pos += id + 1 + size(buf.get(pos + id), id);
      }
      int fields = buf.getShort(pos) & 0xffff;
      return pos + 2 + fields * (id + 1);
    }

    private static int size(byte type, int id) {
      return switch (type) {
        case 2 -> id;
        case 4, 8 -> 1;
        case 5, 9 -> 2;
        case 6, 10 -> 4;
        case 7, 11 -> 8;
        default -> throw new IllegalArgumentException("unknown HPROF basic type " + type);
      };
    }

    private void add(int start, int length, byte type) {
      if (n == types.length) {
        ranges = Arrays.copyOf(ranges, 2 * n);
        types = Arrays.copyOf(types, 2 * n);
      }
      ranges[n] = (long) start << 32 | length;
      types[n++] = type;
    }

    /** The element type of the array whose elements hold [at, at + length), or NONE. */
    byte typeOf(int at, int length) {
      int lo = 0;
      int hi = n - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int start = (int) (ranges[mid] >>> 32);
        if (start > at) {
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      if (hi < 0) {
        return NONE;
      }
      int start = (int) (ranges[hi] >>> 32);
      int len = (int) ranges[hi];
      return at + length <= start + len ? types[hi] : NONE;
    }
  }
}
