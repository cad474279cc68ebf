package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;

/**
 * The key algorithms ron-kms knows, each with the stable lowercase name used inside a
 * {@link KeyId} and everything the engine checks before a provider sees any bytes: the kind
 * (signature or key encapsulation), the exact lengths of public keys, private seeds and
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
  CHACHA20_POLY1305("chacha20-poly1305", Kind.AEAD, 32, 32, 16, new int[0], "kms-softseal");

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

  /** The name used in key ids and in the {@code kms.provider.<id>} property, e.g. {@code ed25519}. */
  public String id() {
    return id;
  }

  /** Signature or KEM. */
  public Kind kind() {
    return kind;
  }

  /** The exact length in bytes of a raw public key. */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  /** The exact length in bytes of the private seed a software provider keeps. */
  public int seedLength() {
    return seedLength;
  }

  /**
   * The exact length in bytes of a signature (for {@link Kind#SIGNATURE}), a ciphertext (for
   * {@link Kind#KEM}) or an authentication tag (for {@link Kind#AEAD}).
   */
  public int outputLength() {
    return outputLength;
  }

  /**
   * The arcs of the algorithm's object identifier, for SubjectPublicKeyInfo (a copy); empty for
   * an algorithm without public keys.
   */
  public int[] oid() {
    return oid.clone();
  }

  /** The Maven artifact that provides this algorithm by default, named in NO_PROVIDER errors. */
  public String moduleHint() {
    return moduleHint;
  }

  /**
   * The algorithm with this exact (lowercase) name.
   *
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

  private static String known() {
    StringBuilder sb = new StringBuilder();
    for (Algorithm a : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(a.id);
    }
    return sb.toString();
  }
}
