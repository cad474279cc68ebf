package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Encapsulation;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM on Bouncy Castle's low-level API: {@link MLKEMPrivateKeyParameters} from the seed d||z,
 * {@link MLKEMGenerator} and {@link MLKEMExtractor}. The extractor checks no length (it returns a
 * key for an over-long ciphertext, see testdata/vectors): callers check first, as the
 * {@link MlKemLane} contract says.
 */
public final class BcMlKemLane implements MlKemLane {
  /** The one instance (stateless). */
  public static final BcMlKemLane INSTANCE = new BcMlKemLane();

  private static final SecureRandom RANDOM = new SecureRandom();

  private BcMlKemLane() {}

  @Override
  public String name() {
    return "bc";
  }

  static MLKEMParameters parameters(Algorithm algorithm) {
    return ParameterSets.mlKem(algorithm, MLKEMParameters.ml_kem_512,
        MLKEMParameters.ml_kem_768, MLKEMParameters.ml_kem_1024);
  }

  @Override
  public byte[] publicKey(Algorithm algorithm, byte[] seed) {
    return new MLKEMPrivateKeyParameters(parameters(algorithm), seed).getPublicKey();
  }

  @Override
  public Encapsulation encapsulate(Algorithm algorithm, byte[] encapsulationKey)
      throws Exception {
    return encapsulate(algorithm, encapsulationKey, RANDOM);
  }

  /** As {@link #encapsulate(Algorithm, byte[])} with the 32-byte message m given (tests). */
  public Encapsulation encapsulate(Algorithm algorithm, byte[] encapsulationKey, byte[] m)
      throws Exception {
    return encapsulate(algorithm, encapsulationKey, new FixedRandom(m));
  }

  private static Encapsulation encapsulate(Algorithm algorithm, byte[] encapsulationKey,
      SecureRandom random) throws Exception {
    MLKEMPublicKeyParameters ek = new MLKEMPublicKeyParameters(parameters(algorithm),
        encapsulationKey);
    SecretWithEncapsulation out = new MLKEMGenerator(random).generateEncapsulated(ek);
    byte[] secret = out.getSecret();
    try {
      return new Encapsulation(out.getEncapsulation(), secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
      out.destroy();
    }
  }

  @Override
  public byte[] decapsulate(Algorithm algorithm, byte[] seed, byte[] ciphertext) {
    return new MLKEMExtractor(new MLKEMPrivateKeyParameters(parameters(algorithm), seed))
        .extractSecret(ciphertext);
  }

  /**
   * Decapsulates with an expanded FIPS 203 decapsulation key dk (384k + 384k+32 + 32 + 32
   * bytes), which the caller has validated (length, modulus check of the embedded ek, H(ek)).
   */
  public byte[] decapsulateExpanded(Algorithm algorithm, byte[] dk, byte[] ciphertext) {
    MLKEMParameters params = parameters(algorithm);
    int k = params.getK();
    int sLength = 384 * k;
    int ekLength = 384 * k + 32;
    byte[] s = Arrays.copyOfRange(dk, 0, sLength);
    byte[] t = Arrays.copyOfRange(dk, sLength, sLength + 384 * k);
    byte[] rho = Arrays.copyOfRange(dk, sLength + 384 * k, sLength + ekLength);
    byte[] hpk = Arrays.copyOfRange(dk, sLength + ekLength, sLength + ekLength + 32);
    byte[] z = Arrays.copyOfRange(dk, sLength + ekLength + 32, sLength + ekLength + 64);
    MLKEMPrivateKeyParameters key = new MLKEMPrivateKeyParameters(params, s, hpk, z, t, rho);
    try {
      return new MLKEMExtractor(key).extractSecret(ciphertext);
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(z, (byte) 0);
      key.destroy();
    }
  }

  @Override
  public PreparedKey prepare(Algorithm algorithm, byte[] seed) {
    MLKEMPrivateKeyParameters key = new MLKEMPrivateKeyParameters(parameters(algorithm), seed);
    byte[] publicKey = key.getPublicKey();
    return new PreparedKey() {
      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] decapsulate(byte[] ciphertext) {
        return new MLKEMExtractor(key).extractSecret(ciphertext);
      }

      @Override
      public void destroy() {
        key.destroy();
      }
    };
  }
}
