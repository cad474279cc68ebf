package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Public keys as raw bytes or as X.509 SubjectPublicKeyInfo (RFC 5280; RFC 8410 for Ed25519):
 * {@code SEQUENCE { SEQUENCE { OID }, BIT STRING { 0x00, key } }} with no algorithm parameters,
 * in DER.
 *
 * <p>Guarantees: {@link #toRaw} accepts exactly the algorithm's raw length or the one DER
 * encoding of a SubjectPublicKeyInfo with the algorithm's OID (anything else, including BER
 * variants, other OIDs, parameters or trailing bytes, is {@code MALFORMED_KEY}); it checks
 * lengths only, the engine checks the key itself. Stateless and thread-safe.
 */
public final class PublicKeyEncoding {
  private PublicKeyEncoding() {}

  /**
   * The raw key inside {@code encoded}, which is either raw already or a SubjectPublicKeyInfo.
   *
   * @param algorithm the algorithm
   * @param encoded the encoded bytes
   * @return the raw key inside {@code encoded}, which is either raw already or a
   *     SubjectPublicKeyInfo
   * @throws KmsException {@code MALFORMED_KEY} for anything else, {@code UNSUPPORTED_OPERATION}
   *     for an algorithm without public keys
   */
  public static byte[] toRaw(Algorithm algorithm, byte[] encoded) {
    requirePublicKeys(algorithm);
    if (encoded == null) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "public key is null");
    }
    int n = algorithm.publicKeyLength();
    if (encoded.length == n) {
      return encoded.clone();
    }
    byte[] prefix = spkiPrefix(algorithm);
    if (encoded.length == prefix.length + n
        && Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
      return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }
    throw new KmsException(ErrorCode.MALFORMED_KEY, "an " + algorithm.id() + " public key is "
        + n + " raw bytes or a " + (prefix.length + n) + "-byte DER SubjectPublicKeyInfo, got "
        + encoded.length + " bytes");
  }

  /**
   * The DER SubjectPublicKeyInfo of a raw key of the algorithm's length.
   *
   * @param algorithm the algorithm
   * @param raw the raw public key
   * @return the DER SubjectPublicKeyInfo of a raw key of the algorithm's length
   */
  public static byte[] toSpki(Algorithm algorithm, byte[] raw) {
    requirePublicKeys(algorithm);
    if (raw == null || raw.length != algorithm.publicKeyLength()) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an " + algorithm.id() + " public key is "
          + algorithm.publicKeyLength() + " bytes");
    }
    byte[] prefix = spkiPrefix(algorithm);
    byte[] out = Arrays.copyOf(prefix, prefix.length + raw.length);
    System.arraycopy(raw, 0, out, prefix.length, raw.length);
    return out;
  }

  /**
   * Refuses an algorithm without public keys (AEAD).
   *
   * @param algorithm the algorithm
   * @throws KmsException {@code UNSUPPORTED_OPERATION} for an AEAD algorithm
   */
  public static void requirePublicKeys(Algorithm algorithm) {
    if (algorithm.kind() == Algorithm.Kind.AEAD) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, algorithm.id()
          + " keys are secret keys and have no public key");
    }
  }

  /** Everything of the DER encoding that comes before the raw key. */
  static byte[] spkiPrefix(Algorithm algorithm) {
    byte[] oid = oidContents(algorithm.oid());
    byte[] algorithmId = tlv(0x30, tlv(0x06, oid));
    int bitStringLength = 1 + algorithm.publicKeyLength();
    ByteArrayOutputStream bitStringHeader = new ByteArrayOutputStream();
    bitStringHeader.write(0x03);
    writeLength(bitStringHeader, bitStringLength);
    bitStringHeader.write(0x00); // no unused bits
    int contentLength = algorithmId.length + bitStringHeader.size() + algorithm.publicKeyLength();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, contentLength);
    out.writeBytes(algorithmId);
    out.writeBytes(bitStringHeader.toByteArray());
    return out.toByteArray();
  }

  private static byte[] oidContents(int[] arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeBase128(out, 40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, arcs[i]);
    }
    return out.toByteArray();
  }

  private static void writeBase128(ByteArrayOutputStream out, int value) {
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write(0x80 | ((value >>> shift) & 0x7f));
    }
    out.write(value & 0x7f);
  }

  private static byte[] tlv(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    writeLength(out, contents.length);
    out.writeBytes(contents);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >>> 8);
      out.write(length & 0xff);
    }
  }
}
