/**
 * Post-quantum providers: ML-DSA-44/65/87 (FIPS 204), ML-KEM-512/768/1024 (FIPS 203) and the
 * composite ML-DSA + Ed25519 signatures, on the JDK's own implementation
 * ({@link dev.ronkms.pq.JdkPqProvider}, {@code pq-jdk}, JDK 24+) or on Bouncy Castle
 * ({@link dev.ronkms.pq.BcPqProvider}, {@code pq-bc}), behind one validation layer;
 * {@link dev.ronkms.pq.MlKemExpanded} decapsulates with an expanded FIPS 203 key.
 */
package dev.ronkms.pq;
