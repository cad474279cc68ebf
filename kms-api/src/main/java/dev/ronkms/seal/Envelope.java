package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
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
  public static final int MAX_KEY_REFERENCE = HeaderBytes.MAX_KEY_REFERENCE;
  private static final int FIXED_HEADER = 21;
  /** Algorithm codes: position from 1. */
  private static final Algorithm[] CODES = {Algorithm.AES_256_GCM, Algorithm.CHACHA20_POLY1305};
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
   * @param provider the provider
   * @param key the private key handle
   * @param keyReference the key reference
   * @param keyVersion the key version number
   * @param stampKind what the stamp means
   * @param stamp the anti-rollback stamp
   * @param plaintext the plaintext
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the envelope
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
   * @param provider the provider
   * @param key the private key handle
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the plaintext
   * @throws KmsException {@code TAMPERED} when authentication fails (another key, other
   *     associated data, any changed byte)
   */
  public byte[] open(SealingProvider provider, PrivateKeyHandle key, byte[] associatedData) {
    if (provider == null || key == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "provider, key and associated data are"
          + " required");
    }
    if (key.algorithm() != algorithm) {
      throw HeaderBytes.tampered();
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
   * @param sealed the sealed bytes
   * @return the envelope
   * @throws KmsException {@code TAMPERED} for anything that is not a well-formed version-1
   *     envelope: wrong magic or version, unknown algorithm or stamp kind, version 0, a key
   *     reference of bad length or UTF-8, a truncated header, or no room for a tag
   */
  public static Envelope parse(byte[] sealed) {
    if (sealed == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealed data is null");
    }
    if (sealed.length < FIXED_HEADER || !HeaderBytes.startsWith(sealed, MAGIC)
        || (sealed[4] & 0xff) != FORMAT_VERSION) {
      throw HeaderBytes.tampered();
    }
    Algorithm algorithm = HeaderBytes.algorithmOf(sealed[5] & 0xff, CODES);
    StampKind stampKind = StampKind.fromCode(sealed[6] & 0xff);
    long stamp = HeaderBytes.readLong(sealed, 7);
    int keyVersion = HeaderBytes.readInt(sealed, 15);
    int referenceLength = HeaderBytes.readShort(sealed, 19);
    if (algorithm == null || stampKind == null || keyVersion < 1 || referenceLength < 1
        || referenceLength > MAX_KEY_REFERENCE
        || (stampKind == StampKind.NONE && stamp != 0)) {
      throw HeaderBytes.tampered();
    }
    int headerLength = FIXED_HEADER + referenceLength + SealingProvider.NONCE_LENGTH;
    if (sealed.length < headerLength + SealingProvider.TAG_LENGTH) {
      throw HeaderBytes.tampered();
    }
    String reference = HeaderBytes.utf8(sealed, FIXED_HEADER, referenceLength);
    return new Envelope(sealed, Arrays.copyOf(sealed, headerLength), algorithm, stampKind, stamp,
        keyVersion, reference, headerLength);
  }

  /**
   * The AEAD algorithm the envelope was sealed with.
   *
   * @return the AEAD algorithm the envelope was sealed with
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * What {@link #stamp()} means.
   *
   * @return what {@link #stamp()} means
   */
  public StampKind stampKind() {
    return stampKind;
  }

  /**
   * The anti-rollback stamp (a counter or epoch milliseconds; 0 for none).
   *
   * @return the anti-rollback stamp (a counter or epoch milliseconds; 0 for none)
   */
  public long stamp() {
    return stamp;
  }

  /**
   * The sealing key's version.
   *
   * @return the sealing key's version
   */
  public int keyVersion() {
    return keyVersion;
  }

  /**
   * The sealing key's reference (for the engine: its key id without version).
   *
   * @return the sealing key's reference (for the engine: its key id without version)
   */
  public String keyReference() {
    return keyReference;
  }

  /**
   * The length of the ciphertext without the tag: the plaintext's length.
   *
   * @return the length of the ciphertext without the tag: the plaintext's length
   */
  public int plaintextLength() {
    return bytes.length - headerLength - SealingProvider.TAG_LENGTH;
  }

  /**
   * The envelope's bytes (a copy).
   *
   * @return the envelope's bytes (a copy)
   */
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
    HeaderBytes.checkStamp(stampKind, stamp);
    int algorithmCode = HeaderBytes.codeOf(algorithm, CODES, "an AEAD algorithm");
    byte[] reference = HeaderBytes.referenceBytes(keyReference);
    byte[] h = new byte[FIXED_HEADER + reference.length + nonce.length];
    System.arraycopy(MAGIC, 0, h, 0, 4);
    h[4] = (byte) FORMAT_VERSION;
    h[5] = (byte) algorithmCode;
    h[6] = (byte) stampKind.code();
    HeaderBytes.writeLong(h, 7, stamp);
    HeaderBytes.writeInt(h, 15, keyVersion);
    HeaderBytes.writeShort(h, 19, reference.length);
    System.arraycopy(reference, 0, h, FIXED_HEADER, reference.length);
    System.arraycopy(nonce, 0, h, FIXED_HEADER + reference.length, nonce.length);
    return h;
  }
}
