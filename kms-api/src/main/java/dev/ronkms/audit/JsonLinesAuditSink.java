package dev.ronkms.audit;

import dev.ronkms.events.OperationEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link AuditSink} appending one JSON object per line to a file (JSON Lines, UTF-8, each
 * line ending in {@code \n}); the exact line format is {@link #toJson(OperationEvent)}'s.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Append-only: the file is opened with {@code O_APPEND} and never truncated or rewritten.
 *       A file created by the sink has mode 0600 on a POSIX file system; an existing file keeps
 *       its mode. When an existing file does not end with a newline (a line cut short by a
 *       crash), the sink first ends that line, so the cut line stays alone and every new line
 *       is whole.</li>
 *   <li>Thread-safe: each event is written by one {@code write} under a lock, so events from
 *       concurrent operations are all written, whole and never interleaved, in the order the
 *       sink received them.</li>
 *   <li>Written per event: {@link #onOperation} returns after the line was handed to the
 *       operating system (no buffer in the JVM), so a crash of the process loses no recorded
 *       event. With {@link Builder#durable(boolean) durable(true)} it also returns only after
 *       {@link FileChannel#force(boolean)}: the line is on the device, so a power loss loses none
 *       either (at the cost of one device flush per operation).</li>
 *   <li>A write that fails (a full disk, a closed sink) throws {@link UncheckedIOException} or
 *       {@link IllegalStateException}: fail-closed (the default), the operation's caller gets
 *       {@code AUDIT_FAILED}; fail-open ({@link Builder#failClosed(boolean) failClosed(false)}),
 *       the failure is ignored.</li>
 *   <li>A line never holds a secret, a message, a plaintext, a signature or an envelope: only
 *       what the {@link OperationEvent} carries.</li>
 * </ul>
 */
public final class JsonLinesAuditSink implements AuditSink {
  private final Path file;
  private final FileChannel channel;
  private final boolean failClosed;
  private final boolean durable;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private JsonLinesAuditSink(Path file, FileChannel channel, boolean failClosed,
      boolean durable) {
    this.file = file;
    this.channel = channel;
    this.failClosed = failClosed;
    this.durable = durable;
  }

  /**
   * A fail-closed, not {@code durable} sink appending to {@code file} (created with mode 0600
   * when missing).
   *
   * @param file the audit file, created when missing
   * @return the open sink
   * @throws IOException when the file cannot be opened or created for appending
   */
  public static JsonLinesAuditSink open(Path file) throws IOException {
    return builder(file).open();
  }

  /**
   * A builder for a sink appending to {@code file}.
   *
   * @param file the audit file, created when missing
   * @return a builder with the defaults (fail-closed, not durable)
   */
  public static Builder builder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /** Options of a {@link JsonLinesAuditSink}. */
  public static final class Builder {
    private final Path file;
    private boolean failClosed = true;
    private boolean durable;

    private Builder(Path file) {
      this.file = file;
    }

    /**
     * Whether a failed write fails the operation ({@code AUDIT_FAILED}); true by default.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder failClosed(boolean value) {
      this.failClosed = value;
      return this;
    }

    /**
     * Whether each event is forced to the device before the operation returns; false by default.
     *
     * @param value the setting
     * @return this builder
     */
    public Builder durable(boolean value) {
      this.durable = value;
      return this;
    }

    /**
     * Opens (or creates) the file for appending.
     *
     * @return the open sink
     * @throws IOException when it cannot be opened or created
     */
    public JsonLinesAuditSink open() throws IOException {
      boolean endsCut = endsWithoutNewline(file);
      Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      FileChannel channel;
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        FileAttribute<?> owner = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
        channel = FileChannel.open(file, options, owner);
      } else {
        channel = FileChannel.open(file, options);
      }
      JsonLinesAuditSink sink = new JsonLinesAuditSink(file, channel, failClosed, durable);
      if (endsCut) {
        try {
          sink.write(new byte[] {'\n'});
        } catch (IOException e) {
          channel.close();
          throw e;
        }
      }
      return sink;
    }
  }

  /** True when {@code file} is a non-empty regular file whose last byte is not a newline. */
  private static boolean endsWithoutNewline(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      in.read(last, size - 1);
      return last.get(0) != '\n';
    }
  }

  /**
   * Appends {@code event} as one line.
   *
   * @throws UncheckedIOException when the line could not be written (or forced)
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public void onOperation(OperationEvent event) {
    byte[] line = (toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      write(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit file " + file, e);
    }
  }

  private void write(byte[] bytes) throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the audit sink on " + file + " is closed");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (durable) {
        channel.force(false);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean failClosed() {
    return failClosed;
  }

  /**
   * Whether each event is forced to the device before {@link #onOperation} returns.
   *
   * @return true when a failed write fails the operation
   */
  public boolean durable() {
    return durable;
  }

  /**
   * The file this sink appends to.
   *
   * @return true when each event is forced to the device
   */
  public Path file() {
    return file;
  }

  /** Closes the file; later events fail ({@link IllegalStateException}). Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the audit file " + file, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "JsonLinesAuditSink[" + file + (failClosed ? ", fail-closed" : ", fail-open")
        + (durable ? ", durable" : "") + "]";
  }

  /**
   * The audit line of {@code event}, without its newline: one compact JSON object with exactly
   * these members, in this order, {@code null} where the event has no value:
   * {@code time} (ISO-8601 UTC, {@link java.time.Instant#toString()}), {@code op}
   * ({@link dev.ronkms.events.Operation#label()}), {@code alg} (the algorithm id),
   * {@code keyId} (the key id without its version), {@code version} (a number),
   * {@code outcome} ({@code SUCCESS}, {@code NEGATIVE} or {@code FAILURE}), {@code error} (the
   * {@link dev.ronkms.ErrorCode} name), {@code provider}, {@code durationMicros} (a number) and
   * {@code batchLength} (a number, 0 for anything but a batch).
   *
   * @param event the operation to record
   * @return one JSON object, without a newline
   */
  public static String toJson(OperationEvent event) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"time\":");
    string(out, event.time().toString());
    out.append(",\"op\":");
    string(out, event.operation().label());
    out.append(",\"alg\":");
    string(out, event.algorithm() == null ? null : event.algorithm().id());
    out.append(",\"keyId\":");
    string(out, event.keyId() == null ? null : event.keyId().unversioned().format());
    out.append(",\"version\":");
    out.append(event.keyId() == null || !event.keyId().hasVersion() ? "null"
        : Integer.toString(event.keyId().version()));
    out.append(",\"outcome\":");
    string(out, event.outcome().name());
    out.append(",\"error\":");
    string(out, event.error() == null ? null : event.error().code());
    out.append(",\"provider\":");
    string(out, event.provider());
    out.append(",\"durationMicros\":").append(event.nanos() / 1_000);
    out.append(",\"batchLength\":").append(event.batchLength());
    return out.append('}').toString();
  }

  /** A JSON string (or null): quote, backslash and control characters escaped. */
  private static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
