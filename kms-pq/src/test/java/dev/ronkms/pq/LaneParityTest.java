package dev.ronkms.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlDsaLane;
import dev.ronkms.pq.lane.BcMlKemLane;
import dev.ronkms.pq.lane.JdkMlDsaLane;
import dev.ronkms.pq.lane.JdkMlKemLane;
import dev.ronkms.pq.lane.MlDsaLane;
import dev.ronkms.pq.lane.MlKemLane;
import dev.ronkms.spi.Encapsulation;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Two lanes, one answer": the same seed gives the same public key and, deterministic or with
 * the same rnd, the same signature on Bouncy Castle and on the JDK (random messages and contexts
 * from a seeded {@link Random}); signatures made on one lane verify on the other and with the
 * JDK's own {@link Signature} API; encapsulations decapsulate across both. JDK 24+ only.
 */
class LaneParityTest {
  private static final int ROUNDS = 6;

  @BeforeEach
  void jdkLane() {
    PqTestSupport.requireProvider(PqTestSupport.JDK);
  }

  @ParameterizedTest
  @EnumSource(names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
  void mlDsaSameKeysSameSignatures(Algorithm algorithm) throws Exception {
    MlDsaLane bc = BcMlDsaLane.INSTANCE;
    MlDsaLane jdk = new JdkMlDsaLane();
    Random random = new Random(0x5eed_0000L + algorithm.ordinal());
    for (int i = 0; i < ROUNDS; i++) {
      byte[] xi = bytes(random, 32);
      byte[] message = bytes(random, random.nextInt(200));
      byte[] context = i % 2 == 0 ? new byte[0] : bytes(random, random.nextInt(256));
      byte[] rnd = i % 3 == 0 ? new byte[32] : bytes(random, 32);
      byte[] pk = bc.publicKey(algorithm, xi);
      assertArrayEquals(pk, jdk.publicKey(algorithm, xi), "public key");
      byte[] sigBc = bc.sign(algorithm, xi, message, context, rnd);
      byte[] sigJdk = jdk.sign(algorithm, xi, message, context, rnd);
      assertArrayEquals(sigBc, sigJdk, "signature, context " + context.length + " bytes");
      assertArrayEquals(sigBc, jdk.prepare(algorithm, xi).sign(message, context, rnd),
          "prepared JDK key");
      assertTrue(bc.verify(algorithm, pk, message, context, sigJdk));
      assertTrue(jdk.verify(algorithm, pk, message, context, sigBc));
      if (message.length > 0) {
        message[0] ^= 1;
        assertFalse(jdk.verify(algorithm, pk, message, context, sigBc));
        assertFalse(bc.verify(algorithm, pk, message, context, sigBc));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"ML_DSA_44", "ML_DSA_65", "ML_DSA_87"})
  void crossCheckWithTheJdkSignatureApi(Algorithm algorithm) throws Exception {
    Random random = new Random(42 + algorithm.ordinal());
    String name = "ML-DSA-" + algorithm.id().substring("ml-dsa-".length());
    // a key of the JDK's own, its signature verified by the bc lane
    KeyPairGenerator generator = KeyPairGenerator.getInstance(name);
    generator.initialize(new NamedParameterSpec(name));
    KeyPair pair = generator.generateKeyPair();
    byte[] raw = dev.ronkms.keys.PublicKeyEncoding.toRaw(algorithm,
        pair.getPublic().getEncoded());
    byte[] message = bytes(random, 100);
    Signature jdkSigner = Signature.getInstance("ML-DSA");
    jdkSigner.initSign(pair.getPrivate());
    jdkSigner.update(message);
    byte[] jdkSig = jdkSigner.sign();
    assertTrue(BcMlDsaLane.INSTANCE.verify(algorithm, raw, message, new byte[0], jdkSig));
    // a bc-lane signature (hedged) verified by the JDK's Signature API
    byte[] xi = bytes(random, 32);
    byte[] pk = BcMlDsaLane.INSTANCE.publicKey(algorithm, xi);
    byte[] bcSig = BcMlDsaLane.INSTANCE.sign(algorithm, xi, message, new byte[0],
        bytes(random, 32));
    PublicKey jdkKey = KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(
        dev.ronkms.keys.PublicKeyEncoding.toSpki(algorithm, pk)));
    Signature verifier = Signature.getInstance("ML-DSA");
    verifier.initVerify(jdkKey);
    verifier.update(message);
    assertTrue(verifier.verify(bcSig));
  }

  @ParameterizedTest
  @EnumSource(names = {"ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"})
  void mlKemAcrossLanes(Algorithm algorithm) throws Exception {
    MlKemLane bc = BcMlKemLane.INSTANCE;
    JdkMlKemLane jdk = new JdkMlKemLane();
    Random random = new Random(7 + algorithm.ordinal());
    for (int i = 0; i < ROUNDS; i++) {
      byte[] seed = bytes(random, 64);
      byte[] ek = bc.publicKey(algorithm, seed);
      assertArrayEquals(ek, jdk.publicKey(algorithm, seed), "encapsulation key");
      try (Encapsulation fromJdk = jdk.encapsulate(algorithm, ek);
          Encapsulation fromBc = bc.encapsulate(algorithm, ek)) {
        assertArrayEquals(fromJdk.sharedSecret(),
            bc.decapsulate(algorithm, seed, fromJdk.ciphertext()), "JDK -> bc");
        assertArrayEquals(fromBc.sharedSecret(),
            jdk.decapsulate(algorithm, seed, fromBc.ciphertext()), "bc -> JDK");
      }
      byte[] m = bytes(random, 32);
      try (Encapsulation a = BcMlKemLane.INSTANCE.encapsulate(algorithm, ek, m);
          Encapsulation b = jdk.encapsulate(algorithm, ek, m)) {
        assertArrayEquals(a.ciphertext(), b.ciphertext(), "same m, same ciphertext");
        assertArrayEquals(a.sharedSecret(), b.sharedSecret(), "same m, same secret");
      }
      // implicit rejection agrees too
      byte[] junk = bytes(random, algorithm.outputLength());
      assertArrayEquals(bc.decapsulate(algorithm, seed, junk),
          jdk.decapsulate(algorithm, seed, junk), "implicit rejection");
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
