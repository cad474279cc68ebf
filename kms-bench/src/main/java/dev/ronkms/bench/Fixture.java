package dev.ronkms.bench;

import dev.ronkms.ed25519.VerifyItem;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.SignatureProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Benchmark inputs: distinct keys, 128-byte messages (the Rust seed's bench size) and valid
 * signatures made with Bouncy Castle from a fixed seed, so every run measures the same work.
 */
final class Fixture {
  static final int MESSAGE_LENGTH = 128;

  final byte[][] seeds;
  final byte[][] publicKeys;
  final byte[][] messages;
  final byte[][] signatures;

  Fixture(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    seeds = new byte[count][32];
    publicKeys = new byte[count][32];
    messages = new byte[count][MESSAGE_LENGTH];
    signatures = new byte[count][64];
    for (int i = 0; i < count; i++) {
      fill(seeds[i], rnd);
      fill(messages[i], rnd);
      Ed25519.generatePublicKey(seeds[i], 0, publicKeys[i], 0);
      Ed25519.sign(seeds[i], 0, publicKeys[i], 0, messages[i], 0, MESSAGE_LENGTH,
          signatures[i], 0);
    }
  }

  /** The first {@code n} items as batch verification input. */
  List<VerifyItem> items(int n) {
    List<VerifyItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = i % publicKeys.length;
      out.add(new VerifyItem(publicKeys[j], messages[j], signatures[j]));
    }
    return out;
  }

  /** The discovered backend named {@code name}, as a host would get it. */
  static SignatureProvider backend(String name) {
    for (SignatureProvider b : Providers.discover(SignatureProvider.class,
        Fixture.class.getClassLoader())) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    throw new IllegalStateException("provider " + name + " is not on the class path");
  }

  private static void fill(byte[] b, SplittableRandom rnd) {
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
  }
}
