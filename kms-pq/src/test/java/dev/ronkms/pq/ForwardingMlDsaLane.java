package dev.ronkms.pq;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.MlDsaLane;

/**
 * A test lane that forwards everything to the Bouncy Castle lane; tests override the one method
 * they watch or break.
 */
class ForwardingMlDsaLane implements MlDsaLane {
  private final String name;

  ForwardingMlDsaLane(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] publicKey(Algorithm algorithm, byte[] xi) throws Exception {
    return BcMlDsaLane.INSTANCE.publicKey(algorithm, xi);
  }

  @Override
  public byte[] sign(Algorithm algorithm, byte[] xi, byte[] message, byte[] context,
      byte[] rnd) throws Exception {
    return BcMlDsaLane.INSTANCE.sign(algorithm, xi, message, context, rnd);
  }

  @Override
  public PreparedKey prepare(Algorithm algorithm, byte[] xi) throws Exception {
    return BcMlDsaLane.INSTANCE.prepare(algorithm, xi);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message, byte[] context,
      byte[] signature) throws Exception {
    return BcMlDsaLane.INSTANCE.verify(algorithm, publicKey, message, context, signature);
  }
}
