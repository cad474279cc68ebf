package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Signing a 128-byte message: each backend, raw Bouncy Castle, and the whole KMS path
 * ({@code Kms.sign} on the in-memory store with the BC backend) to show the library's overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignBench {

  @Param({"bc", "tink", "jdk", "bc-raw", "kms-bc"})
  public String signer;

  private interface Sign {
    byte[] sign();
  }

  private Sign sign;
  private Kms kms;
  private PrivateKeyHandle key;

  @Setup
  public void setUp() {
    Fixture f = new Fixture(1, 20261123);
    byte[] message = f.messages[0];
    switch (signer) {
      case "bc" -> sign = backend(Fixture.backend("bc"), f.seeds[0], message);
      case "tink" -> sign = backend(Fixture.backend("tink"), f.seeds[0], message);
      case "jdk" -> sign = backend(Fixture.backend("jdk"), f.seeds[0], message);
      case "bc-raw" -> {
        byte[] sig = new byte[64];
        sign = () -> {
          Ed25519.sign(f.seeds[0], 0, f.publicKeys[0], 0, message, 0, message.length, sig, 0);
          return sig;
        };
      }
      case "kms-bc" -> {
        kms = Kms.builder().provider(Algorithm.ED25519, "bc").build();
        KeyId id = kms.create("bench", "sign", Algorithm.ED25519);
        sign = () -> kms.sign(id, message).signature();
      }
      default -> throw new IllegalArgumentException(signer);
    }
  }

  private Sign backend(SignatureProvider b, byte[] seed, byte[] message) {
    key = b.importPrivateKey(Algorithm.ED25519, seed);
    return () -> b.sign(key, message);
  }

  @TearDown
  public void tearDown() {
    if (kms != null) {
      kms.close();
    }
    if (key != null) {
      key.close();
    }
  }

  @Benchmark
  public byte[] sign() {
    return sign.sign();
  }
}
