package dev.ronkms.filestore;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The associated data of every envelope a file store writes: a purpose label, the store id, a
 * name (key id, context or key reference) and numbers, each field length-prefixed so no two
 * different tuples give the same bytes. Binding the store id means an envelope copied from
 * another store does not open; binding the name means a file renamed to another key does not.
 */
final class Aad {
  /** Data key of a record file: store id, key id, incarnation. */
  static final String DATA_KEY = "ron-kms/file-store/data-key";
  /** Record envelope: store id, key id, incarnation, revision. */
  static final String RECORD = "ron-kms/file-store/record";
  /** Header check: store id, the reference of the key that sealed it. */
  static final String CHECK = "ron-kms/file-store/check";
  /** Counter file: store id, the context's hex digest. */
  static final String COUNTER = "ron-kms/file-store/counter";

  private Aad() {}

  static byte[] of(String purpose, byte[] storeId, String name, long... numbers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(96);
    field(out, purpose.getBytes(StandardCharsets.UTF_8));
    field(out, storeId);
    field(out, name.getBytes(StandardCharsets.UTF_8));
    for (long n : numbers) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (n >>> shift));
      }
    }
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }
}
