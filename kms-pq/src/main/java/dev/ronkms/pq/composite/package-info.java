/**
 * Composite ML-DSA + Ed25519 signatures as draft-ietf-lamps-pq-composite-sigs defines them:
 * the message representative ({@link dev.ronkms.pq.composite.CompositeMessage}), the parameters
 * per algorithm ({@link dev.ronkms.pq.composite.CompositeParameters}) and the signer
 * ({@link dev.ronkms.pq.composite.CompositeSigner}) over an ML-DSA lane and an
 * {@link dev.ronkms.pq.composite.Ed25519Signer}.
 */
package dev.ronkms.pq.composite;
