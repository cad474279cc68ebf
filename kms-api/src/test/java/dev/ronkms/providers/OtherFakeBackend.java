package dev.ronkms.providers;

/** A second discoverable test double with a higher priority than {@link FakeBackend}. */
public class OtherFakeBackend extends FakeBackend {
  @Override
  public String name() {
    return "other";
  }

  @Override
  public int priority() {
    return 7;
  }
}
