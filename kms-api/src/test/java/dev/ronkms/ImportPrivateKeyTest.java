package dev.ronkms;

import static dev.ronkms.Fixtures.MSG;
import static dev.ronkms.Fixtures.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.Encapsulated;
import dev.ronkms.keys.ExportPolicy;
import dev.ronkms.keys.KeyId;
import dev.ronkms.keys.KeyOptions;
import dev.ronkms.keys.Signed;
import dev.ronkms.spi.TestProvider;
import dev.ronkms.spi.ToyPqProvider;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code Kms.importPrivateKey}: a seed becomes v1 of a new key held by the selected provider,
 * with its options; a provider that does not import seeds, material of the wrong length and a
 * closed key manager are refused and store nothing. Also the engine's refusals around KEM keys
 * that are decided before the store is read.
 */
class ImportPrivateKeyTest {
  /** RFC 8032 test 1: this seed gives this public key. */
  private static final byte[] SEED = HexFormat.of().parseHex(
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] PUBLIC_KEY = HexFormat.of().parseHex(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @Test
  void aSeedBecomesVersionOneWithItsOptions() {
    try (Kms kms = Fixtures.builder(new TestProvider("t")).build()) {
      KeyId key = kms.importPrivateKey("acme", "imported", Algorithm.ED25519, SEED.clone(),
          KeyOptions.defaults().with(ExportPolicy.EXPORTABLE_SEALED));
      assertArrayEquals(PUBLIC_KEY, kms.publicKey(key.withVersion(1)));
      assertEquals(ExportPolicy.EXPORTABLE_SEALED, kms.attest(key).exportPolicy());
      assertEquals("t", kms.attest(key).provider());
      Signed s = kms.sign(key, MSG);
      assertTrue(kms.verify(s, MSG));
      assertEquals(key.withVersion(2), kms.rotate(key), "later versions are generated");
    }
  }

  @Test
  void whatCannotBeImportedIsRefusedAndNothingIsStored() {
    try (Kms kms = Fixtures.builder(new TestProvider("t")).build()) {
      assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPrivateKey("acme", "imported",
          Algorithm.ED25519, new byte[31], KeyOptions.defaults()));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.importPrivateKey("acme", "imported",
          Algorithm.ED25519, SEED.clone(), null));
      assertCode(ErrorCode.INVALID_ARGUMENT, () -> kms.importPrivateKey("acme", "imported",
          Algorithm.ED25519, SEED.clone(),
          KeyOptions.defaults().with(dev.ronkms.keys.SignatureVariant.HEDGED)));
      assertCode(ErrorCode.UNSUPPORTED_ALGORITHM, () -> kms.importPrivateKey("acme",
          "imported", null, SEED.clone(), KeyOptions.defaults()));
      assertCode(ErrorCode.NO_PROVIDER, () -> kms.importPrivateKey("acme", "imported",
          Algorithm.ML_DSA_65, new byte[32], KeyOptions.defaults()));
      assertEquals(List.of(), kms.list());
    }
    try (Kms kms = Fixtures.builder(new DelegatingProvider(new TestProvider("d"))).build()) {
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.importPrivateKey("acme",
          "imported", Algorithm.ED25519, SEED.clone(), KeyOptions.defaults()));
      assertEquals(List.of(), kms.list(), "a provider without SEED_IMPORT is not asked");
    }
    Kms closed = Fixtures.builder(new TestProvider("t")).build();
    closed.close();
    assertCode(ErrorCode.CLOSED, () -> closed.importPrivateKey("acme", "imported",
        Algorithm.ED25519, SEED.clone(), KeyOptions.defaults()));
  }

  @Test
  void aRefusedPublicKeySaysWhichCheckItFailed() {
    try (Kms kms = Fixtures.builder(new TestProvider("t"), new ToyPqProvider("toy")).build()) {
      byte[] identity = new byte[32];
      identity[0] = 1;
      KmsException ed = assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme",
          "peer", Algorithm.ED25519, identity));
      assertTrue(ed.getMessage().contains("canonical, on the curve, not of small order"),
          ed.getMessage());
      byte[] composite = new byte[1984];
      composite[1952] = 1;
      KmsException hybrid = assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey(
          "acme", "peer", Algorithm.MLDSA65_ED25519, composite));
      assertTrue(hybrid.getMessage().contains("its Ed25519 half canonical"), hybrid.getMessage());
      byte[] ek = new byte[1184];
      ek[0] = (byte) 0xff;
      ek[1] = (byte) 0x0f;
      KmsException kem = assertCode(ErrorCode.MALFORMED_KEY, () -> kms.importPublicKey("acme",
          "peer", Algorithm.ML_KEM_768, ek));
      assertTrue(kem.getMessage().contains("the FIPS 203 modulus check"), kem.getMessage());
      assertEquals("its length", PublicKeyCheck.describe(Algorithm.ML_DSA_44));
    }
  }

  @Test
  void kemOperationsOnOtherKindsAreRefusedBeforeTheStoreIsRead() {
    try (Kms kms = Fixtures.builder(new TestProvider("t"), new ToyPqProvider("toy")).build()) {
      KeyId absentSigner = KeyId.of("acme", "sig", Algorithm.ED25519, new UUID(1, 1));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.encapsulate(absentSigner));
      assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kms.decapsulate(
          absentSigner.withVersion(1), new byte[1088]));
      KeyId absentKem = KeyId.of("acme", "kem", Algorithm.ML_KEM_768, new UUID(1, 1));
      assertCode(ErrorCode.KEY_NOT_FOUND, () -> kms.encapsulate(absentKem));
      KeyId kem = kms.create("acme", "kem", Algorithm.ML_KEM_768);
      try (Encapsulated e = kms.encapsulate(kem.withVersion(1))) {
        assertEquals(kem.withVersion(1), e.keyId(), "the head named by its version");
      }
    }
  }
}
