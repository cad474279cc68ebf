package dev.ronkms;

/**
 * The stable error codes carried by every {@link KmsException}.
 *
 * <p>The constant names are part of the public contract: they never change meaning and are never
 * reused. {@link #retryable()} says whether the same call may succeed if simply repeated (for
 * example after a concurrent writer has finished). docs/API.md lists the same table.
 */
public enum ErrorCode {
  /** A key id string or its parts do not follow the documented grammar. */
  INVALID_KEY_ID(false, "the key id is not valid"),
  /** An argument is null, empty or out of range. */
  INVALID_ARGUMENT(false, "an argument is not valid"),
  /** A signature does not have the algorithm's exact length. */
  MALFORMED_SIGNATURE(false, "the signature has the wrong length"),
  /** A public key or seed does not have the expected length or encoding. */
  MALFORMED_KEY(false, "the key material has the wrong length or encoding"),
  /** A KEM ciphertext does not have the algorithm's exact length. */
  MALFORMED_CIPHERTEXT(false, "the ciphertext has the wrong length"),
  /** No key with this id exists in the store. */
  KEY_NOT_FOUND(false, "no such key"),
  /** The key exists but has no such version. */
  VERSION_NOT_FOUND(false, "no such key version"),
  /** The operation needs a key id that names a version, for example {@code …/v3}. */
  VERSION_REQUIRED(false, "the key id must name a version"),
  /** A key with this id already exists. */
  KEY_EXISTS(false, "a key with this id already exists"),
  /** Only the head version signs; the named version is not the head. */
  NOT_HEAD_VERSION(false, "only the head version may sign"),
  /** The version is disabled: it neither signs nor verifies until enabled again. */
  VERSION_DISABLED(false, "the key version is disabled"),
  /** The version is destroyed: its private key is gone and it never signs or verifies. */
  VERSION_DESTROYED(false, "the key version is destroyed"),
  /** The version is below the key's minimum verify version. */
  VERSION_BELOW_MINIMUM(false, "the key version is below the key's minimum version"),
  /** The requested state change is not allowed from the version's current state. */
  ILLEGAL_TRANSITION(false, "the state change is not allowed"),
  /** A staged (pending) version already exists; promote or destroy it first. */
  PENDING_VERSION_EXISTS(false, "a pending version already exists"),
  /** The key has no staged (pending) version to promote. */
  NO_PENDING_VERSION(false, "the key has no pending version"),
  /** The key has reached the largest version number. */
  VERSION_EXHAUSTED(false, "no version numbers are left for this key"),
  /**
   * Another writer changed the key while this call was computing its change (the store's
   * compare-and-set lost). Repeating the same call reads the new state and may succeed.
   */
  CONFLICT(true, "the key was changed concurrently"),
  /**
   * The caller's expectation about the key's state (for example the head version given to
   * {@code rotate(key, expectedHead)}) no longer holds. Repeating the same call cannot succeed:
   * read the key again and decide anew.
   */
  PRECONDITION_FAILED(false, "the caller's expected key state no longer holds"),
  /** The key is verify-only (imported from a public key): it holds no private key. */
  NO_PRIVATE_KEY(false, "the key holds no private key"),
  /** A private key handle was given to a provider that did not make it. */
  PROVIDER_MISMATCH(false, "the private key belongs to another provider"),
  /**
   * A stored key record is inconsistent: it breaks a key invariant, or a version's public key is
   * not the one bound to its private key. Nothing was signed.
   */
  CORRUPT_RECORD(false, "the stored key record is inconsistent"),
  /** The algorithm is not supported by this operation or provider. */
  UNSUPPORTED_ALGORITHM(false, "the algorithm is not supported"),
  /** The provider cannot do this operation (for example seed import on a hardware token). */
  UNSUPPORTED_OPERATION(false, "the provider does not support this operation"),
  /** A provider was named explicitly but is not on the class path. */
  PROVIDER_NOT_FOUND(false, "the named provider is not present"),
  /** No provider of the needed kind is on the class path. */
  NO_PROVIDER(false, "no provider is present"),
  /**
   * The crypto provider (or the library under it, or the executor running a parallel batch)
   * failed unexpectedly.
   */
  BACKEND_FAILURE(false, "the crypto provider failed"),
  /** Sealed data failed authentication: it was altered, truncated or sealed under another key. */
  TAMPERED(false, "sealed data failed authentication"),
  /**
   * The envelope authenticated, but the anti-rollback policy refuses it: it is older than one
   * already seen in its context (counter), or older than the policy's window (time).
   */
  ROLLBACK(false, "the sealed data is older than the anti-rollback policy allows"),
  /**
   * A durable store was opened with a store key that is not the one it was sealed under;
   * nothing was read or changed.
   */
  STORE_KEY_MISMATCH(false, "the store is sealed under another store key"),
  /** The key's export policy forbids exporting its private key. */
  EXPORT_NOT_ALLOWED(false, "the key's private key may not be exported"),
  /** The store or key manager was closed; its key material has been zeroised. */
  CLOSED(false, "the key manager is closed"),
  /**
   * The hardware token holding the key cannot be reached: it is not present, was removed, or
   * its library failed; repeating the call may succeed once the token is back.
   */
  TOKEN_UNAVAILABLE(true, "the hardware token is not reachable"),
  /**
   * A fail-closed operation listener (an audit sink) could not record the operation, so its
   * result is withheld; a store change the operation made stays made (docs/API.md, "Operation
   * events").
   */
  AUDIT_FAILED(false, "the operation could not be recorded"),
  /**
   * A signed attestation (its text form or its parts) is not well-formed: not the documented
   * JSON envelope, a key id without a version, a signature that is not canonical Base64
   * (docs/API.md, "Signed attestations").
   */
  MALFORMED_ATTESTATION(false, "the signed attestation is not well-formed"),
  /**
   * A bounded queue is full (a {@link dev.ronkms.batch.VerifyCoalescer} holds as many
   * unanswered calls as it may): nothing was done; repeating the call once the load falls may
   * succeed.
   */
  OVERLOADED(true, "too many calls are waiting; try again later");

  private final boolean retryable;
  private final String description;

  ErrorCode(boolean retryable, String description) {
    this.retryable = retryable;
    this.description = description;
  }

  /**
   * The stable code string, equal to {@link #name()}.
   *
   * @return the stable code string, equal to {@link #name()}
   */
  public String code() {
    return name();
  }

  /**
   * True when repeating the same call may succeed.
   *
   * @return true when repeating the same call may succeed
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * A one-line, secret-free description of what the code means.
   *
   * @return a one-line, secret-free description of what the code means
   */
  public String description() {
    return description;
  }
}
