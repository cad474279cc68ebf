package dev.ronkms.seal;

/** What the 8-byte stamp in an envelope header means; one byte on the wire. */
public enum StampKind {
  /** No anti-rollback: the stamp is 0. */
  NONE(0),
  /** A counter that grows by one per seal in the envelope's context. */
  COUNTER(1),
  /** Milliseconds since the epoch when the envelope was sealed. */
  TIME(2);

  private final int code;

  StampKind(int code) {
    this.code = code;
  }

  /**
   * The byte written in the header.
   *
   * @return the byte written in the header
   */
  public int code() {
    return code;
  }

  private static final StampKind[] KINDS = values();

  /** The kind with this code, or null when no kind has it. */
  static StampKind fromCode(int code) {
    for (StampKind k : KINDS) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }
}
