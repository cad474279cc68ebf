/**
 * Sealing to an ML-KEM public key: {@link dev.ronkms.pq.seal.KemSealer} makes KEM envelopes
 * (ML-KEM encapsulation, HKDF, AES-256-GCM) that only the holder of the private key opens.
 */
package dev.ronkms.pq.seal;
