package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static dev.ronkms.Fixtures.kms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.TestProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine checks what a provider hands back before it stores or uses it: a fresh key handle
 * of another algorithm, provider or length is refused (and zeroised), a handle whose public key
 * no longer matches the stored one never signs, and a null message never reaches a provider.
 */
class ProviderDistrustTest {

  @Test
  void aFreshHandleThatIsNotWhatWasAskedForIsRefusedAndZeroised() {
    List<UnaryOperator<PrivateKeyHandle>> lies = List.of(
        h -> new Lying(h) {
          @Override
          public Algorithm algorithm() {
            return null;
          }
        },
        h -> new Lying(h) {
          @Override
          public String provider() {
            return "someone-else";
          }
        },
        h -> new Lying(h) {
          @Override
          public byte[] publicKey() {
            return Arrays.copyOf(super.publicKey(), 31);
          }
        });
    for (UnaryOperator<PrivateKeyHandle> lie : lies) {
      Scripted p = new Scripted(new TestProvider("s"));
      try (Kms kms = kms(null, p)) {
        KeyId good = kms.create("acme", "good", Algorithm.ED25519);
        p.wrap = lie;
        assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.create("acme", "bad", Algorithm.ED25519));
        assertCode(ErrorCode.BACKEND_FAILURE, () -> kms.rotate(good));
        assertEquals(List.of(good), kms.list(), "nothing was stored");
        assertEquals(1, kms.attest(good).versions().size());
        List<PrivateKeyHandle> made = p.inner.made();
        assertEquals(3, made.size());
        assertTrue(made.get(1).isDestroyed() && made.get(2).isDestroyed(),
            "the refused handles were zeroised");
      }
    }
  }

  @Test
  void aHandleWhosePublicKeyChangedNeverSigns() {
    Scripted p = new Scripted(new TestProvider("s"));
    Lying[] last = new Lying[1];
    p.wrap = h -> last[0] = new Lying(h);
    try (Kms kms = kms(null, p)) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      assertTrue(kms.verify(kms.sign(key, MSG), MSG));
      int signed = p.signs.get();
      last[0].otherKey = p.inner.generate(Algorithm.ED25519).publicKey();
      assertCode(ErrorCode.CORRUPT_RECORD, () -> kms.sign(key, MSG));
      assertEquals(signed, p.signs.get(), "the provider was not asked to sign");
    }
  }

  @Test
  void aNullMessageNeverReachesAProvider() {
    Scripted p = new Scripted(new TestProvider("s"));
    try (Kms kms = kms(null, p)) {
      KeyId key = kms.create("acme", "k", Algorithm.ED25519);
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sign(key, null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.sign(key.withVersion(1), null));
      assertEquals(0, p.signs.get());
    }
  }

  /** Delegates to a real handle; subclasses lie about one property. */
  static class Lying implements PrivateKeyHandle {
    final PrivateKeyHandle real;
    volatile byte[] otherKey;

    Lying(PrivateKeyHandle real) {
      this.real = real;
    }

    @Override
    public String provider() {
      return real.provider();
    }

    @Override
    public Algorithm algorithm() {
      return real.algorithm();
    }

    @Override
    public byte[] publicKey() {
      return otherKey != null ? otherKey.clone() : real.publicKey();
    }

    @Override
    public boolean isDestroyed() {
      return real.isDestroyed();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  /**
   * A provider over a TestProvider whose fresh handles pass through {@code wrap}; it signs any
   * message, null included, with 64 bytes, and counts its signatures.
   */
  static class Scripted extends DelegatingProvider {
    final TestProvider inner;
    final AtomicInteger signs = new AtomicInteger();
    final List<PrivateKeyHandle> handed = new ArrayList<>();
    volatile UnaryOperator<PrivateKeyHandle> wrap = UnaryOperator.identity();

    Scripted(TestProvider inner) {
      super(inner);
      this.inner = inner;
    }

    @Override
    public PrivateKeyHandle generate(Algorithm algorithm) {
      PrivateKeyHandle h = wrap.apply(inner.generate(algorithm));
      handed.add(h);
      return h;
    }

    @Override
    public byte[] sign(PrivateKeyHandle key, byte[] message) {
      signs.incrementAndGet();
      PrivateKeyHandle real = key instanceof Lying l ? l.real : key;
      return message == null ? new byte[64] : inner.sign(real, message);
    }
  }
}
