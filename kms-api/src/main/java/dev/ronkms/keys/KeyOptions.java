package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;

/**
 * The choices fixed when a key is created: whether it may be exported sealed, how it signs
 * (deterministic or hedged), and for a composite key how it verifies. A null variant or mode
 * means "the algorithm's default"; {@link #resolve} fills it in and refuses a choice the
 * algorithm does not have.
 *
 * <p>Immutable; holds no secret.
 *
 * @param exportPolicy whether the private key may leave sealed (never null)
 * @param signatureVariant how signatures are randomised; null for the algorithm's default
 * @param compositeMode how a composite key verifies; null for the default
 */
public record KeyOptions(ExportPolicy exportPolicy, SignatureVariant signatureVariant,
    CompositeMode compositeMode) {

  private static final KeyOptions DEFAULTS = new KeyOptions(ExportPolicy.NOT_EXPORTABLE, null,
      null);

  /**
   * A null export policy is {@link ExportPolicy#NOT_EXPORTABLE}.
   *
   * @param compositeMode how a composite key verifies
   * @param exportPolicy whether the private key may leave sealed
   * @param signatureVariant how signatures are randomised
   */
  public KeyOptions {
    exportPolicy = exportPolicy == null ? ExportPolicy.NOT_EXPORTABLE : exportPolicy;
  }

  /**
   * Not exportable; the algorithm's default variant and mode.
   *
   * @return not exportable; the algorithm's default variant and mode
   */
  public static KeyOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with {@code policy}.
   *
   * @param policy the policy
   * @return these options with {@code policy}
   */
  public KeyOptions with(ExportPolicy policy) {
    return new KeyOptions(policy, signatureVariant, compositeMode);
  }

  /**
   * These options with {@code variant}.
   *
   * @param variant the signature variant
   * @return these options with {@code variant}
   */
  public KeyOptions with(SignatureVariant variant) {
    return new KeyOptions(exportPolicy, variant, compositeMode);
  }

  /**
   * These options with {@code mode}.
   *
   * @param mode the composite mode
   * @return these options with {@code mode}
   */
  public KeyOptions with(CompositeMode mode) {
    return new KeyOptions(exportPolicy, signatureVariant, mode);
  }

  /**
   * These options completed for {@code algorithm}: the default variant of a signature
   * algorithm, {@link CompositeMode#REQUIRE} for a composite one, and null where the algorithm
   * has no such choice.
   *
   * @param algorithm the algorithm
   * @return these options completed for {@code algorithm}: the default variant of a signature
   *     algorithm, {@link CompositeMode#REQUIRE} for a composite one, and null where the algorithm
   *     has no such choice
   * @throws KmsException {@code INVALID_ARGUMENT} for a variant on an algorithm that does not
   *     sign, a hedged Ed25519 key (Ed25519 is deterministic), or a composite mode on a key that
   *     is not composite
   */
  public KeyOptions resolve(Algorithm algorithm) {
    SignatureVariant variant = signatureVariant;
    if (algorithm.kind() != Algorithm.Kind.SIGNATURE) {
      if (variant != null) {
        throw invalid("an " + algorithm.id() + " key does not sign; it has no signature variant");
      }
    } else if (variant == null) {
      variant = algorithm.defaultVariant();
    } else if (algorithm == Algorithm.ED25519 && variant != SignatureVariant.DETERMINISTIC) {
      throw invalid("Ed25519 signatures are deterministic by definition (RFC 8032)");
    }
    CompositeMode mode = compositeMode;
    if (!algorithm.composite()) {
      if (mode != null) {
        throw invalid("an " + algorithm.id() + " key is not composite; it has no composite mode");
      }
    } else if (mode == null) {
      mode = CompositeMode.REQUIRE;
    }
    return new KeyOptions(exportPolicy, variant, mode);
  }

  /**
   * True when these options are complete for {@code algorithm} ({@link #resolve} is a no-op).
   *
   * @param algorithm the algorithm
   * @return true when these options are complete for {@code algorithm} ({@link #resolve} is a
   *     no-op)
   */
  public boolean resolvedFor(Algorithm algorithm) {
    try {
      return resolve(algorithm).equals(this);
    } catch (KmsException e) {
      return false;
    }
  }

  private static KmsException invalid(String message) {
    return new KmsException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
