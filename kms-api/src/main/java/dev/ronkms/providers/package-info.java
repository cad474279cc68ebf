/**
 * Provider discovery and selection: {@link dev.ronkms.providers.Providers} finds providers with
 * {@link java.util.ServiceLoader}, orders them by priority and picks one per algorithm (an
 * explicit choice, then the {@code kms.provider.<id>} system property, then the highest
 * priority); {@link dev.ronkms.providers.ProviderInfo} describes each one.
 */
package dev.ronkms.providers;
