package dev.ronkms.spi;

import java.util.Set;

/**
 * What every discoverable provider says about itself, so that selection (docs/ARCHITECTURE.md,
 * "Provider selection") can work the same way for every kind of provider.
 */
public interface Provider {

  /** A short stable name, lowercase, for example {@code bc}; used for explicit selection. */
  String name();

  /** Selection priority when the host names no provider: the highest wins. */
  int priority();

  /** What this provider can do beyond the basic contract. */
  Set<Capability> capabilities();
}
