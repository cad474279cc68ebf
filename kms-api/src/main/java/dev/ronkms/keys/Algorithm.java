package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;

/**
 * The key algorithms ron-kms knows, each with the stable lowercase name used inside a
 * {@link KeyId}.
 */
public enum Algorithm {
  /** Ed25519 signatures (RFC 8032), verified under the project's one policy (docs/SECURITY.md). */
  ED25519("ed25519");

  private final String id;

  Algorithm(String id) {
    this.id = id;
  }

  /** The name used in key ids, for example {@code ed25519}. */
  public String id() {
    return id;
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
