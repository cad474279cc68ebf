package dev.ronkms.provider.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureSpi;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SunEcKeysTest {
  // RFC 8032 §7.1 TEST 2 (testdata/vectors/rfc8032/rfc8032_ed25519.json)
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEED =
      HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  private static final byte[] PUBLIC_KEY =
      HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  private static final byte[] MESSAGE = HEX.parseHex("72");
  private static final byte[] SIGNATURE = HEX.parseHex(
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
      + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

  @Test
  void convertsRfc8032BytesBothWays() throws GeneralSecurityException {
    assertArrayEquals(PUBLIC_KEY, SunEcKeys.derivePublicKey(SEED));
    PublicKey publicKey = SunEcKeys.publicKey(PUBLIC_KEY);
    assertArrayEquals(PUBLIC_KEY, SunEcKeys.encode((EdECPublicKey) publicKey));
    assertArrayEquals(PUBLIC_KEY, SunEcKeys.encode(SunEcKeys.point(PUBLIC_KEY)));

    PrivateKey privateKey = SunEcKeys.privateKey(SEED);
    Signature signer = SunEcKeys.signature();
    signer.initSign(privateKey);
    signer.update(MESSAGE);
    assertArrayEquals(SIGNATURE, signer.sign());
    SunEcKeys.destroyQuietly(privateKey);

    Signature verifier = SunEcKeys.signature();
    verifier.initVerify(publicKey);
    verifier.update(MESSAGE);
    assertTrue(verifier.verify(SIGNATURE));
  }

  @Test
  void refusesEncodingsThatAreNot32Bytes() {
    assertThrows(InvalidKeySpecException.class, () -> SunEcKeys.publicKey(new byte[31]));
    assertThrows(InvalidKeySpecException.class, () -> SunEcKeys.publicKey(new byte[33]));
    assertThrows(InvalidKeySpecException.class, () -> SunEcKeys.point(null));
  }

  /**
   * A provider at position 1 that claims Ed25519 for every engine class the codec uses must not
   * be asked: the codec names SunEC. Its engines answer (and count) instead of failing, because
   * JCA moves on to the next provider when an engine fails, which would hide an unpinned call.
   */
  @Test
  void everyObjectComesFromSunEcWhateverProviderIsFirst() throws GeneralSecurityException {
    Impostor impostor = new Impostor();
    assertEquals(1, Security.insertProviderAt(impostor, 1));
    try {
      assertEquals(Impostor.NAME, KeyFactory.getInstance("Ed25519").getProvider().getName(),
          "the impostor is what an unpinned lookup finds");

      assertEquals(SunEcKeys.PROVIDER, SunEcKeys.signature().getProvider().getName());
      assertArrayEquals(PUBLIC_KEY, SunEcKeys.derivePublicKey(SEED));
      PublicKey publicKey = SunEcKeys.publicKey(PUBLIC_KEY);
      PrivateKey privateKey = SunEcKeys.privateKey(SEED);
      assertTrue(publicKey.getClass().getName().startsWith("sun.security.ec."),
          publicKey.getClass().getName());
      assertTrue(privateKey.getClass().getName().startsWith("sun.security.ec."),
          privateKey.getClass().getName());
      Signature signer = SunEcKeys.signature();
      signer.initSign(privateKey);
      signer.update(MESSAGE);
      assertArrayEquals(SIGNATURE, signer.sign());
      assertEquals(0, Impostor.CALLS.get(), "the impostor was asked for something");
    } finally {
      Security.removeProvider(Impostor.NAME);
    }
  }

  /** Claims KeyFactory, KeyPairGenerator and Signature "Ed25519". */
  static final class Impostor extends Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "ImpostorEd25519";
    static final AtomicInteger CALLS = new AtomicInteger();

    Impostor() {
      super(NAME, "1", "claims Ed25519; must never be used by SunEcKeys");
      put("KeyFactory.Ed25519", FakeKeyFactory.class.getName());
      put("KeyPairGenerator.Ed25519", FakeKeyPairGenerator.class.getName());
      put("Signature.Ed25519", FakeSignature.class.getName());
    }
  }

  /** Counts, then answers with nothing useful. */
  public static final class FakeKeyFactory extends KeyFactorySpi {
    @Override
    protected PublicKey engineGeneratePublic(KeySpec keySpec) {
      Impostor.CALLS.incrementAndGet();
      return null;
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec keySpec) {
      Impostor.CALLS.incrementAndGet();
      return null;
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) {
      Impostor.CALLS.incrementAndGet();
      return null;
    }

    @Override
    protected Key engineTranslateKey(Key key) {
      Impostor.CALLS.incrementAndGet();
      return key;
    }
  }

  /** Counts, then answers with nothing useful. */
  public static final class FakeKeyPairGenerator extends KeyPairGeneratorSpi {
    @Override
    public void initialize(int keysize, SecureRandom random) {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random) {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    public KeyPair generateKeyPair() {
      Impostor.CALLS.incrementAndGet();
      return new KeyPair(null, null);
    }
  }

  /** Counts, accepts every key, signs with zeros and verifies everything. */
  public static final class FakeSignature extends SignatureSpi {
    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    protected void engineUpdate(byte b) {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    protected byte[] engineSign() {
      Impostor.CALLS.incrementAndGet();
      return new byte[64];
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) {
      Impostor.CALLS.incrementAndGet();
      return true;
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      Impostor.CALLS.incrementAndGet();
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      Impostor.CALLS.incrementAndGet();
      return null;
    }
  }
}
