package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SignatureProvider;
import dev.ronkms.store.InMemoryKeystoreStore;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import dev.ronkms.store.KeystoreStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Ed25519 double-public-key oracle: two signatures of one message under two different
 * "public keys" share R and reveal the private scalar. Before the fix, a store that returned an
 * altered head public key made the bc provider sign under it. Now the public key is bound to the
 * private key when it is made, and a store that tampers gets a typed error and no signature.
 */
class SigningOracleTest {
  private static final byte[] MSG = "pay 10 to bob".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  void aStoreThatAltersTheHeadPublicKeyGetsNoSignature(SignatureProvider provider) {
    TamperingStore store = new TamperingStore();
    try (Kms kms = Kms.builder().store(store).addProvider(provider)
        .provider(Algorithm.ED25519, provider.name()).build()) {
      KeyId key = kms.create("acme", "oracle", Algorithm.ED25519);
      Signed honest = kms.sign(key, MSG);
      byte[] otherKey = otherPublicKey(provider);

      store.tamper = r -> withHead(r, v -> new KeyVersion(v.number(), v.state(), v.createdAt(),
          otherKey, v.handle().orElseThrow()));
      assertEquals(ErrorCode.CORRUPT_RECORD,
          assertThrows(KmsException.class, () -> kms.sign(key, MSG)).code(),
          "a version whose public key is not its private key's cannot even be built");

      store.tamper = r -> withHead(r, v -> new KeyVersion(v.number(), v.state(), v.createdAt(),
          otherKey, new LyingHandle(v.handle().orElseThrow(), otherKey)));
      assertEquals(ErrorCode.PROVIDER_MISMATCH,
          assertThrows(KmsException.class, () -> kms.sign(key, MSG)).code(),
          "a handle that lies about its public key is not the provider's handle");

      store.tamper = UnaryOperator.identity();
      assertArrayEquals(honest.signature(), kms.sign(key, MSG).signature(),
          "the honest store still gets the same deterministic signature");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#each")
  void theProviderSignsUnderTheBoundKeyOnly(SignatureProvider provider) {
    PrivateKeyHandle h = provider.generate(Algorithm.ED25519);
    try {
      byte[] sig = provider.sign(h, MSG);
      assertEquals(true, provider.verify(Algorithm.ED25519, h.publicKey(), MSG, sig));
      for (SignatureProvider other : Backends.ed25519()) {
        if (other.getClass() != provider.getClass()) {
          assertEquals(ErrorCode.PROVIDER_MISMATCH,
              assertThrows(KmsException.class, () -> other.sign(h, MSG)).code(),
              other.name() + " refuses a handle " + provider.name() + " made");
        }
      }
      assertEquals(ErrorCode.PROVIDER_MISMATCH, assertThrows(KmsException.class,
          () -> provider.sign(new LyingHandle(h, otherPublicKey(provider)), MSG)).code());
    } finally {
      h.close();
    }
  }

  private static byte[] otherPublicKey(SignatureProvider provider) {
    PrivateKeyHandle other = provider.generate(Algorithm.ED25519);
    other.close();
    return other.publicKey();
  }

  private static KeyRecord withHead(KeyRecord r, UnaryOperator<KeyVersion> change) {
    List<KeyVersion> versions = new ArrayList<>(r.versions());
    versions.set(r.head() - 1, change.apply(versions.get(r.head() - 1)));
    return KeyRecord.of(r.id(), r.provider().orElse(null), r.revision(), r.head(),
        r.minVerifyVersion(), versions);
  }

  /** An in-memory store whose reads pass through a tampering function. */
  private static final class TamperingStore implements KeystoreStore {
    final InMemoryKeystoreStore inner = new InMemoryKeystoreStore();
    volatile UnaryOperator<KeyRecord> tamper = UnaryOperator.identity();

    @Override
    public Optional<KeyRecord> load(KeyId keyId) {
      return inner.load(keyId).map(r -> tamper.apply(r));
    }

    @Override
    public void save(KeyRecord record, long expectedRevision) {
      inner.save(record, expectedRevision);
    }

    @Override
    public List<KeyId> list() {
      return inner.list();
    }

    @Override
    public boolean delete(KeyId keyId) {
      return inner.delete(keyId);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** A handle that claims another public key than the one its private key has. */
  private static final class LyingHandle implements PrivateKeyHandle {
    final PrivateKeyHandle real;
    final byte[] claimed;

    LyingHandle(PrivateKeyHandle real, byte[] claimed) {
      this.real = real;
      this.claimed = claimed.clone();
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
      return claimed.clone();
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
}
