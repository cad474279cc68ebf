package dev.ronkms.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Writes the record format field by field, so a test can break any one field. */
final class RecordWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  RecordWriter i(int v) {
    return write(() -> out.writeInt(v));
  }

  RecordWriter l(long v) {
    return write(() -> out.writeLong(v));
  }

  RecordWriter b(int v) {
    return write(() -> out.writeByte(v));
  }

  RecordWriter utf(String s) {
    return write(() -> out.writeUTF(s));
  }

  RecordWriter blob(byte[] b) {
    return write(() -> {
      out.writeInt(b.length);
      out.write(b);
    });
  }

  /** A version with no private key, created at the epoch. */
  RecordWriter version(int number, int state, byte[] publicKey) {
    return i(number).b(state).l(0).i(0).blob(publicKey).i(0);
  }

  byte[] done() {
    return bytes.toByteArray();
  }

  private interface Io {
    void run() throws IOException;
  }

  private RecordWriter write(Io io) {
    try {
      io.run();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return this;
  }
}
