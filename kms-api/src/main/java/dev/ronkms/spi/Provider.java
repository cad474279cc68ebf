package dev.ronkms.spi;

import dev.ronkms.keys.Algorithm;
import java.util.Set;

/**
 * What every discoverable provider says about itself, so that selection works the same way for
 * every kind of provider and every algorithm (docs/ARCHITECTURE.md, "Provider selection").
 */
public interface Provider {

  /**
   * A short stable name, lowercase, for example {@code bc}; used for explicit selection.
   *
   * @return a short stable name, lowercase, for example {@code bc}; used for explicit selection
   */
  String name();

  /**
   * Selection priority when the host names no provider: the highest wins.
   *
   * @return selection priority when the host names no provider: the highest wins
   */
  int priority();

  /**
   * What this provider can do beyond the basic contract.
   *
   * @return what this provider can do beyond the basic contract
   */
  Set<Capability> capabilities();

  /**
   * The algorithms this provider serves; never empty.
   *
   * @return the algorithms this provider serves; never empty
   */
  Set<Algorithm> algorithms();
}
