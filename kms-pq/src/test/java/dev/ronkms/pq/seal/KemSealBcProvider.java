package dev.ronkms.pq.seal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Encapsulation;
import dev.ronkms.spi.KemProvider;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.SoftwareKeyProvider;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * A test-only ML-KEM provider on Bouncy Castle's low-level MLKEM classes, so the KEM sealing
 * tests do not depend on the pq-bc / pq-jdk providers. Encapsulation randomness is seeded.
 */
class KemSealBcProvider extends SoftwareKeyProvider implements KemProvider {
  static final String NAME = "kemseal-test";
  private final SecureRandom random;

  KemSealBcProvider(long seed) {
    this(NAME, seed);
  }

  KemSealBcProvider(String name, long seed) {
    super(name, 1, Set.of(Algorithm.ML_KEM_512, Algorithm.ML_KEM_768, Algorithm.ML_KEM_1024));
    try {
      random = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    random.setSeed(seed);
  }

  static MLKEMParameters parameters(Algorithm algorithm) {
    switch (algorithm) {
      case ML_KEM_512:
        return MLKEMParameters.ml_kem_512;
      case ML_KEM_768:
        return MLKEMParameters.ml_kem_768;
      case ML_KEM_1024:
        return MLKEMParameters.ml_kem_1024;
      default:
        throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, algorithm.id());
    }
  }

  /** The encapsulation key of a 64-byte seed d||z. */
  static byte[] publicKeyOf(Algorithm algorithm, byte[] seed) {
    return new MLKEMPrivateKeyParameters(parameters(algorithm), seed).getPublicKey();
  }

  @Override
  protected byte[] derivePublicKey(Algorithm algorithm, byte[] seed) {
    return publicKeyOf(algorithm, seed);
  }

  @Override
  public Encapsulation encapsulate(Algorithm algorithm, byte[] publicKey) {
    if (publicKey == null || publicKey.length != algorithm.publicKeyLength()) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "wrong length");
    }
    SecretWithEncapsulation s;
    synchronized (random) {
      s = new MLKEMGenerator(random).generateEncapsulated(
          new MLKEMPublicKeyParameters(parameters(algorithm), publicKey));
    }
    return new Encapsulation(s.getEncapsulation(), s.getSecret());
  }

  @Override
  public byte[] decapsulate(PrivateKeyHandle key, byte[] ciphertext) {
    return withKey(key, "decapsulate", (algorithm, seed) -> {
      if (ciphertext == null || ciphertext.length != algorithm.outputLength()) {
        throw new KmsException(ErrorCode.MALFORMED_CIPHERTEXT, "wrong length");
      }
      return new MLKEMExtractor(new MLKEMPrivateKeyParameters(parameters(algorithm), seed))
          .extractSecret(ciphertext);
    });
  }
}
