package dev.ronkms.pq;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;

/**
 * Recognises an expanded FIPS 204 ML-DSA private key (rho || K || tr || s1 || s2 || t0: 2560,
 * 4032 or 4896 bytes) offered where a seed is expected, and checks that it is consistent:
 * Bouncy Castle's parser recomputes t1 = HighBits(A s1 + s2) and refuses the key unless
 * tr == H(rho || t1) (one matrix product: the cost of a key generation). Package-private.
 */
final class MlDsaExpanded {
  private MlDsaExpanded() {}

  /** The length of an expanded private key of {@code algorithm}, or -1 for another algorithm. */
  static int expandedLength(Algorithm algorithm) {
    switch (algorithm) {
      case ML_DSA_44:
        return 2560;
      case ML_DSA_65:
        return 4032;
      case ML_DSA_87:
        return 4896;
      default:
        return -1;
    }
  }

  /**
   * Validates {@code sk} as an expanded key of {@code algorithm}.
   *
   * @throws KmsException {@code MALFORMED_KEY} naming the failed check
   */
  static void check(Algorithm algorithm, byte[] sk) {
    MLDSAParameters params;
    switch (algorithm) {
      case ML_DSA_44:
        params = MLDSAParameters.ml_dsa_44;
        break;
      case ML_DSA_65:
        params = MLDSAParameters.ml_dsa_65;
        break;
      default:
        params = MLDSAParameters.ml_dsa_87;
        break;
    }
    MLDSAPrivateKeyParameters parsed;
    try {
      parsed = new MLDSAPrivateKeyParameters(params, sk);
    } catch (RuntimeException e) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "the expanded " + algorithm.id()
          + " private key is inconsistent: its tr is not H(rho || t1) for the t1 its s1 and s2"
          + " give");
    }
    parsed.destroy();
  }
}
