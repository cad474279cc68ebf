package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.SignatureVariant;

/**
 * What a signature depends on besides the key and the message: the FIPS 204 context string
 * (empty for none) and the key's {@link SignatureVariant}. The engine builds it from the key's
 * record and the caller's context, checked for the algorithm, before a provider sees it.
 *
 * <p>Immutable: the context is copied in and out.
 */
public final class SigningParameters {
  private static final byte[] EMPTY = new byte[0];
  private static final SigningParameters DETERMINISTIC = new SigningParameters(EMPTY,
      SignatureVariant.DETERMINISTIC);

  private final byte[] context;
  private final SignatureVariant variant;

  private SigningParameters(byte[] context, SignatureVariant variant) {
    this.context = context;
    this.variant = variant;
  }

  /**
   * No context, deterministic: what Ed25519 signing always is.
   *
   * @return no context, deterministic: what Ed25519 signing always is
   */
  public static SigningParameters deterministic() {
    return DETERMINISTIC;
  }

  /**
   * Parameters for {@code algorithm}.
   *
   * @param context the context string, or null for none
   * @param algorithm the algorithm
   * @param variant the signature variant
   * @return the signing parameters
   * @throws KmsException {@code INVALID_ARGUMENT} for a non-empty context on an algorithm that
   *     takes none, a context over {@value Algorithm#MAX_CONTEXT_LENGTH} bytes, or a null variant
   */
  public static SigningParameters of(Algorithm algorithm, byte[] context,
      SignatureVariant variant) {
    byte[] ctx = checkedContext(algorithm, context);
    if (variant == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "signature variant is null");
    }
    return new SigningParameters(ctx, variant);
  }

  /**
   * A copy of {@code context} (empty for null), checked for {@code algorithm}.
   *
   * @param algorithm the algorithm
   * @param context the context string (null or empty for none)
   * @return a copy of {@code context} (empty for null), checked for {@code algorithm}
   * @throws KmsException {@code INVALID_ARGUMENT} as {@link #of}
   */
  public static byte[] checkedContext(Algorithm algorithm, byte[] context) {
    if (context == null || context.length == 0) {
      return EMPTY;
    }
    if (!algorithm.takesContext()) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "an " + algorithm.id()
          + " signature takes no context string");
    }
    if (context.length > Algorithm.MAX_CONTEXT_LENGTH) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a context string is at most "
          + Algorithm.MAX_CONTEXT_LENGTH + " bytes, got " + context.length);
    }
    return context.clone();
  }

  /**
   * The context string (a copy; empty for none).
   *
   * @return the context string (a copy; empty for none)
   */
  public byte[] context() {
    return context.length == 0 ? EMPTY : context.clone();
  }

  /**
   * The context's length, without copying it.
   *
   * @return the context's length, without copying it
   */
  public int contextLength() {
    return context.length;
  }

  /**
   * Deterministic or hedged.
   *
   * @return deterministic or hedged
   */
  public SignatureVariant variant() {
    return variant;
  }

  @Override
  public String toString() {
    return "SigningParameters[context " + context.length + " bytes, " + variant + "]";
  }
}
