package dev.ronkms.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SealingProvider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The KEM envelope, format version 1: a secret sealed to an ML-KEM public key. A fresh ML-KEM
 * encapsulation to the recipient's encapsulation key gives a 32-byte shared secret; HKDF-SHA256
 * turns it into a one-envelope AES-256-GCM data key bound to the whole header and the
 * recipient's encapsulation key; the header is authenticated as associated data ahead of the
 * caller's, exactly as in the AEAD {@link Envelope}. Integers are big-endian; L is the length
 * of the key reference, C the KEM ciphertext length of the algorithm (768, 1088 or 1568 bytes):
 *
 * <pre>
 *  offset      len  field
 *  0           4    magic "RKSK" (52 4b 53 4b)
 *  4           1    format version (1)
 *  5           1    KEM algorithm (1 = ML-KEM-512, 2 = ML-KEM-768, 3 = ML-KEM-1024)
 *  6           1    AEAD algorithm (1 = AES-256-GCM; nothing else)
 *  7           1    stamp kind (0 none, 1 counter, 2 epoch milliseconds)
 *  8           8    stamp, unsigned (0 when the kind is none)
 *  16          4    key version: 1..2^31-1 for a key-id reference, 0 for a fingerprint
 *  20          2    key reference length L, 1..1024
 *  22          L    key reference, strict UTF-8: the recipient's key id without version, or
 *                   "sha256:" + 64 lowercase hex digits of SHA-256(encapsulation key)
 *  22+L        C    ML-KEM ciphertext
 *  22+L+C      12   nonce (random)
 *  34+L+C      n    AES-256-GCM ciphertext (n = plaintext length, 0 allowed)
 *  34+L+C+n    16   tag
 * </pre>
 *
 * An envelope is 50 + L + C + n bytes. The header is bytes 0 to 34+L+C (nonce included).
 * docs/API.md ("KEM envelope format") gives the same layout.
 *
 * <p><b>Key derivation</b> (RFC 5869 HKDF with HMAC-SHA256, one block; {@code KemDataKey}):
 * <pre>
 *  PRK  = HMAC-SHA256(key = 32 zero bytes (salt not provided), ML-KEM shared secret)
 *  info = ASCII "ron-kms kem seal v1" (19 bytes) || SHA-256(header || encapsulation key)
 *  key  = HMAC-SHA256(PRK, info || 0x01)           (32 bytes, the AES-256-GCM key)
 *  out  = AES-256-GCM(key, nonce, aad = header || caller's associated data, plaintext)
 * </pre>
 * The shared secret, PRK and data key are zeroised after use (the JDK's {@code SecretKeySpec}
 * and cipher keep copies the library cannot clear; docs/SECURITY.md, "Copies of sealing keys in
 * the heap").
 *
 * <p><b>Parsing</b> ({@link #parse}) accepts exactly the layout above and throws
 * {@code TAMPERED} for everything else, whatever the bytes: another magic or format version, an
 * unknown KEM or AEAD code or stamp kind, a nonzero stamp of kind none, a reference length of
 * 0 or above 1024, a reference that is not strict UTF-8, version 0 with a reference that is not
 * a fingerprint or a fingerprint with a version other than 0, fewer bytes than header plus tag.
 * The ML-KEM ciphertext itself cannot be checked before decapsulation (FIPS 203 implicit
 * rejection); a changed ciphertext gives another secret, so the tag fails.
 *
 * <p>Guarantees: an instance holds no plaintext and no key; the header is copied when parsed and
 * every field comes from that copy; the AEAD ciphertext is read from the array given to
 * {@link #parse} when {@link #open} runs (it must not change in between). Arrays handed out are
 * copies. Thread-safe (the per-thread digests and ciphers are never shared).
 */
public final class KemEnvelope {
  private static final byte[] MAGIC = {'R', 'K', 'S', 'K'};
  /** The only format version this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  /** The longest key reference, in UTF-8 bytes. */
  public static final int MAX_KEY_REFERENCE = HeaderBytes.MAX_KEY_REFERENCE;
  /** The prefix of a fingerprint key reference. */
  public static final String FINGERPRINT_PREFIX = "sha256:";
  /** KEM algorithm codes: position from 1. */
  private static final Algorithm[] CODES = {Algorithm.ML_KEM_512, Algorithm.ML_KEM_768,
      Algorithm.ML_KEM_1024};
  private static final int AES_256_GCM = 1;
  private static final int FIXED_HEADER = 22;
  private static final int NONCE = SealingProvider.NONCE_LENGTH;
  private static final int TAG = SealingProvider.TAG_LENGTH;

  private static final ThreadLocal<SecureRandom> NONCES = ThreadLocal.withInitial(
      SecureRandom::new);

  private final byte[] bytes; // the caller's array: read, never written
  private final byte[] header; // copied
  private final Algorithm algorithm;
  private final StampKind stampKind;
  private final long stamp;
  private final int keyVersion;
  private final String keyReference;

  private KemEnvelope(byte[] bytes, byte[] header, Algorithm algorithm, StampKind stampKind,
      long stamp, int keyVersion, String keyReference) {
    this.bytes = bytes;
    this.header = header;
    this.algorithm = algorithm;
    this.stampKind = stampKind;
    this.stamp = stamp;
    this.keyVersion = keyVersion;
    this.keyReference = keyReference;
  }

  /**
   * True when {@code data} starts with this format's magic ("RKSK"): worth {@link #parse}.
   *
   * @param data the bytes to inspect
   * @return true when {@code data} starts with this format's magic ("RKSK"): worth {@link #parse}
   */
  public static boolean hasMagic(byte[] data) {
    return HeaderBytes.startsWith(data, MAGIC);
  }

  /**
   * The fingerprint reference of an encapsulation key: "sha256:" + 64 lowercase hex digits.
   *
   * @param encapsulationKey the ML-KEM encapsulation key
   * @return the fingerprint reference of an encapsulation key: "sha256:" + 64 lowercase hex digits
   */
  public static String fingerprint(byte[] encapsulationKey) {
    if (encapsulationKey == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "encapsulation key is null");
    }
    return FINGERPRINT_PREFIX + HexFormat.of().formatHex(KemDataKey.sha256(encapsulationKey));
  }

  /**
   * True when {@code reference} has the form of {@link #fingerprint}.
   *
   * @param reference the key reference written in every envelope
   * @return true when {@code reference} has the form of {@link #fingerprint}
   */
  public static boolean isFingerprint(String reference) {
    if (reference == null || reference.length() != FINGERPRINT_PREFIX.length() + 64
        || !reference.startsWith(FINGERPRINT_PREFIX)) {
      return false;
    }
    for (int i = FINGERPRINT_PREFIX.length(); i < reference.length(); i++) {
      char c = reference.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Seals {@code plaintext} to {@code encapsulationKey} (already validated by the caller) of
   * the KEM {@code algorithm}: encapsulates with {@code provider}, derives the data key, and
   * writes the envelope. The shared secret and data key are zeroised before this returns.
   *
   * @param keyReference the recipient's key id without version, or the key's
   *     {@link #fingerprint} (then {@code keyVersion} is 0)
   * @param provider the provider
   * @param algorithm the algorithm
   * @param encapsulationKey the ML-KEM encapsulation key
   * @param keyVersion the key version number
   * @param stampKind what the stamp means
   * @param stamp the anti-rollback stamp
   * @param plaintext the plaintext
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the envelope
   * @throws KmsException {@code INVALID_ARGUMENT} for a bad reference, version, stamp or null
   *     input; {@code BACKEND_FAILURE} when the provider answers with wrong lengths; what the
   *     provider throws
   */
  public static byte[] seal(KemProvider provider, Algorithm algorithm, byte[] encapsulationKey,
      String keyReference, int keyVersion, StampKind stampKind, long stamp, byte[] plaintext,
      byte[] associatedData) {
    if (provider == null || algorithm == null || encapsulationKey == null || plaintext == null
        || associatedData == null || stampKind == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "provider, algorithm, encapsulation"
          + " key, plaintext, associated data and stamp kind are required");
    }
    int code = HeaderBytes.codeOf(algorithm, CODES, "an ML-KEM algorithm");
    if (encapsulationKey.length != algorithm.publicKeyLength()) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an " + algorithm.id()
          + " encapsulation key is " + algorithm.publicKeyLength() + " bytes");
    }
    byte[] reference = checkedReference(keyReference, keyVersion, stampKind, stamp);
    byte[] ciphertext;
    byte[] secret;
    try (Encapsulation e = provider(provider, () -> provider.encapsulate(algorithm,
        encapsulationKey))) {
      if (e == null) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
            + " returned no encapsulation");
      }
      ciphertext = e.ciphertext();
      secret = e.sharedSecret();
    }
    try {
      if (ciphertext.length != algorithm.outputLength()
          || secret.length != Algorithm.SHARED_SECRET_LENGTH) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
            + " returned an encapsulation of the wrong length");
      }
      byte[] nonce = new byte[NONCE];
      NONCES.get().nextBytes(nonce);
      byte[] header = header(code, stampKind, stamp, keyVersion, reference, ciphertext, nonce);
      return KemDataKey.seal(secret, header, encapsulationKey, plaintext, associatedData);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * Parses an envelope's header; nothing is authenticated here ({@link #open} does that).
   *
   * @param sealed the sealed bytes
   * @return the parsed envelope
   * @throws KmsException {@code INVALID_ARGUMENT} for null; {@code TAMPERED} for anything that
   *     is not a well-formed format-1 KEM envelope (class comment)
   */
  public static KemEnvelope parse(byte[] sealed) {
    if (sealed == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealed data is null");
    }
    if (sealed.length < FIXED_HEADER || !hasMagic(sealed)
        || (sealed[4] & 0xff) != FORMAT_VERSION || (sealed[6] & 0xff) != AES_256_GCM) {
      throw HeaderBytes.tampered();
    }
    Algorithm algorithm = HeaderBytes.algorithmOf(sealed[5] & 0xff, CODES);
    StampKind stampKind = StampKind.fromCode(sealed[7] & 0xff);
    long stamp = HeaderBytes.readLong(sealed, 8);
    int keyVersion = HeaderBytes.readInt(sealed, 16);
    int referenceLength = HeaderBytes.readShort(sealed, 20);
    if (algorithm == null || stampKind == null || keyVersion < 0 || referenceLength < 1
        || referenceLength > MAX_KEY_REFERENCE
        || (stampKind == StampKind.NONE && stamp != 0)) {
      throw HeaderBytes.tampered();
    }
    int headerLength = FIXED_HEADER + referenceLength + algorithm.outputLength() + NONCE;
    if (sealed.length < headerLength + TAG) {
      throw HeaderBytes.tampered();
    }
    String reference = HeaderBytes.utf8(sealed, FIXED_HEADER, referenceLength);
    if ((keyVersion == 0) != isFingerprint(reference)) {
      throw HeaderBytes.tampered();
    }
    return new KemEnvelope(sealed, Arrays.copyOf(sealed, headerLength), algorithm, stampKind,
        stamp, keyVersion, reference);
  }

  /**
   * Opens this envelope: decapsulates its KEM ciphertext with {@code key} of {@code provider}
   * (chosen by the caller from {@link #keyReference()} and {@link #keyVersion()}), derives the
   * data key with {@code encapsulationKey} (the public key bound to {@code key}), and
   * authenticates. The shared secret and data key are zeroised before this returns.
   *
   * @param provider the provider
   * @param key the private key handle
   * @param encapsulationKey the ML-KEM encapsulation key
   * @param associatedData the associated data the envelope is bound to (may be empty)
   * @return the plaintext
   * @throws KmsException {@code TAMPERED} when authentication fails (any changed byte, another
   *     key, other associated data); {@code BACKEND_FAILURE} for a secret of the wrong length;
   *     what the provider throws
   */
  public byte[] open(KemProvider provider, PrivateKeyHandle key, byte[] encapsulationKey,
      byte[] associatedData) {
    if (provider == null || key == null || encapsulationKey == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "provider, key, encapsulation key and"
          + " associated data are required");
    }
    if (key.algorithm() != algorithm || encapsulationKey.length != algorithm.publicKeyLength()) {
      throw HeaderBytes.tampered();
    }
    int ctOffset = header.length - NONCE - algorithm.outputLength();
    byte[] kemCiphertext = Arrays.copyOfRange(header, ctOffset,
        ctOffset + algorithm.outputLength());
    byte[] secret = provider(provider, () -> provider.decapsulate(key, kemCiphertext));
    try {
      if (secret == null || secret.length != Algorithm.SHARED_SECRET_LENGTH) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
            + " returned a shared secret of the wrong length");
      }
      return KemDataKey.open(secret, header, encapsulationKey, associatedData, bytes);
    } finally {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  /**
   * The KEM algorithm of the recipient's key.
   *
   * @return the KEM algorithm of the recipient's key
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
   * The anti-rollback stamp (0 for none).
   *
   * @return the anti-rollback stamp (0 for none)
   */
  public long stamp() {
    return stamp;
  }

  /**
   * The recipient key's version; 0 when the reference is a fingerprint.
   *
   * @return the recipient key's version; 0 when the reference is a fingerprint
   */
  public int keyVersion() {
    return keyVersion;
  }

  /**
   * The recipient key's id without version, or a {@link #fingerprint}.
   *
   * @return the recipient key's id without version, or a {@link #fingerprint}
   */
  public String keyReference() {
    return keyReference;
  }

  /**
   * The length of the sealed plaintext.
   *
   * @return the length of the sealed plaintext
   */
  public int plaintextLength() {
    return bytes.length - header.length - TAG;
  }

  /**
   * The envelope's bytes (a copy).
   *
   * @return the envelope's bytes (a copy)
   */
  public byte[] toByteArray() {
    byte[] out = Arrays.copyOf(header, bytes.length);
    System.arraycopy(bytes, header.length, out, header.length, bytes.length - header.length);
    return out;
  }

  @Override
  public String toString() {
    return "KemEnvelope[" + algorithm.id() + ", " + keyReference
        + (keyVersion == 0 ? "" : "/v" + keyVersion) + ", " + stampKind + " " + stamp + ", "
        + plaintextLength() + " bytes]";
  }

  private static byte[] checkedReference(String keyReference, int keyVersion,
      StampKind stampKind, long stamp) {
    if (keyReference == null || keyVersion < 0
        || (keyVersion == 0) != isFingerprint(keyReference)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a key reference is a key id with a"
          + " version from 1, or a fingerprint with version 0");
    }
    HeaderBytes.checkStamp(stampKind, stamp);
    return HeaderBytes.referenceBytes(keyReference);
  }

  private static byte[] header(int algorithmCode, StampKind stampKind, long stamp,
      int keyVersion, byte[] reference, byte[] kemCiphertext, byte[] nonce) {
    byte[] h = new byte[FIXED_HEADER + reference.length + kemCiphertext.length + nonce.length];
    System.arraycopy(MAGIC, 0, h, 0, 4);
    h[4] = (byte) FORMAT_VERSION;
    h[5] = (byte) algorithmCode;
    h[6] = (byte) AES_256_GCM;
    h[7] = (byte) stampKind.code();
    HeaderBytes.writeLong(h, 8, stamp);
    HeaderBytes.writeInt(h, 16, keyVersion);
    HeaderBytes.writeShort(h, 20, reference.length);
    int at = FIXED_HEADER;
    System.arraycopy(reference, 0, h, at, reference.length);
    at += reference.length;
    System.arraycopy(kemCiphertext, 0, h, at, kemCiphertext.length);
    at += kemCiphertext.length;
    System.arraycopy(nonce, 0, h, at, nonce.length);
    return h;
  }

  /** A provider call: anything but a KmsException becomes BACKEND_FAILURE. */
  private static <T> T provider(KemProvider provider, Supplier<T> call) {
    try {
      return call.get();
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
          + " failed with " + e.getClass().getName(), e);
    }
  }
}
