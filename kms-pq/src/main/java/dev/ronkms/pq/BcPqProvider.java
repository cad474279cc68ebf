package dev.ronkms.pq;

import dev.ronkms.pq.composite.CompositeSigner;
import dev.ronkms.pq.composite.Ed25519Signer;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.BcMlKemLane;
import java.util.Set;

/**
 * ML-DSA-44/65/87, ML-KEM-512/768/1024 and the composites ML-DSA-44/65 + Ed25519 on Bouncy
 * Castle (provider {@code pq-bc}, priority
 * 100): available on every supported JDK. Keys are seeds, the same form {@link JdkPqProvider}
 * keeps, so each opens the other's stored keys ({@link #holdsKeysOf()}).
 */
public final class BcPqProvider extends PqProvider {
  /** The provider's name. */
  public static final String NAME = "pq-bc";
  /** Its selection priority (below {@link JdkPqProvider#PRIORITY}). */
  public static final int PRIORITY = 100;

  /** The ServiceLoader constructor. */
  public BcPqProvider() {
    super(NAME, PRIORITY, served(ML_DSA, ML_KEM), BcMlDsaLane.INSTANCE, BcMlKemLane.INSTANCE,
        new CompositeSigner(BcMlDsaLane.INSTANCE, Ed25519Signer.bouncyCastle()));
  }

  @Override
  public Set<String> holdsKeysOf() {
    return Set.of(JdkPqProvider.NAME);
  }
}
