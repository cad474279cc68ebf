/**
 * The provider SPI: what a provider module implements to join the engine.
 *
 * <p>A {@link dev.ronkms.spi.SignatureProvider}, {@link dev.ronkms.spi.SealingProvider} or
 * {@link dev.ronkms.spi.KemProvider} is found with {@link java.util.ServiceLoader}, declares
 * the algorithms it serves and its priority, and holds private keys behind opaque
 * {@link dev.ronkms.spi.PrivateKeyHandle}s. The {@code Software*} base classes implement the
 * contract for providers that keep a seed in memory. A {@link dev.ronkms.spi.Sealer} seals
 * bytes under a key the caller never sees (docs/ARCHITECTURE.md).
 */
package dev.ronkms.spi;
