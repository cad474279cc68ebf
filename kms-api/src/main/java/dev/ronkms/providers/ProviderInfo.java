package dev.ronkms.providers;

import dev.ronkms.spi.Capability;
import java.util.Set;

/**
 * One discovered provider as a host sees it in {@code Kms.providers()}.
 *
 * @param kind the algorithm it serves here, for example {@code ed25519}
 * @param name the provider's stable name, for example {@code bc}
 * @param priority its selection priority (highest wins)
 * @param capabilities what it can do beyond the basic contract
 * @param implementation the implementing class
 * @param selected true for the provider the engine uses
 */
public record ProviderInfo(String kind, String name, int priority, Set<Capability> capabilities,
    String implementation, boolean selected) {

  /**
   * A description; {@code capabilities} is copied.
   *
   * @param kind the algorithm it serves here, for example {@code ed25519}
   * @param name the provider's stable name, for example {@code bc}
   * @param priority its selection priority (highest wins)
   * @param capabilities what it can do beyond the basic contract
   * @param implementation the implementing class
   * @param selected true for the provider the engine uses
   */
  public ProviderInfo {
    capabilities = Set.copyOf(capabilities);
  }
}
