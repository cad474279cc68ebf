package dev.ronkms.providers;

/** A superclass {@link BrokenDiscoveryTest} hides: a provider extending it cannot be defined. */
public class MissingBase extends FakeProvider {
  /** ServiceLoader's no-arg constructor. */
  public MissingBase() {
    super();
  }
}
