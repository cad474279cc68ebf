package dev.ronkms.bench;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.pkcs11.Pkcs11Ed25519Provider;
import dev.ronkms.pkcs11.TokenConfig;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import java.util.concurrent.TimeUnit;
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
 * Ed25519 signing and verification of a 128-byte message through a PKCS#11 token, beside Bouncy
 * Castle, as throughput so that the same benchmark at 1 and 2 threads gives the session pool's
 * scaling. One key shared by every thread ({@code Scope.Benchmark}): the threads contend for the
 * token, not for keys. Run by {@link TokenBench}, which makes the token.
 *
 * <p>Paths: {@code pkcs11} the provider alone; {@code kms-pkcs11} {@code Kms.sign}/{@code verify}
 * on the in-memory store with the token provider; {@code bc} the Bouncy Castle provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TokenSignBench {

  @Param({"pkcs11", "kms-pkcs11", "bc"})
  public String path;

  private interface Op {
    Object run();
  }

  private Pkcs11Ed25519Provider token;
  private PrivateKeyHandle key;
  private Kms kms;
  private Op sign;
  private Op verify;

  @Setup
  public void setUp() {
    Fixture f = new Fixture(1, 20261130);
    byte[] message = f.messages[0];
    switch (path) {
      case "pkcs11" -> {
        token = new Pkcs11Ed25519Provider(TokenConfig.fromSystem().orElseThrow());
        useProvider(token, message);
      }
      case "kms-pkcs11" -> {
        token = new Pkcs11Ed25519Provider(TokenConfig.fromSystem().orElseThrow());
        kms = Kms.builder().addProvider(token).provider(Algorithm.ED25519, token.name()).build();
        KeyId id = kms.create("bench", "token", Algorithm.ED25519);
        byte[][] signature = {kms.sign(id, message).signature()};
        KeyId version = id.withVersion(1);
        sign = () -> kms.sign(id, message);
        verify = () -> kms.verify(version, message, signature[0]);
      }
      case "bc" -> useProvider(Fixture.backend("bc"), message);
      default -> throw new IllegalArgumentException(path);
    }
  }

  private void useProvider(SignatureProvider provider, byte[] message) {
    key = provider.generate(Algorithm.ED25519);
    byte[] publicKey = key.publicKey();
    byte[] signature = provider.sign(key, message);
    sign = () -> provider.sign(key, message);
    verify = () -> provider.verify(Algorithm.ED25519, publicKey, message, signature);
  }

  @TearDown
  public void tearDown() {
    if (kms != null) {
      kms.close();
    }
    if (key != null) {
      key.discard();
    }
    if (token != null) {
      token.close();
    }
  }

  @Benchmark
  public Object sign() {
    return sign.run();
  }

  @Benchmark
  public Object verify() {
    return verify.run();
  }
}
