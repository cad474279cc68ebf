package dev.ronkms;

/**
 * The one exception type of ron-kms. Every failure carries a stable {@link ErrorCode}.
 *
 * <p>Guarantees: the message never contains secret material (seeds, private keys, data keys,
 * plaintext); a failed operation leaves the key store as it was before the call.
 */
public final class KmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable error code; serialized with the exception. */
  private final ErrorCode code;

  /**
   * A failure with a code and a secret-free detail message.
   *
   * @param code the error code
   * @param detail a secret-free detail message
   */
  public KmsException(ErrorCode code, String detail) {
    super(format(code, detail));
    this.code = code;
  }

  /**
   * A failure caused by another exception. Only the cause's type is kept in the message; the
   * cause itself is attached for debugging and must not carry secrets either.
   *
   * @param code the error code
   * @param detail a secret-free detail message
   * @param cause the underlying cause
   */
  public KmsException(ErrorCode code, String detail, Throwable cause) {
    super(format(code, detail), cause);
    this.code = code;
  }

  /**
   * The stable error code.
   *
   * @return the stable error code
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * Shortcut for {@code code().retryable()}.
   *
   * @return shortcut for {@code code().retryable()}
   */
  public boolean retryable() {
    return code.retryable();
  }

  private static String format(ErrorCode code, String detail) {
    if (code == null) {
      throw new NullPointerException("code");
    }
    return detail == null || detail.isEmpty()
        ? code.code() + ": " + code.description()
        : code.code() + ": " + detail;
  }
}
