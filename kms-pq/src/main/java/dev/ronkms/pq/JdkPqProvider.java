package dev.ronkms.pq;

import dev.ronkms.pq.composite.CompositeSigner;
import dev.ronkms.pq.composite.Ed25519Signer;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.BcMlKemLane;
import dev.ronkms.pq.lane.JdkMlDsaLane;
import dev.ronkms.pq.lane.JdkMlKemLane;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.pq.lane.MlKemLane;
import java.util.Set;

/**
 * ML-DSA, ML-KEM and the ML-DSA + Ed25519 composites on the JDK's own implementation (provider {@code pq-jdk}, priority 120, so
 * it is chosen for new keys over {@link BcPqProvider} where it exists). Present on JDK 24 and
 * later only: on an older JDK the constructor throws, {@link java.util.ServiceLoader} reports a
 * {@code ServiceConfigurationError}, and the engine's discovery skips the provider. It serves
 * the parameter sets the running JDK has; with none it is not constructed at all.
 *
 * <p>Where the JDK cannot do a call (a non-empty context string: its "ML-DSA" signature takes
 * no parameters), the lane does that call on Bouncy Castle, which computes the same FIPS 204
 * function ({@link JdkMlDsaLane}); so does the composites' ML-DSA half (its context is always
 * the label). The composites' Ed25519 half is Bouncy Castle's too
 * ({@link Ed25519Signer#bouncyCastle()}: deterministic, the same bytes as SunEC's, at about half
 * the cost). Keys are seeds, as {@link BcPqProvider}'s: a store written
 * on JDK 25 opens on JDK 17 and back ({@link #holdsKeysOf()}).
 */
public final class JdkPqProvider extends PqProvider {
  /** The provider's name. */
  public static final String NAME = "pq-jdk";
  /** Its selection priority (above {@link BcPqProvider#PRIORITY}). */
  public static final int PRIORITY = 120;

  /**
   * The ServiceLoader constructor.
   *
   * @throws IllegalStateException on a JDK without ML-DSA and ML-KEM (before JDK 24)
   */
  public JdkPqProvider() {
    this(requireAny(), dsaLane());
  }

  private JdkPqProvider(Set<dev.ronkms.keys.Algorithm> served, MlDsaLane dsa) {
    super(NAME, PRIORITY, served, dsa, kemLane(),
        new CompositeSigner(dsa, Ed25519Signer.bouncyCastle()));
  }

  /**
   * True when this JDK has ML-DSA or ML-KEM, so the provider can be constructed.
   *
   * @return true when this JDK has ML-DSA or ML-KEM, so the provider can be constructed
   */
  public static boolean available() {
    return !served(JdkMlDsaLane.supported(), JdkMlKemLane.supported()).isEmpty();
  }

  private static Set<dev.ronkms.keys.Algorithm> requireAny() {
    Set<dev.ronkms.keys.Algorithm> served = served(JdkMlDsaLane.supported(),
        JdkMlKemLane.supported());
    if (served.isEmpty()) {
      throw new IllegalStateException("provider " + NAME + " needs JDK 24 or later (ML-DSA,"
          + " ML-KEM); this is " + System.getProperty("java.version"));
    }
    return served;
  }

  private static MlDsaLane dsaLane() {
    return JdkMlDsaLane.supported().isEmpty() ? BcMlDsaLane.INSTANCE : new JdkMlDsaLane();
  }

  private static MlKemLane kemLane() {
    return JdkMlKemLane.supported().isEmpty() ? BcMlKemLane.INSTANCE : new JdkMlKemLane();
  }

  @Override
  public Set<String> holdsKeysOf() {
    return Set.of(BcPqProvider.NAME);
  }
}
