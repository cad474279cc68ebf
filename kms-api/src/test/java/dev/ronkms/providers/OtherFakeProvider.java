package dev.ronkms.providers;

/** A second discoverable test double with a higher priority than {@link FakeProvider}. */
public class OtherFakeProvider extends FakeProvider {
  /** ServiceLoader's no-arg constructor. */
  public OtherFakeProvider() {
    super();
  }

  @Override
  public String name() {
    return "other";
  }

  @Override
  public int priority() {
    return 7;
  }
}
