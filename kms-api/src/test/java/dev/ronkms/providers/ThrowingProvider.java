package dev.ronkms.providers;

/** A provider whose constructor fails, as one that cannot open its token might. */
public class ThrowingProvider extends FakeProvider {
  /** ServiceLoader's no-arg constructor; always throws. */
  public ThrowingProvider() {
    throw new IllegalStateException("no token present");
  }
}
