package dev.ronkms.pq.lane;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} that hands out the given bytes, in order, and then fails: how a seed
 * (xi, d||z) or a signing randomiser (rnd) reaches a library API that only draws from a
 * {@code SecureRandom}. Use one instance for one call; not for anything else.
 */
final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  FixedRandom(byte[]... parts) {
    super(new Spi(parts), null);
  }

  private static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;
    private int offset;

    Spi(byte[][] parts) {
      int n = 0;
      for (byte[] p : parts) {
        n += p.length;
      }
      bytes = new byte[n];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, bytes, at, p.length);
        at += p.length;
      }
    }

    @Override
    protected synchronized void engineNextBytes(byte[] out) {
      if (out.length > bytes.length - offset) {
        throw new IllegalStateException("the library drew more random bytes than the "
            + bytes.length + " it was given");
      }
      System.arraycopy(bytes, offset, out, 0, out.length);
      java.util.Arrays.fill(bytes, offset, offset + out.length, (byte) 0);
      offset += out.length;
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      // the output is fixed
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      throw new IllegalStateException("a fixed random source generates no seeds");
    }
  }
}
