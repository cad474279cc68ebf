package dev.ronkms.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What {@link SoftwareSignatureProvider} guarantees to every software provider: a seed whose
 * public key cannot be derived is zeroised and the failure is typed; an algorithm the provider
 * does not serve is refused; a handle made by another provider class is refused even under the
 * same name; software providers can import seeds.
 */
class SoftwareProviderContractTest {

  static void assertCode(ErrorCode code, Executable call) {
    assertEquals(code, assertThrows(KmsException.class, call).code());
  }

  /** A software provider whose public key derivation can be replaced, seeing every seed. */
  static class Configurable extends SoftwareSignatureProvider {
    final List<byte[]> seedsSeen = new ArrayList<>();
    UnaryOperator<byte[]> derive = Configurable::ed25519;

    Configurable(String name, Set<Algorithm> algorithms) {
      super(name, 1, algorithms);
    }

    static byte[] ed25519(byte[] seed) {
      byte[] pk = new byte[32];
      Ed25519.generatePublicKey(seed, 0, pk, 0);
      return pk;
    }

    @Override
    protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed) {
      seedsSeen.add(seed);
      return derive.apply(seed);
    }

    @Override
    protected byte[] signWithSeed(Algorithm algorithm, byte[] seed, byte[] publicKey,
        byte[] message) {
      byte[] sig = new byte[64];
      Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
      return sig;
    }

    @Override
    public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
        byte[] signature) {
      return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
  }

  /** Another class under the same name. */
  static final class Twin extends Configurable {
    Twin(String name) {
      super(name, Set.of(Algorithm.ED25519));
    }
  }

  @Test
  void aSeedWhosePublicKeyCannotBeDerivedIsZeroised() {
    List<UnaryOperator<byte[]>> failures = List.of(
        seed -> null,
        seed -> new byte[31],
        seed -> new byte[33],
        seed -> {
          throw new IllegalStateException("library bug");
        });
    for (UnaryOperator<byte[]> failure : failures) {
      Configurable p = new Configurable("c", Set.of(Algorithm.ED25519));
      p.derive = failure;
      byte[] mine = new byte[32];
      Arrays.fill(mine, (byte) 7);
      assertCode(ErrorCode.BACKEND_FAILURE, () -> p.importPrivateKey(Algorithm.ED25519, mine));
      assertCode(ErrorCode.BACKEND_FAILURE, () -> p.generate(Algorithm.ED25519));
      assertEquals(2, p.seedsSeen.size());
      for (byte[] seed : p.seedsSeen) {
        assertArrayEquals(new byte[32], seed, "the seed that was not bound is zeroised");
      }
      byte[] sevens = new byte[32];
      Arrays.fill(sevens, (byte) 7);
      assertArrayEquals(sevens, mine, "the caller's array is not the one zeroised");
    }
  }

  @Test
  void aBoundSeedIsKeptAndSigns() {
    Configurable p = new Configurable("c", Set.of(Algorithm.ED25519));
    PrivateKeyHandle h = p.generate(Algorithm.ED25519);
    byte[] seed = p.seedsSeen.get(0);
    assertFalse(Arrays.equals(new byte[32], seed), "a random seed");
    assertArrayEquals(Configurable.ed25519(seed), h.publicKey());
    byte[] sig = p.sign(h, new byte[] {1, 2, 3});
    assertTrue(p.verify(Algorithm.ED25519, h.publicKey(), new byte[] {1, 2, 3}, sig));
    assertEquals(Set.of(Capability.SEED_IMPORT), p.capabilities());
    h.close();
  }

  @Test
  void anAlgorithmTheProviderDoesNotServeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Configurable("c", Set.of()),
        "a provider serves at least one algorithm");
    assertThrows(IllegalArgumentException.class,
        () -> new Configurable("", Set.of(Algorithm.ED25519)));
    Configurable p = new Configurable("c", Set.of(Algorithm.ED25519));
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> p.generate(null));
    assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> p.importPrivateKey(null, new byte[32]));
    assertEquals(List.of(), p.seedsSeen, "no seed was made");
    assertEquals("Configurable[c, priority 1]", p.toString());
  }

  @Test
  void aHandleOfAnotherProviderClassOrNameIsRefused() {
    Configurable a = new Configurable("same", Set.of(Algorithm.ED25519));
    Twin twin = new Twin("same");
    Configurable renamed = new Configurable("other", Set.of(Algorithm.ED25519));
    PrivateKeyHandle h = a.generate(Algorithm.ED25519);
    byte[] msg = {9};
    assertTrue(a.verify(Algorithm.ED25519, h.publicKey(), msg, a.sign(h, msg)));
    assertCode(ErrorCode.PROVIDER_MISMATCH, () -> twin.sign(h, msg));
    assertCode(ErrorCode.PROVIDER_MISMATCH, () -> renamed.sign(h, msg));
    PrivateKeyHandle foreign = twin.generate(Algorithm.ED25519);
    assertCode(ErrorCode.PROVIDER_MISMATCH, () -> a.sign(foreign, msg));
  }
}
