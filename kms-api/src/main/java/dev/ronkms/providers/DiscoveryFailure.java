package dev.ronkms.providers;

import java.util.Objects;

/**
 * A provider that {@link java.util.ServiceLoader} found registered but could not load or
 * instantiate, for example {@code kms-provider-bc} on the class path without
 * {@code bcprov-jdk18on}: its class fails to link with a {@code NoClassDefFoundError}.
 *
 * <p>It carries only class names and the error's class and message (link and class-loading
 * errors), never a key or message content.
 *
 * @param serviceType the service interface that was being loaded, for example
 *     {@code dev.ronkms.spi.SignatureProvider}
 * @param providerClass the provider class the error names, or null when it names none (a class
 *     whose superclass is missing fails before the loader reports which entry it was reading)
 * @param cause the underlying error's class and message, for example
 *     {@code java.lang.NoClassDefFoundError: org/bouncycastle/crypto/Signer}
 * @param declined true when the provider's constructor threw an exception: the provider is
 *     installed correctly but declines to serve here (no PKCS#11 token configured, a JDK too old
 *     for its algorithms); false when it is broken (a missing class or library, a bad
 *     registration), which is logged as a warning
 */
public record DiscoveryFailure(String serviceType, String providerClass, String cause,
    boolean declined) {

  /**
   * Checks the fields that are always present.
   *
   * @param cause the cause, as its class and message
   * @param declined true when the provider declined rather than broke
   * @param providerClass the provider class named in the error, or null
   * @param serviceType the service type's name
   */
  public DiscoveryFailure {
    Objects.requireNonNull(serviceType, "serviceType");
    Objects.requireNonNull(cause, "cause");
  }

  /**
   * One line for an error message, for example {@code provider dev.ronkms.provider.bc.X was
   * found but could not load: java.lang.NoClassDefFoundError: org/bouncycastle/...}.
   *
   * @return the description
   */
  public String describe() {
    return (providerClass != null ? "provider " + providerClass : "a " + simpleName()
        + " provider") + " was found but could not load: " + cause;
  }

  private String simpleName() {
    return serviceType.substring(serviceType.lastIndexOf('.') + 1);
  }
}
