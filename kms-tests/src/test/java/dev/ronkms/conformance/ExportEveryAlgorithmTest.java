package dev.ronkms.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.ErrorCode;
import dev.ronkms.Kms;
import dev.ronkms.KmsException;
import dev.ronkms.conformance.Backends.Kem;
import dev.ronkms.conformance.Backends.Signer;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.softseal.KeyringSealer;
import dev.ronkms.spi.Capability;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The export policy and sealed export for every signature and KEM algorithm on every provider:
 * a key created {@code NOT_EXPORTABLE} never leaves; an {@code EXPORTABLE_SEALED} one moves to
 * another key manager with its whole history and options, and its old signatures verify and its
 * old encapsulations open there.
 */
class ExportEveryAlgorithmTest {
  private static final byte[] MSG = "export me".getBytes(StandardCharsets.UTF_8);

  private static KeyringSealer recipient() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return KeyringSealer.builder("tests/recipient").addVersion(key)
        .antiRollback(AntiRollback.disabled()).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachSigner")
  void aSigningKeyMovesWithItsHistoryAndOptions(Signer signer) {
    try (Kms from = LifecycleTest.kmsOn(signer); Kms to = LifecycleTest.kmsOn(signer);
        KeyringSealer sealer = recipient()) {
      KeyId locked = from.create("acme", "locked", signer.algorithm());
      KmsException refused = assertThrows(KmsException.class,
          () -> from.exportKey(locked, sealer));
      assertEquals(ErrorCode.EXPORT_NOT_ALLOWED, refused.code());
      KeyOptions exportable = KeyOptions.defaults().with(ExportPolicy.EXPORTABLE_SEALED);
      if (signer.provider().capabilities().contains(Capability.NON_EXTRACTABLE_KEYS)) {
        assertEquals(ErrorCode.EXPORT_NOT_ALLOWED, assertThrows(KmsException.class,
            () -> from.create("acme", "moving", signer.algorithm(), exportable)).code(),
            "a key that never leaves its token is never promised for export");
        return;
      }
      KeyId key = from.create("acme", "moving", signer.algorithm(), exportable);
      List<Signed> made = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        made.add(from.sign(key, MSG));
        from.rotate(key);
      }
      assertEquals(key, to.importKey(from.exportKey(key, sealer), sealer));
      assertEquals(from.attest(key).toJson().replace("\"revision\":" + from.attest(key)
          .revision(), "\"revision\":1"), to.attest(key).toJson());
      for (Signed s : made) {
        assertTrue(to.verify(s, MSG), s.toString());
      }
      Signed there = to.sign(key, MSG);
      assertTrue(from.verify(there, MSG), "the same private key, so the same public key");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.ronkms.conformance.Backends#eachKem")
  void aKemKeyMovesAndItsOldEncapsulationsOpen(Kem kem) {
    try (Kms from = KemLifecycleTest.kmsOn(kem); Kms to = KemLifecycleTest.kmsOn(kem);
        KeyringSealer sealer = recipient()) {
      KeyId key = from.create("acme", "inbox", kem.algorithm(),
          KeyOptions.defaults().with(ExportPolicy.EXPORTABLE_SEALED));
      Encapsulated first = from.encapsulate(key);
      from.rotate(key);
      to.importKey(from.exportKey(key, sealer), sealer);
      assertArrayEquals(first.sharedSecret(), to.decapsulate(first.keyId(),
          first.ciphertext()));
      assertEquals(from.attest(key).versions(), to.attest(key).versions());
    }
  }
}
