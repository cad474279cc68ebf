package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte-level pieces both envelope formats share ({@link Envelope}, docs/API.md "Envelope
 * format"; {@link KemEnvelope}, docs/API.md "KEM envelope format"): big-endian integers, the
 * magic check, one-byte algorithm codes, the key reference (strict UTF-8, 1..1024 bytes), the
 * stamp rule, and the one {@code TAMPERED} refusal. The layouts themselves (which field at which
 * offset) stay in the format classes.
 *
 * <p>Stateless: every method reads only its arguments.
 */
final class HeaderBytes {
  /** The longest key reference, in UTF-8 bytes, in both formats. */
  static final int MAX_KEY_REFERENCE = 1024;

  private HeaderBytes() {}

  /** True when {@code data} starts with {@code magic}. */
  static boolean startsWith(byte[] data, byte[] magic) {
    return data != null && data.length >= magic.length
        && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
  }

  /**
   * The code of {@code algorithm}: its position in {@code codes}, from 1.
   *
   * @param family what the format takes, for the message ("an AEAD algorithm")
   * @throws KmsException {@code UNSUPPORTED_ALGORITHM} when {@code codes} lacks it
   */
  static int codeOf(Algorithm algorithm, Algorithm[] codes, String family) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] == algorithm) {
        return i + 1;
      }
    }
    throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, algorithm.id() + " is not "
        + family);
  }

  /** The algorithm of code {@code code} in {@code codes} (from 1), or null. */
  static Algorithm algorithmOf(int code, Algorithm[] codes) {
    return code >= 1 && code <= codes.length ? codes[code - 1] : null;
  }

  /** @throws KmsException {@code INVALID_ARGUMENT} for a nonzero stamp of kind none */
  static void checkStamp(StampKind stampKind, long stamp) {
    if (stampKind == StampKind.NONE && stamp != 0) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a NONE stamp is 0");
    }
  }

  /**
   * The UTF-8 bytes of a non-null key reference.
   *
   * @throws KmsException {@code INVALID_ARGUMENT} unless they are 1..1024 bytes
   */
  static byte[] referenceBytes(String keyReference) {
    byte[] reference = keyReference.getBytes(StandardCharsets.UTF_8);
    if (reference.length < 1 || reference.length > MAX_KEY_REFERENCE) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a key reference is 1.."
          + MAX_KEY_REFERENCE + " UTF-8 bytes");
    }
    return reference;
  }

  /**
   * Strict UTF-8 of {@code length} bytes at {@code offset}.
   *
   * @throws KmsException {@code TAMPERED} for malformed UTF-8
   */
  static String utf8(byte[] b, int offset, int length) {
    boolean ascii = true;
    for (int i = offset; i < offset + length && ascii; i++) {
      ascii = b[i] >= 0;
    }
    if (ascii) { // the common case, and ASCII is valid UTF-8: no decoder to allocate
      return new String(b, offset, length, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw tampered();
    }
  }

  /** The refusal for anything that does not authenticate or is not well-formed. */
  static KmsException tampered() {
    return new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication");
  }

  static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  /** An unsigned 16-bit value. */
  static int readShort(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  static void writeLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  /** The low 16 bits of {@code v}. */
  static void writeShort(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }
}
