package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The store header, {@code DIR/store}: which store this is, and proof of the store key.
 *
 * <pre>
 *  0   4  magic "RKFS"
 *  4   1  format (1)
 *  5  16  store id (random, bound into every envelope of the store)
 * 21   1  state: 0 settled, 1 a store-key rotation is in progress
 * 22   1  n, the number of checks (1..8)
 *     n × { 2-byte length, the sealing key's reference (UTF-8);
 *           4-byte length, the check: the store id sealed under that key }
 *    32  SHA-256 of all the bytes above
 * </pre>
 *
 * A settled header holds one check, under the key everything is sealed with; during a rotation
 * it holds one check per key in use, and the store opens only with keys that open every check.
 * The trailing digest tells an accidentally damaged header ({@code CORRUPT_RECORD}) from one
 * sealed under another key ({@code STORE_KEY_MISMATCH}).
 *
 * <p>Guarantees: {@link #parse} accepts only what {@link #toByteArray} writes and throws
 * {@code CORRUPT_RECORD} for anything else; immutable.
 */
final class StoreHeader {
  private static final byte[] MAGIC = {'R', 'K', 'F', 'S'};
  private static final int FORMAT = 1;
  private static final int ID_LENGTH = 16;
  private static final int MAX_CHECKS = 8;
  private static final int DIGEST_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One proof that a key seals this store: the key's reference and the sealed store id. */
  record Check(String reference, byte[] sealedStoreId) {}

  private final byte[] storeId;
  private final boolean rotating;
  private final List<Check> checks;

  private StoreHeader(byte[] storeId, boolean rotating, List<Check> checks) {
    this.storeId = storeId;
    this.rotating = rotating;
    this.checks = List.copyOf(checks);
  }

  /** A new store's header: a random store id, settled on {@code keys}' sealing key. */
  static StoreHeader create(StoreKeyChain keys) {
    byte[] id = new byte[ID_LENGTH];
    RANDOM.nextBytes(id);
    return new StoreHeader(id, false, List.of(check(id, keys)));
  }

  /** The store id (a copy). */
  byte[] storeId() {
    return storeId.clone();
  }

  /** True while a store-key rotation is in progress. */
  boolean rotating() {
    return rotating;
  }

  /** True when a check under the key named {@code reference} is present. */
  boolean lists(String reference) {
    return checks.stream().anyMatch(c -> c.reference().equals(reference));
  }

  /**
   * Checks that {@code keys} open every check.
   *
   * @throws KmsException {@code STORE_KEY_MISMATCH} when one does not open
   */
  void verify(StoreKeyChain keys, Object where) {
    for (Check c : checks) {
      byte[] opened;
      try {
        opened = keys.open(c.sealedStoreId(), Aad.of(Aad.CHECK, storeId, c.reference()));
      } catch (KmsException e) {
        if (!StoreKeyChain.notOpenedBy(e.code())) {
          throw e;
        }
        throw mismatch(keys, c, where);
      }
      if (!Arrays.equals(opened, storeId)) {
        throw mismatch(keys, c, where);
      }
    }
  }

  /** This header with a check under {@code keys}' sealing key added, marked rotating. */
  StoreHeader rotatingTo(StoreKeyChain keys) {
    List<Check> next = new ArrayList<>(checks);
    next.removeIf(c -> c.reference().equals(keys.reference()));
    next.add(check(storeId, keys));
    if (next.size() > MAX_CHECKS) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "more than " + MAX_CHECKS
          + " store keys are in use; finish the rotation with rotateStoreKey first");
    }
    return new StoreHeader(storeId, true, next);
  }

  /** This store's header settled on {@code keys}' sealing key alone. */
  StoreHeader settledOn(StoreKeyChain keys) {
    return new StoreHeader(storeId, false, List.of(check(storeId, keys)));
  }

  byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(MAGIC);
    out.write(FORMAT);
    out.writeBytes(storeId);
    out.write(rotating ? 1 : 0);
    out.write(checks.size());
    for (Check c : checks) {
      byte[] ref = c.reference().getBytes(StandardCharsets.UTF_8);
      out.write(ref.length >>> 8);
      out.write(ref.length);
      out.writeBytes(ref);
      ByteBuffer length = ByteBuffer.allocate(4).putInt(c.sealedStoreId().length);
      out.writeBytes(length.array());
      out.writeBytes(c.sealedStoreId());
    }
    out.writeBytes(sha256(out.toByteArray()));
    return out.toByteArray();
  }

  /**
   * Parses a header.
   *
   * @throws KmsException {@code CORRUPT_RECORD} for anything {@link #toByteArray} does not write
   */
  static StoreHeader parse(byte[] bytes) {
    if (bytes == null || bytes.length < DIGEST_LENGTH + MAGIC.length) {
      throw corrupt("missing or truncated");
    }
    int body = bytes.length - DIGEST_LENGTH;
    if (!Arrays.equals(sha256(Arrays.copyOf(bytes, body)),
        Arrays.copyOfRange(bytes, body, bytes.length))) {
      throw corrupt("damaged (its digest does not match)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC) || (in.get() & 0xff) != FORMAT) {
        throw corrupt("not a file store header of format " + FORMAT);
      }
      byte[] id = new byte[ID_LENGTH];
      in.get(id);
      int state = in.get() & 0xff;
      int count = in.get() & 0xff;
      if (state > 1 || count < 1 || count > MAX_CHECKS || (state == 0 && count != 1)) {
        throw corrupt("bad state or number of checks");
      }
      List<Check> checks = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] ref = new byte[in.getShort() & 0xffff];
        in.get(ref);
        int length = in.getInt();
        if (length < 1 || length > in.remaining()) {
          throw corrupt("a check has a bad length");
        }
        byte[] sealed = new byte[length];
        in.get(sealed);
        checks.add(new Check(new String(ref, StandardCharsets.UTF_8), sealed));
      }
      if (in.hasRemaining()) {
        throw corrupt("trailing bytes");
      }
      return new StoreHeader(id, state == 1, checks);
    } catch (BufferUnderflowException e) {
      throw corrupt("truncated");
    }
  }

  @Override
  public String toString() {
    return "StoreHeader[" + (rotating ? "rotating, " : "") + "keys "
        + checks.stream().map(c -> printable(c.reference())).collect(Collectors.joining(", "))
        + "]";
  }

  private static Check check(byte[] storeId, StoreKeyChain keys) {
    String reference = keys.reference();
    return new Check(reference, keys.seal(storeId, Aad.of(Aad.CHECK, storeId, reference)));
  }

  private KmsException mismatch(StoreKeyChain keys, Check c, Object where) {
    String sealedUnder = checks.stream().map(x -> printable(x.reference()))
        .collect(Collectors.joining(" and "));
    String hint = rotating ? "; a store-key rotation is in progress: open the store with every"
        + " key it lists and run rotateStoreKey again to finish it" : "";
    return new KmsException(ErrorCode.STORE_KEY_MISMATCH, "the file store " + where
        + " is sealed under " + sealedUnder + "; the given store key (" + keys.reference()
        + ") does not open the check of " + printable(c.reference()) + "; nothing was changed"
        + hint);
  }

  /** A reference read from disk, safe for a message: printable ASCII, at most 80 characters. */
  private static String printable(String reference) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < reference.length() && i < 80; i++) {
      char ch = reference.charAt(i);
      out.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
    }
    return out.toString();
  }

  private static KmsException corrupt(String why) {
    return new KmsException(ErrorCode.CORRUPT_RECORD, "file store header: " + why);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "SHA-256 is missing from the JDK", e);
    }
  }
}
