package dev.ronkms.pq.seal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.KemEnvelope;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

/**
 * The KEM envelope byte by byte, and its key derivation recomputed independently (Bouncy
 * Castle's HKDF, the JDK's AES-GCM) from a fixed encapsulation: what docs/API.md documents.
 */
class KemSealLayoutTest {

  /** A KEM provider that always answers the same encapsulation (test only). */
  static KemProvider fixed(byte[] ciphertext, byte[] secret) {
    return new KemSealBcProvider("kemseal-fixed", 1) {
      @Override
      public Encapsulation encapsulate(Algorithm algorithm, byte[] publicKey) {
        return new Encapsulation(ciphertext, secret);
      }
    };
  }

  @Test
  void layoutAndKeyDerivation() throws Exception {
    Algorithm alg = Algorithm.ML_KEM_512;
    byte[] seed = new byte[64];
    Arrays.fill(seed, (byte) 7);
    byte[] ek = KemSealBcProvider.publicKeyOf(alg, seed);
    byte[] kemCiphertext = new byte[alg.outputLength()];
    for (int i = 0; i < kemCiphertext.length; i++) {
      kemCiphertext[i] = (byte) i;
    }
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 0x5a);
    KeyId version = KeyId.of("acme", "inbox", alg,
        UUID.fromString("00000000-0000-4000-8000-000000000001")).withVersion(3);
    byte[] aad = "name".getBytes(UTF_8);
    byte[] plaintext = "hello, recipient".getBytes(UTF_8);

    byte[] envelope = KemSealer.toKey(version, ek).withProvider(fixed(kemCiphertext, secret))
        .withAntiRollback(AntiRollback.counter()).seal(plaintext, aad);

    String reference = version.unversioned().format();
    int l = reference.length();
    int c = alg.outputLength();
    assertEquals(50 + l + c + plaintext.length, envelope.length);
    HexFormat hex = HexFormat.of();
    assertEquals("524b534b" + "01" + "01" + "01" + "01" + "0000000000000001" + "00000003"
        + String.format("%04x", l), hex.formatHex(envelope, 0, 22));
    assertEquals(reference, new String(envelope, 22, l, UTF_8));
    assertArrayEquals(kemCiphertext, Arrays.copyOfRange(envelope, 22 + l, 22 + l + c));
    int headerLength = 34 + l + c;
    byte[] header = Arrays.copyOf(envelope, headerLength);
    byte[] nonce = Arrays.copyOfRange(envelope, 22 + l + c, headerLength);

    // HKDF-SHA256(ikm = secret, salt = none, info = label || SHA-256(header || ek)), 32 bytes
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(header);
    sha.update(ek);
    byte[] info = concat("ron-kms kem seal v1".getBytes(UTF_8), sha.digest());
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, null, info));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, 32);

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(header);
    gcm.updateAAD(aad);
    assertArrayEquals(plaintext, gcm.doFinal(envelope, headerLength,
        envelope.length - headerLength));

    KemEnvelope parsed = KemEnvelope.parse(envelope);
    assertEquals(3, parsed.keyVersion());
    assertEquals(reference, parsed.keyReference());
    assertEquals(plaintext.length, parsed.plaintextLength());
    assertArrayEquals(envelope, parsed.toByteArray());
  }

  @Test
  void fingerprintReference() {
    Algorithm alg = Algorithm.ML_KEM_1024;
    byte[] ek = KemSealBcProvider.publicKeyOf(alg, new byte[64]);
    byte[] envelope = KemSealer.toPublicKey(alg, ek)
        .withProvider(fixed(new byte[alg.outputLength()], new byte[32]))
        .withAntiRollback(AntiRollback.disabled()).seal(new byte[0], new byte[0]);
    String fp = KemEnvelope.fingerprint(ek);
    assertEquals(71, fp.length());
    assertEquals("524b534b" + "01" + "03" + "01" + "00" + "0000000000000000" + "00000000"
        + "0047", HexFormat.of().formatHex(envelope, 0, 22));
    assertEquals(fp, new String(envelope, 22, 71, UTF_8));
    assertEquals(50 + 71 + 1568, envelope.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
