package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The sealed envelope, format version 1: a self-describing header, then the AEAD ciphertext and
 * tag. The whole header (magic to nonce) is authenticated as associated data ahead of the
 * caller's associated data, so a flipped bit anywhere fails authentication. docs/API.md
 * ("Envelope format") gives the layout byte by byte:
 *
 * <pre>
 *  0   4  magic "RKSE"
 *  4   1  format version (1)
 *  5   1  algorithm (1 = AES-256-GCM, 2 = ChaCha20-Poly1305)
 *  6   1  stamp kind (0 none, 1 counter, 2 epoch milliseconds)
 *  7   8  stamp, unsigned big-endian
 * 15   4  key version, big-endian, from 1
 * 19   2  key reference length L, big-endian, 1..1024
 * 21   L  key reference, UTF-8 (the sealing key's id without version)
 * 21+L 12 nonce (random)
 * 33+L    ciphertext, then the 16-byte tag
 * </pre>
 *
 * <p>Guarantees: {@link #parse} accepts only a well-formed version-1 envelope and throws
 * {@code TAMPERED} for anything else, whatever the bytes; an instance holds no plaintext and no
 * key. The header is copied when it is parsed, and every field and the authenticated header come
 * from that copy; the ciphertext is not copied (a 1 KiB copy costs a third of an AES-GCM open):
 * it is read from the array given to {@link #parse} when {@link #open} runs, so that array must
 * not change in between (a change can only make the open fail, or, by a writer racing the
 * decryption inside this process, corrupt the caller's own plaintext). Arrays handed out are
 * copies.
 */
public final class Envelope {
  /** Bytes 0..3 of every envelope: ASCII "RKSE". */
  private static final byte[] MAGIC = {'R', 'K', 'S', 'E'};
  /** The only format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** The longest key reference, in UTF-8 bytes. */
  public static final int MAX_KEY_REFERENCE = 1024;
  private static final int FIXED_HEADER = 21;
  private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(
      SecureRandom::new);

  private final byte[] bytes; // the caller's array: read, never written
  private final byte[] header; // the parsed header, copied
  private final Algorithm algorithm;
  private final StampKind stampKind;
  private final long stamp;
  private final int keyVersion;
  private final String keyReference;
  private final int headerLength;

  private Envelope(byte[] bytes, byte[] header, Algorithm algorithm, StampKind stampKind, long stamp,
      int keyVersion, String keyReference, int headerLength) {
    this.bytes = bytes;
    this.header = header;
    this.algorithm = algorithm;
    this.stampKind = stampKind;
    this.stamp = stamp;
    this.keyVersion = keyVersion;
    this.keyReference = keyReference;
    this.headerLength = headerLength;
  }

  /**
   * Seals {@code plaintext} with {@code key} of {@code provider}: a fresh random nonce, the
   * header of the other arguments, and {@code associatedData} authenticated after the header.
   *
   * @throws KmsException {@code INVALID_ARGUMENT} for a bad reference, version or null input;
   *     what the provider throws
   */
  public static byte[] seal(SealingProvider provider, PrivateKeyHandle key, String keyReference,
      int keyVersion, StampKind stampKind, long stamp, byte[] plaintext,
      byte[] associatedData) {
    if (provider == null || key == null || plaintext == null || associatedData == null
        || stampKind == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "provider, key, plaintext, associated"
          + " data and stamp kind are required");
    }
    byte[] nonce = new byte[SealingProvider.NONCE_LENGTH];
    NONCES.get().nextBytes(nonce);
    byte[] header = header(key.algorithm(), stampKind, stamp, keyVersion, keyReference, nonce);
    byte[] out = Arrays.copyOf(header,
        header.length + plaintext.length + SealingProvider.TAG_LENGTH);
    provider.encrypt(key, nonce, new byte[][] {header, associatedData}, plaintext, out,
        header.length);
    return out;
  }

  /**
   * Opens this envelope with {@code key} of {@code provider}, which the caller chose by
   * {@link #keyReference()} and {@link #keyVersion()}.
   *
   * @throws KmsException {@code TAMPERED} when authentication fails (another key, other
   *     associated data, any changed byte)
   */
  public byte[] open(SealingProvider provider, PrivateKeyHandle key, byte[] associatedData) {
    if (provider == null || key == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "provider, key and associated data are"
          + " required");
    }
    if (key.algorithm() != algorithm) {
      throw tampered();
    }
    // header ‖ associated data as one part: the same AEAD input as two parts, one array less
    byte[] aad = Arrays.copyOf(header, headerLength + associatedData.length);
    System.arraycopy(associatedData, 0, aad, headerLength, associatedData.length);
    byte[] nonce = Arrays.copyOfRange(header, headerLength - SealingProvider.NONCE_LENGTH,
        headerLength);
    return provider.decrypt(key, nonce, new byte[][] {aad}, bytes, headerLength,
        bytes.length - headerLength);
  }

  /**
   * Parses an envelope's header. The ciphertext is not authenticated here: {@link #open} does
   * that.
   *
   * @throws KmsException {@code TAMPERED} for anything that is not a well-formed version-1
   *     envelope: wrong magic or version, unknown algorithm or stamp kind, version 0, a key
   *     reference of bad length or UTF-8, a truncated header, or no room for a tag
   */
  public static Envelope parse(byte[] sealed) {
    if (sealed == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealed data is null");
    }
    if (sealed.length < FIXED_HEADER || !Arrays.equals(sealed, 0, 4, MAGIC, 0, 4)
        || (sealed[4] & 0xff) != FORMAT_VERSION) {
      throw tampered();
    }
    Algorithm algorithm = algorithmOf(sealed[5] & 0xff);
    StampKind stampKind = StampKind.fromCode(sealed[6] & 0xff);
    long stamp = readLong(sealed, 7);
    int keyVersion = readInt(sealed, 15);
    int referenceLength = ((sealed[19] & 0xff) << 8) | (sealed[20] & 0xff);
    if (algorithm == null || stampKind == null || keyVersion < 1 || referenceLength < 1
        || referenceLength > MAX_KEY_REFERENCE
        || (stampKind == StampKind.NONE && stamp != 0)) {
      throw tampered();
    }
    int headerLength = FIXED_HEADER + referenceLength + SealingProvider.NONCE_LENGTH;
    if (sealed.length < headerLength + SealingProvider.TAG_LENGTH) {
      throw tampered();
    }
    String reference = utf8(sealed, FIXED_HEADER, referenceLength);
    return new Envelope(sealed, Arrays.copyOf(sealed, headerLength), algorithm, stampKind, stamp,
        keyVersion, reference, headerLength);
  }

  /** The AEAD algorithm the envelope was sealed with. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** What {@link #stamp()} means. */
  public StampKind stampKind() {
    return stampKind;
  }

  /** The anti-rollback stamp (a counter or epoch milliseconds; 0 for none). */
  public long stamp() {
    return stamp;
  }

  /** The sealing key's version. */
  public int keyVersion() {
    return keyVersion;
  }

  /** The sealing key's reference (for the engine: its key id without version). */
  public String keyReference() {
    return keyReference;
  }

  /** The length of the ciphertext without the tag: the plaintext's length. */
  public int plaintextLength() {
    return bytes.length - headerLength - SealingProvider.TAG_LENGTH;
  }

  /** The envelope's bytes (a copy). */
  public byte[] toByteArray() {
    byte[] out = Arrays.copyOf(header, bytes.length);
    System.arraycopy(bytes, headerLength, out, headerLength, bytes.length - headerLength);
    return out;
  }

  @Override
  public String toString() {
    return "Envelope[" + algorithm.id() + ", " + keyReference + "/v" + keyVersion + ", "
        + stampKind + " " + stamp + ", " + plaintextLength() + " bytes]";
  }

  /** The header bytes of an envelope, nonce included. */
  static byte[] header(Algorithm algorithm, StampKind stampKind, long stamp, int keyVersion,
      String keyReference, byte[] nonce) {
    if (keyReference == null || keyVersion < 1) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "key reference and a version from 1"
          + " are required");
    }
    if (stampKind == StampKind.NONE && stamp != 0) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a NONE stamp is 0");
    }
    byte[] reference = keyReference.getBytes(StandardCharsets.UTF_8);
    int algorithmCode = codeOf(algorithm);
    if (reference.length < 1 || reference.length > MAX_KEY_REFERENCE) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a key reference is 1.."
          + MAX_KEY_REFERENCE + " UTF-8 bytes");
    }
    byte[] h = new byte[FIXED_HEADER + reference.length + nonce.length];
    System.arraycopy(MAGIC, 0, h, 0, 4);
    h[4] = (byte) FORMAT_VERSION;
    h[5] = (byte) algorithmCode;
    h[6] = (byte) stampKind.code();
    writeLong(h, 7, stamp);
    writeInt(h, 15, keyVersion);
    h[19] = (byte) (reference.length >>> 8);
    h[20] = (byte) reference.length;
    System.arraycopy(reference, 0, h, FIXED_HEADER, reference.length);
    System.arraycopy(nonce, 0, h, FIXED_HEADER + reference.length, nonce.length);
    return h;
  }

  private static int codeOf(Algorithm algorithm) {
    switch (algorithm) {
      case AES_256_GCM:
        return 1;
      case CHACHA20_POLY1305:
        return 2;
      default:
        throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, algorithm.id()
            + " is not an AEAD algorithm");
    }
  }

  private static Algorithm algorithmOf(int code) {
    switch (code) {
      case 1:
        return Algorithm.AES_256_GCM;
      case 2:
        return Algorithm.CHACHA20_POLY1305;
      default:
        return null;
    }
  }

  private static String utf8(byte[] b, int offset, int length) {
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
          .decode(java.nio.ByteBuffer.wrap(b, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw tampered();
    }
  }

  private static KmsException tampered() {
    return new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication");
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  private static void writeLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
