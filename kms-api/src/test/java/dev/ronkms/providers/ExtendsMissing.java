package dev.ronkms.providers;

/** A provider whose superclass {@link MissingBase} may be absent. */
public class ExtendsMissing extends MissingBase {
  /** ServiceLoader's no-arg constructor. */
  public ExtendsMissing() {
    super();
  }

  @Override
  public String name() {
    return "extends-missing";
  }
}
