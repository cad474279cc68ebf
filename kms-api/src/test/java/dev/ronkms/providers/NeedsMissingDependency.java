package dev.ronkms.providers;

/** A provider that needs {@link MissingDependency} to be constructed. */
public class NeedsMissingDependency extends FakeProvider {
  private final int value;

  /** ServiceLoader's no-arg constructor; fails when {@link MissingDependency} is absent. */
  public NeedsMissingDependency() {
    value = new MissingDependency().value();
  }

  @Override
  public String name() {
    return "needs" + value;
  }
}
