package dev.ronkms.keys;

/**
 * Whether a key's private key may ever leave the key manager. Chosen when the key is created and
 * fixed for its life; kept in the key's (sealed, authenticated) record, so editing a store
 * cannot change it. The default is {@link #NOT_EXPORTABLE}.
 */
public enum ExportPolicy {
  /** The private key never leaves: export fails with {@code EXPORT_NOT_ALLOWED}. */
  NOT_EXPORTABLE,
  /**
   * The private key may be exported, only sealed to a recipient store's key, with the key's
   * whole version history.
   */
  EXPORTABLE_SEALED
}
