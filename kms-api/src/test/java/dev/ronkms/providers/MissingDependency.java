package dev.ronkms.providers;

/**
 * A class {@link BrokenDiscoveryTest} hides from its class loader, as a provider jar's library
 * (bcprov for kms-provider-bc) is missing when only the provider jar is on the class path.
 */
public class MissingDependency {
  /** The value {@link NeedsMissingDependency} asks for. */
  public int value() {
    return 1;
  }
}
