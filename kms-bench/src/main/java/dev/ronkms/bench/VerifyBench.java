package dev.ronkms.bench;

import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.ronkms.ed25519.Ed25519Policy;
import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.ed25519.Ed25519Verifier;
import dev.ronkms.Kms;
import dev.ronkms.VerificationRoute;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.provider.jdk.SunEcKeys;
import dev.ronkms.spi.SignatureProvider;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;

/**
 * Single verification of valid signatures: each backend as the project wraps it, the project's
 * own verifier, and each library called raw (the "unwrapped" baseline of the accept path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifyBench {

  /**
   * What verifies: {@code bc|tink|jdk} (wrapped backends), {@code own} (kms-ed25519),
   * {@code own-key} (kms-ed25519 with the public key decoded once, {@code Ed25519PublicKey}), or
   * {@code *-raw} (the library without the policy), {@code precheck} (the byte-level checks
   * alone: what the policy wrapping adds to a library's accept path), {@code kms} (the engine's
   * {@code Kms.verify} on the default route: a store lookup, then the policy verifier with the
   * version's key decoded once) or {@code kms-provider} (the engine routed through the bc
   * provider).
   */
  @Param({"bc", "tink", "jdk", "own", "own-key", "bc-raw", "tink-raw", "jdk-raw", "precheck",
      "kms", "kms-provider"})
  public String verifier;

  private interface Check {
    boolean verify(byte[] pk, byte[] msg, byte[] sig) throws Exception;
  }

  private Fixture fixture;
  private Check check;
  private int next;
  private Kms kms;

  @Setup
  public void setUp() {
    fixture = new Fixture(64, 20261123);
    check = switch (verifier) {
      case "bc" -> backend(Fixture.backend("bc"));
      case "tink" -> backend(Fixture.backend("tink"));
      case "jdk" -> backend(Fixture.backend("jdk"));
      case "own" -> Ed25519Verifier::verify;
      case "own-key" -> {
        Ed25519PublicKey[] keys = new Ed25519PublicKey[fixture.publicKeys.length];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = Ed25519PublicKey.decode(fixture.publicKeys[i]);
        }
        yield (pk, msg, sig) -> keys[next & 63].verify(msg, sig);
      }
      case "bc-raw" -> (pk, msg, sig) -> Ed25519.verify(sig, 0, pk, 0, msg, 0, msg.length);
      case "tink-raw" -> (pk, msg, sig) -> {
        new Ed25519Verify(pk).verify(sig, msg);
        return true;
      };
      case "jdk-raw" -> VerifyBench::sunEc;
      case "precheck" -> (pk, msg, sig) -> Ed25519Policy.precheck(pk, sig).passed();
      case "kms" -> engine(VerificationRoute.POLICY_VERIFIER);
      case "kms-provider" -> engine(VerificationRoute.PROVIDER);
      default -> throw new IllegalArgumentException(verifier);
    };
  }

  @Benchmark
  public boolean verify() throws Exception {
    int i = next & 63;
    boolean ok = check.verify(fixture.publicKeys[i], fixture.messages[i], fixture.signatures[i]);
    next++;
    if (!ok) {
      throw new IllegalStateException(verifier + " rejected a valid signature");
    }
    return ok;
  }

  private static Check backend(SignatureProvider b) {
    return (pk, msg, sig) -> b.verify(Algorithm.ED25519, pk, msg, sig);
  }

  /** Kms.verify over the fixture's 64 keys, imported as verify-only keys. */
  private Check engine(VerificationRoute route) {
    kms = Kms.builder().provider(Algorithm.ED25519, "bc").verificationRoute(route).build();
    KeyId[] versions = new KeyId[fixture.publicKeys.length];
    for (int i = 0; i < versions.length; i++) {
      versions[i] = kms.importPublicKey("bench", "verify", Algorithm.ED25519,
          fixture.publicKeys[i]).withVersion(1);
    }
    return (pk, msg, sig) -> kms.verify(versions[next & 63], msg, sig);
  }

  @TearDown
  public void tearDown() {
    if (kms != null) {
      kms.close();
    }
  }

  /** SunEC as a host would call it: decode the key, verify. */
  static boolean sunEc(byte[] pk, byte[] msg, byte[] sig) throws Exception {
    Signature s = SunEcKeys.signature();
    s.initVerify(SunEcKeys.publicKey(pk));
    s.update(msg);
    return s.verify(sig);
  }
}
