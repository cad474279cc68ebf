package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;

/**
 * The key algorithms ron-kms knows, each with the stable lowercase name used inside a
 * {@link KeyId} and everything the engine checks before a provider sees any bytes: the kind
 * (signature, key encapsulation or
 * authenticated encryption), the exact lengths of public keys, private seeds and
 * signatures, and the object identifier of its X.509 SubjectPublicKeyInfo.
 *
 * <p>Adding an algorithm is one constant here plus a provider module that lists it in
 * {@code Provider.algorithms()}; the engine has no per-algorithm code paths (docs/ARCHITECTURE.md).
 */
public enum Algorithm {
  /** Ed25519 signatures (RFC 8032), verified under the project's one policy (docs/SECURITY.md). */
  ED25519("ed25519", Kind.SIGNATURE, 32, 32, 64, new int[] {1, 3, 101, 112}, "kms-provider-bc"),
  /**
   * AES-256-GCM sealing keys (32-byte key, 96-bit nonce, 128-bit tag); the "public key" is the
   * 32-byte key check value (docs/API.md, "Sealing").
   */
  AES_256_GCM("aes-256-gcm", Kind.AEAD, 32, 32, 16, new int[0], "kms-softseal"),
  /** ChaCha20-Poly1305 sealing keys (RFC 8439), as {@link #AES_256_GCM}. */
  CHACHA20_POLY1305("chacha20-poly1305", Kind.AEAD, 32, 32, 16, new int[0], "kms-softseal"),
  /** ML-DSA-44 (FIPS 204, category 2); the private key is the 32-byte seed xi. */
  ML_DSA_44("ml-dsa-44", Kind.SIGNATURE, 1312, 32, 2420, nist(3, 17), "kms-pq"),
  /** ML-DSA-65 (FIPS 204, category 3); the private key is the 32-byte seed xi. */
  ML_DSA_65("ml-dsa-65", Kind.SIGNATURE, 1952, 32, 3309, nist(3, 18), "kms-pq"),
  /** ML-DSA-87 (FIPS 204, category 5); the private key is the 32-byte seed xi. */
  ML_DSA_87("ml-dsa-87", Kind.SIGNATURE, 2592, 32, 4627, nist(3, 19), "kms-pq"),
  /**
   * ML-KEM-512 (FIPS 203, category 1): the public key is the encapsulation key, the private key
   * the 64-byte seed d||z, the output the ciphertext; shared secrets are 32 bytes.
   */
  ML_KEM_512("ml-kem-512", Kind.KEM, 800, 64, 768, nist(4, 1), "kms-pq"),
  /** ML-KEM-768 (FIPS 203, category 3), as {@link #ML_KEM_512}. */
  ML_KEM_768("ml-kem-768", Kind.KEM, 1184, 64, 1088, nist(4, 2), "kms-pq"),
  /** ML-KEM-1024 (FIPS 203, category 5), as {@link #ML_KEM_512}. */
  ML_KEM_1024("ml-kem-1024", Kind.KEM, 1568, 64, 1568, nist(4, 3), "kms-pq"),
  /**
   * The composite signature id-MLDSA44-Ed25519-SHA512 (draft-ietf-lamps-pq-composite-sigs):
   * public key ML-DSA-44 key || Ed25519 key, private key ML-DSA seed || Ed25519 seed, signature
   * ML-DSA signature || Ed25519 signature (docs/API.md, "Composite signatures").
   */
  MLDSA44_ED25519("mldsa44-ed25519", Kind.SIGNATURE, 1312 + 32, 32 + 32, 2420 + 64,
      new int[] {1, 3, 6, 1, 5, 5, 7, 6, 39}, "kms-pq"),
  /** The composite signature id-MLDSA65-Ed25519-SHA512, as {@link #MLDSA44_ED25519}. */
  MLDSA65_ED25519("mldsa65-ed25519", Kind.SIGNATURE, 1952 + 32, 32 + 32, 3309 + 64,
      new int[] {1, 3, 6, 1, 5, 5, 7, 6, 48}, "kms-pq");

  /** The longest context string a signature algorithm that takes one accepts (FIPS 204). */
  public static final int MAX_CONTEXT_LENGTH = 255;

  /** The length of an ML-KEM shared secret. */
  public static final int SHARED_SECRET_LENGTH = 32;

  /** What an algorithm does. */
  public enum Kind {
    /** Signs and verifies. */
    SIGNATURE,
    /** Encapsulates and decapsulates shared secrets. */
    KEM,
    /**
     * Seals and opens secrets (authenticated encryption) under a secret key; there is no public
     * key, and {@link #publicKeyLength()} is the length of the key check value instead.
     */
    AEAD
  }

