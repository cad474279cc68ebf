package dev.ronkms.pq.composite;

import dev.ronkms.keys.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The fixed parameters of each composite ML-DSA + Ed25519 algorithm of
 * draft-ietf-lamps-pq-composite-sigs: the ML-DSA parameter set, the signature label, and where
 * the ML-DSA and Ed25519 parts sit inside a public key, a private seed and a signature (always
 * ML-DSA first, then Ed25519, each at its fixed length). Immutable.
 */
public enum CompositeParameters {
  /** id-MLDSA44-Ed25519-SHA512 (OID 1.3.6.1.5.5.7.6.39). */
  MLDSA44_ED25519(Algorithm.MLDSA44_ED25519, Algorithm.ML_DSA_44,
      "COMPSIG-MLDSA44-Ed25519-SHA512"),
  /** id-MLDSA65-Ed25519-SHA512 (OID 1.3.6.1.5.5.7.6.48). */
  MLDSA65_ED25519(Algorithm.MLDSA65_ED25519, Algorithm.ML_DSA_65,
      "COMPSIG-MLDSA65-Ed25519-SHA512");

  /** The length of an Ed25519 public key, seed (private key) and half of a signature. */
  public static final int ED25519_KEY_LENGTH = 32;

  /** The length of an Ed25519 signature. */
  public static final int ED25519_SIGNATURE_LENGTH = 64;

  /** The length of the ML-DSA seed xi at the start of a composite seed. */
  public static final int ML_DSA_SEED_LENGTH = 32;

  private final Algorithm composite;
  private final Algorithm mlDsa;
  private final String label;

  CompositeParameters(Algorithm composite, Algorithm mlDsa, String label) {
    this.composite = composite;
    this.mlDsa = mlDsa;
    this.label = label;
  }

  /**
   * The parameters of {@code algorithm}, or empty when it is not a composite (null included).
   *
   * @param algorithm the algorithm
   * @return the parameters of {@code algorithm}, or empty when it is not a composite (null
   *     included)
   */
  public static Optional<CompositeParameters> find(Algorithm algorithm) {
    for (CompositeParameters p : values()) {
      if (p.composite == algorithm) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The parameters of {@code algorithm}.
   *
   * @param algorithm the algorithm
   * @return the parameters of {@code algorithm}
   * @throws IllegalArgumentException when it is not a composite algorithm
   */
  public static CompositeParameters of(Algorithm algorithm) {
    return find(algorithm).orElseThrow(() -> new IllegalArgumentException(
        "not a composite signature algorithm: " + algorithm));
  }

  /**
   * The composite algorithm.
   *
   * @return the composite algorithm
   */
  public Algorithm algorithm() {
    return composite;
  }

  /**
   * The ML-DSA parameter set of the post-quantum half.
   *
   * @return the ML-DSA parameter set of the post-quantum half
   */
  public Algorithm mlDsa() {
    return mlDsa;
  }

  /**
   * The signature label as the draft's table gives it, e.g. {@code COMPSIG-MLDSA65-Ed25519-SHA512}.
   *
   * @return the signature label as the draft's table gives it, e.g
   */
  public String labelText() {
    return label;
  }

  /**
   * The label's ASCII bytes (a fresh copy): part of M' and the ML-DSA half's context.
   *
   * @return the label's ASCII bytes (a fresh copy): part of M' and the ML-DSA half's context
   */
  public byte[] label() {
    return label.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The length of the ML-DSA public key at the start of a composite public key.
   *
   * @return the length of the ML-DSA public key at the start of a composite public key
   */
  public int mlDsaPublicKeyLength() {
    return mlDsa.publicKeyLength();
  }

  /**
   * The length of the ML-DSA signature at the start of a composite signature.
   *
   * @return the length of the ML-DSA signature at the start of a composite signature
   */
  public int mlDsaSignatureLength() {
    return mlDsa.outputLength();
  }
}
