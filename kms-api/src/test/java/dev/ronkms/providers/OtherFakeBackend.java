package dev.ronkms.providers;

/** A second discoverable test double with a higher priority than {@link FakeBackend}. */
public class OtherFakeBackend extends FakeBackend {
  /** ServiceLoader's no-arg constructor. */
  public OtherFakeBackend() {
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
