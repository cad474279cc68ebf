/**
 * Ed25519 on the JDK's own SunEC provider, wrapped to the project's verification policy
 * ({@link dev.ronkms.provider.jdk.JdkEd25519Provider}, priority 10, no third-party dependency),
 * and {@link dev.ronkms.provider.jdk.SunEcKeys}, the codec between raw RFC 8032 bytes and SunEC
 * key objects.
 */
package dev.ronkms.provider.jdk;