  private final String id;
  private final Kind kind;
  private final int publicKeyLength;
  private final int seedLength;
  private final int outputLength;
  private final int[] oid;
  private final String moduleHint;

  Algorithm(String id, Kind kind, int publicKeyLength, int seedLength, int outputLength,
      int[] oid, String moduleHint) {
    this.id = id;
    this.kind = kind;
    this.publicKeyLength = publicKeyLength;
    this.seedLength = seedLength;
    this.outputLength = outputLength;
    this.oid = oid;
    this.moduleHint = moduleHint;
  }

  /**
   * The name used in key ids and in the {@code kms.provider.<id>} property, e.g. {@code ed25519}.
   *
   * @return the name used in key ids and in the {@code kms.provider.<id>} property, e.g
   */
  public String id() {
    return id;
  }

  /**
   * Signature or KEM.
   *
   * @return signature or KEM
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The exact length in bytes of a raw public key.
   *
   * @return the exact length in bytes of a raw public key
   */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  /**
   * The exact length in bytes of the private seed a software provider keeps.
   *
   * @return the exact length in bytes of the private seed a software provider keeps
   */
  public int seedLength() {
    return seedLength;
  }

  /**
   * The exact length in bytes of a signature (for {@link Kind#SIGNATURE}), a ciphertext (for
   * {@link Kind#KEM}) or an authentication tag (for {@link Kind#AEAD}).
   *
   * @return the exact length in bytes of a signature (for {@link Kind#SIGNATURE}), a ciphertext
   *     (for {@link Kind#KEM}) or an authentication tag (for {@link Kind#AEAD})
   */
  public int outputLength() {
    return outputLength;
  }

  /**
   * The arcs of the algorithm's object identifier, for SubjectPublicKeyInfo (a copy); empty for
   * an algorithm without public keys.
   *
   * @return the arcs of the algorithm's object identifier, for SubjectPublicKeyInfo (a copy); empty
   *     for an algorithm without public keys
   */
  public int[] oid() {
    return oid.clone();
  }

  /**
   * True for the signature algorithms that take a context string (ML-DSA and the composites,
   * at most {@value #MAX_CONTEXT_LENGTH} bytes); Ed25519 (pure RFC 8032) takes none.
   *
   * @return true for the signature algorithms that take a context string (ML-DSA and the
   *     composites, at most {@value #MAX_CONTEXT_LENGTH} bytes); Ed25519 (pure RFC 8032) takes none
   */
  public boolean takesContext() {
    return kind == Kind.SIGNATURE && this != ED25519;
  }

  /**
   * True for a composite (hybrid) signature algorithm: ML-DSA and Ed25519 together.
   *
   * @return true for a composite (hybrid) signature algorithm: ML-DSA and Ed25519 together
   */
  public boolean composite() {
    return this == MLDSA44_ED25519 || this == MLDSA65_ED25519;
  }

  /**
   * How a new key of this algorithm signs when the host does not say: Ed25519 is deterministic
   * by definition, ML-DSA and the composites are hedged (FIPS 204's default); null for an
   * algorithm that does not sign.
   *
   * @return how a new key of this algorithm signs when the host does not say: Ed25519 is
   *     deterministic by definition, ML-DSA and the composites are hedged (FIPS 204's default);
   *     null for an algorithm that does not sign
   */
  public SignatureVariant defaultVariant() {
    if (kind != Kind.SIGNATURE) {
      return null;
    }
    return this == ED25519 ? SignatureVariant.DETERMINISTIC : SignatureVariant.HEDGED;
  }

  /**
   * The Maven artifact that provides this algorithm by default, named in NO_PROVIDER errors.
   *
   * @return the Maven artifact that provides this algorithm by default, named in NO_PROVIDER errors
   */
  public String moduleHint() {
    return moduleHint;
  }

  /**
   * The algorithm with this exact (lowercase) name.
   *
   * @param id the key id, without a version
   * @return the algorithm with this exact (lowercase) name
   * @throws KmsException {@link ErrorCode#UNSUPPORTED_ALGORITHM} when no algorithm has it
   */
  public static Algorithm fromId(String id) {
    for (Algorithm a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM,
        "unknown algorithm " + KeyIdGrammar.quote(id) + "; known: " + known());
  }

  private static int[] nist(int family, int last) {
    return new int[] {2, 16, 840, 1, 101, 3, 4, family, last};
  }

  private static String known() {
    StringBuilder sb = new StringBuilder();
    for (Algorithm a : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(a.id);
    }
    return sb.toString();
  }
}
