package dev.ronkms.events;

import java.util.Locale;

/**
 * The key operations a {@link dev.ronkms.Kms} reports to its {@link OperationListener}s, one
 * event per call. {@link #label()} is the stable lowercase name metrics and audit lines use.
 */
public enum Operation {
  /** {@code create}: a new key with a generated v1. */
  CREATE,
  /** {@code importPrivateKey}. */
  IMPORT_PRIVATE,
  /** {@code importPublicKey}: a new verify-only key. */
  IMPORT_PUBLIC,
  /** {@code rotateToPublicKey}: a new head for a verify-only key. */
  ROTATE_PUBLIC,
  /** {@code sign}. */
  SIGN,
  /** {@code verify}: the outcome is {@link Outcome#NEGATIVE} for a signature that is not valid. */
  VERIFY,
  /** {@code verifyBatch} and {@code verifyBatchParallel}: one event per call. */
  VERIFY_BATCH,
  /** {@code encapsulate}. */
  ENCAPSULATE,
  /** {@code decapsulate}. */
  DECAPSULATE,
  /** {@code rotate}. */
  ROTATE,
  /** {@code stageRotation}. */
  STAGE,
  /** {@code promote}. */
  PROMOTE,
  /** {@code enable}. */
  ENABLE,
  /** {@code disable}. */
  DISABLE,
  /** {@code destroy}. */
  DESTROY,
  /** {@code setMinVerifyVersion}. */
  SET_MIN_VERSION,
  /** {@code attest}. */
  ATTEST,
  /** {@code seal}. */
  SEAL,
  /** {@code open}. */
  OPEN,
  /** {@code reseal}. */
  RESEAL,
  /** {@code exportKey}. */
  EXPORT,
  /** {@code importKey}: a key from an export bundle. */
  IMPORT,
  /** {@code delete}. */
  DELETE;

  private final String label = name().toLowerCase(Locale.ROOT);

  /**
   * The lowercase name, for example {@code verify_batch}.
   *
   * @return the lowercase label
   */
  public String label() {
    return label;
  }
}
