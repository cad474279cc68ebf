package dev.ronkms;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.store.KeyRecord;
import dev.ronkms.store.KeyVersion;
import java.util.Arrays;

/**
 * Encapsulation to a KEM key's head and decapsulation with any version that may still verify,
 * with every length checked before the provider sees it and every provider answer checked
 * after.
 */
final class Kem {
  private final KeyAccess keys;
  private final ProviderRegistry providers;

  Kem(KeyAccess keys, ProviderRegistry providers) {
    this.keys = keys;
    this.providers = providers;
  }

  Encapsulated encapsulate(KeyId key) {
    KeyAccess.requireKind(key, Algorithm.Kind.KEM, "encapsulate");
    KeyRecord record = keys.load(key);
    KeyVersion head = record.headVersion();
    if (key.hasVersion() && record.version(key.version()).number() != record.head()) {
      throw new KmsException(ErrorCode.NOT_HEAD_VERSION, key + " is not the head (v"
          + record.head() + "); encapsulation uses the head");
    }
    Algorithm algorithm = record.id().algorithm();
    KemProvider provider = providers.kem(record);
    try (Encapsulation e = Kms.call(() -> provider.encapsulate(algorithm, head.publicKey()))) {
      byte[] ciphertext = e.ciphertext();
      byte[] secret = e.sharedSecret();
      try {
        if (ciphertext.length != algorithm.outputLength()
            || secret.length != Algorithm.SHARED_SECRET_LENGTH) {
          throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
              + " returned an encapsulation of the wrong length");
        }
        return new Encapsulated(record.id().withVersion(head.number()), ciphertext, secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  byte[] decapsulate(KeyId version, byte[] ciphertext) {
    KeyAccess.requireVersion(version);
    KeyAccess.requireKind(version, Algorithm.Kind.KEM, "decapsulate");
    Algorithm algorithm = version.algorithm();
    if (ciphertext == null || ciphertext.length != algorithm.outputLength()) {
      throw new KmsException(ErrorCode.MALFORMED_CIPHERTEXT, "an " + algorithm.id()
          + " ciphertext is " + algorithm.outputLength() + " bytes, got "
          + (ciphertext == null ? "null" : ciphertext.length + " bytes"));
    }
    KeyRecord record = keys.load(version);
    KeyVersion v = record.verifyingVersion(version.version());
    PrivateKeyHandle handle = KeyAccess.privateKey(record, v);
    KemProvider provider = providers.kem(record);
    byte[] secret = Kms.call(() -> provider.decapsulate(handle, ciphertext));
    if (secret == null || secret.length != Algorithm.SHARED_SECRET_LENGTH) {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + provider.name()
          + " returned a shared secret of the wrong length");
    }
    return secret;
  }
}
