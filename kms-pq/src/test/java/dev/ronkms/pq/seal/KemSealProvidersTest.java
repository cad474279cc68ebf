package dev.ronkms.pq.seal;

import static dev.ronkms.pq.seal.KemSealEngineTest.AAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ronkms.Kms;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.Sealer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * KEM sealing through the kms-pq providers found by ServiceLoader (pq-jdk on JDK 24+, else
 * pq-bc), for both the engine and the standalone sealer, and across providers: the test-only
 * Bouncy Castle provider seals what the discovered provider's key opens.
 */
class KemSealProvidersTest {

  @ParameterizedTest
  @EnumSource(value = Algorithm.class, names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void discoveredProviders(Algorithm algorithm) {
    try (Kms kms = Kms.inMemory()) {
      KeyId key = kms.create("acme", "inbox", algorithm);
      byte[] plaintext = {1, 2, 3, 4, 5};
      assertArrayEquals(plaintext, kms.open(kms.seal(key, plaintext, AAD), AAD));
      KeyId v1 = key.withVersion(1);
      Sealer discovered = KemSealer.toKey(v1, kms.publicKey(v1));
      assertArrayEquals(plaintext, kms.open(discovered.seal(plaintext, AAD), AAD));
      Sealer other = KemSealer.toKey(v1, kms.publicKey(v1))
          .withProvider(new KemSealBcProvider(41));
      assertArrayEquals(plaintext, kms.open(other.seal(plaintext, AAD), AAD));
    }
  }
}
