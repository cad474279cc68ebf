package dev.ronkms.spi;

/** What a provider can do beyond the basic contract; listed by {@code Kms.providers()}. */
public enum Capability {
  /** Verifies many signatures in one call faster than one by one. */
  BATCH_VERIFY,
  /** Keys live in hardware (an HSM or token). */
  HARDWARE_BACKED,
  /** Private keys can never leave the provider, not even sealed. */
  NON_EXTRACTABLE_KEYS,
  /** Accepts an existing private seed ({@link SignatureProvider#importPrivateKey}). */
  SEED_IMPORT
}
