package dev.ronkms.pq.seal;

import static dev.ronkms.pq.seal.KemSealEngineTest.AAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.providers.Providers;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link KemSealer}'s own checks, without a key manager: the exact code for a key id of another
 * kind and for a provider that does not serve the algorithm, the encapsulation key and reference
 * it reports, and that a refused {@code seal} consumes no anti-rollback stamp.
 */
class KemSealerArgumentsTest {
  private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-00000000002a");

  static byte[] ek(Algorithm a, long seed) {
    byte[] dz = new byte[64];
    new Random(seed).nextBytes(dz);
    return KemSealBcProvider.publicKeyOf(a, dz);
  }

  static KmsException refused(ErrorCode code, Executable call, String what) {
    KmsException e = assertThrows(KmsException.class, call, what);
    assertEquals(code, e.code(), what + ": " + e.getMessage());
    return e;
  }

  @Test
  void onlyAKemKeyIdIsSealedTo() {
    byte[] ek = ek(Algorithm.ML_KEM_768, 1);
    for (Algorithm a : new Algorithm[] {Algorithm.ML_DSA_65, Algorithm.ED25519,
        Algorithm.MLDSA65_ED25519}) {
      KeyId v1 = KeyId.of("acme", "signer", a, ID).withVersion(1);
      KmsException e = refused(ErrorCode.UNSUPPORTED_OPERATION, () -> KemSealer.toKey(v1, ek),
          a.id());
      assertTrue(e.getMessage().contains("not a KEM key"), e.getMessage());
    }
  }

  @Test
  void theProviderMustServeTheSealersAlgorithm() {
    KemSealer sealer = KemSealer.toPublicKey(Algorithm.ML_KEM_768, ek(Algorithm.ML_KEM_768, 2));
    KemProvider only512 = (KemProvider) Proxy.newProxyInstance(
        KemProvider.class.getClassLoader(), new Class<?>[] {KemProvider.class},
        (proxy, method, args) -> {
          if (method.getName().equals("algorithms")) {
            return Set.of(Algorithm.ML_KEM_512);
          }
          throw new UnsupportedOperationException(method.getName());
        });
    KmsException e = refused(ErrorCode.INVALID_ARGUMENT, () -> sealer.withProvider(only512),
        "a provider without ML-KEM-768");
    assertTrue(e.getMessage().endsWith("must serve ml-kem-768"), e.getMessage());
    KemSealer ok = sealer.withProvider(new KemSealBcProvider(4));
    assertNotSame(sealer, ok);
    assertEquals(sealer.keyReference(), ok.keyReference());
  }

  @Test
  void theSealerReportsItsKeyAndReference() {
    byte[] ek = ek(Algorithm.ML_KEM_512, 5);
    KeyId v7 = KeyId.of("acme", "inbox", Algorithm.ML_KEM_512, ID).withVersion(7);
    KemSealer byId = KemSealer.toKey(v7, ek);
    assertArrayEquals(ek, byId.encapsulationKey());
    byte[] copy = byId.encapsulationKey();
    copy[0] ^= 1;
    assertArrayEquals(ek, byId.encapsulationKey(), "a copy out");
    assertEquals("ml-kem-512", byId.algorithm());
    assertEquals(v7.format(), byId.keyReference());
    assertEquals("KemSealer[" + v7.format() + ", ml-kem-512]", byId.toString());
    KemSealer byKey = KemSealer.toPublicKey(Algorithm.ML_KEM_512, ek);
    assertArrayEquals(ek, byKey.encapsulationKey());
    assertEquals(KemEnvelope.fingerprint(ek), byKey.keyReference());
    assertEquals("KemSealer[" + KemEnvelope.fingerprint(ek) + ", ml-kem-512]",
        byKey.toString());
  }

  @Test
  void aRefusedSealConsumesNoStampAndNamesWhatIsMissing() {
    byte[] ek = ek(Algorithm.ML_KEM_512, 6);
    KeyId v1 = KeyId.of("acme", "inbox", Algorithm.ML_KEM_512, ID).withVersion(1);
    KemSealer sealer = KemSealer.toKey(v1, ek).withProvider(new KemSealBcProvider(7));
    KmsException p = refused(ErrorCode.INVALID_ARGUMENT, () -> sealer.seal(null, AAD),
        "null plaintext");
    assertTrue(p.getMessage().contains(": plaintext is null"), p.getMessage());
    KmsException a = refused(ErrorCode.INVALID_ARGUMENT, () -> sealer.seal(new byte[1], null),
        "null associated data");
    assertTrue(a.getMessage().contains(": associated data is null"), a.getMessage());
    assertEquals(1, KemEnvelope.parse(sealer.seal(new byte[1], AAD)).stamp(),
        "the first envelope sealed carries the first stamp");
    assertEquals(2, KemEnvelope.parse(sealer.seal(new byte[1], AAD)).stamp());
  }

  /**
   * Discovery skips a provider that does not serve the algorithm, even the highest-priority one
   * ({@link ServesNoKemProvider}, registered for this module's tests).
   */
  @Test
  void discoveryChoosesAProviderThatServesTheAlgorithm() {
    List<KemProvider> found = Providers.discover(KemProvider.class,
        getClass().getClassLoader());
    assertEquals(ServesNoKemProvider.NAME, found.get(0).name(), "the premise: it ranks first");
    byte[] dz = new byte[64];
    new Random(8).nextBytes(dz);
    KemSealBcProvider holder = new KemSealBcProvider(9);
    for (Algorithm a : new Algorithm[] {Algorithm.ML_KEM_512, Algorithm.ML_KEM_1024}) {
      try (PrivateKeyHandle key = holder.importPrivateKey(a, dz)) {
        byte[] ek = key.publicKey();
        byte[] envelope = KemSealer.toPublicKey(a, ek).seal(new byte[] {1, 2}, AAD);
        assertArrayEquals(new byte[] {1, 2},
            KemEnvelope.parse(envelope).open(holder, key, ek, AAD), a.id());
      }
    }
  }
}
