/**
 * The sealed-envelope formats and anti-rollback.
 *
 * <p>{@link dev.ronkms.seal.Envelope} (AEAD) and {@link dev.ronkms.seal.KemEnvelope} (to an
 * ML-KEM public key) are self-describing, with the whole header authenticated together with
 * the caller's associated data; {@link dev.ronkms.seal.AntiRollback} policies stamp envelopes
 * and refuse stale ones per {@link dev.ronkms.seal.RollbackContext}, keeping their marks in a
 * {@link dev.ronkms.seal.CounterStore}. Formats: docs/API.md.
 */
package dev.ronkms.seal;
