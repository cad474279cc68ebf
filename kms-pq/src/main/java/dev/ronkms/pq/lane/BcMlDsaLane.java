package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithContext;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.MLDSASigner;

/**
 * ML-DSA on Bouncy Castle's low-level API: {@link MLDSAPrivateKeyParameters} built from the seed
 * xi (KeyGen_internal), {@link MLDSASigner} with a {@link ParametersWithContext} around a
 * {@link ParametersWithRandom} that hands out exactly the 32-byte rnd. Serves every call, context
 * strings and external mu included.
 */
public final class BcMlDsaLane implements MlDsaLane {
  /** The one instance (stateless). */
  public static final BcMlDsaLane INSTANCE = new BcMlDsaLane();

  private BcMlDsaLane() {}

  @Override
  public String name() {
    return "bc";
  }

  static MLDSAParameters parameters(Algorithm algorithm) {
    return ParameterSets.mlDsa(algorithm, MLDSAParameters.ml_dsa_44, MLDSAParameters.ml_dsa_65,
        MLDSAParameters.ml_dsa_87);
  }

  @Override
  public byte[] publicKey(Algorithm algorithm, byte[] xi) throws Exception {
    return new MLDSAPrivateKeyParameters(parameters(algorithm), xi).getPublicKey();
  }

  @Override
  public byte[] sign(Algorithm algorithm, byte[] xi, byte[] message, byte[] context,
      byte[] rnd) throws Exception {
    return sign(new MLDSAPrivateKeyParameters(parameters(algorithm), xi), message, context, rnd);
  }

  @Override
  public PreparedKey prepare(Algorithm algorithm, byte[] xi) throws Exception {
    MLDSAPrivateKeyParameters key = new MLDSAPrivateKeyParameters(parameters(algorithm), xi);
    byte[] publicKey = key.getPublicKey();
    return new PreparedKey() {
      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] sign(byte[] message, byte[] context, byte[] rnd) throws Exception {
        return BcMlDsaLane.sign(key, message, context, rnd);
      }

      @Override
      public void destroy() {
        key.destroy();
      }
    };
  }

  static byte[] sign(MLDSAPrivateKeyParameters key, byte[] message, byte[] context,
      byte[] rnd) throws Exception {
    MLDSASigner signer = new MLDSASigner();
    signer.init(true, withContext(new ParametersWithRandom(key, new FixedRandom(rnd)), context));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /**
   * The signature for the external mu {@code mu} (FIPS 204 algorithm 7 entered after line 6,
   * as Wycheproof's {@code mu} cases): Bouncy Castle's {@link MLDSASigner#generateMuSignature}.
   */
  public byte[] signMu(Algorithm algorithm, byte[] xi, byte[] mu, byte[] rnd) throws Exception {
    MLDSASigner signer = new MLDSASigner();
    signer.init(true, new ParametersWithRandom(
        new MLDSAPrivateKeyParameters(parameters(algorithm), xi), new FixedRandom(rnd)));
    return signer.generateMuSignature(mu);
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message, byte[] context,
      byte[] signature) {
    try {
      MLDSASigner verifier = new MLDSASigner();
      verifier.init(false, withContext(
          new MLDSAPublicKeyParameters(parameters(algorithm), publicKey), context));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static CipherParameters withContext(CipherParameters inner, byte[] context) {
    return context == null || context.length == 0 ? inner
        : new ParametersWithContext(inner, context);
  }
}
