package dev.ronkms.conformance;

import dev.ronkms.ed25519.model.EdwardsModel;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The verification policy of docs/SECURITY.md restated on {@link EdwardsModel}'s BigInteger
 * arithmetic: an oracle that shares no code with the implementations under test, used to derive
 * the expected answer of every generated case and to cross-check the vector files.
 */
public final class ModelPolicy {
  private ModelPolicy() {}

  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null || publicKey.length != 32 || signature == null
        || signature.length != 64 || message == null) {
      return false;
    }
    byte[] r = Arrays.copyOfRange(signature, 0, 32);
    BigInteger s = EdwardsModel.littleEndian(Arrays.copyOfRange(signature, 32, 64));
    if (s.compareTo(EdwardsModel.L) >= 0) {
      return false;
    }
    if (!canonical(publicKey) || !canonical(r) || smallOrder(publicKey) || smallOrder(r)) {
      return false;
    }
    return EdwardsModel.cofactoredEquation(publicKey, message, signature);
  }

  /** y &lt; p, and the sign bit clear when x = 0. */
  static boolean canonical(byte[] enc) {
    byte[] masked = enc.clone();
    masked[31] &= 0x7f;
    BigInteger y = EdwardsModel.littleEndian(masked);
    if (y.compareTo(EdwardsModel.P) >= 0) {
      return false;
    }
    boolean sign = (enc[31] & 0x80) != 0;
    BigInteger x = EdwardsModel.recoverX(y);
    return !(sign && x != null && x.signum() == 0);
  }

  /** [8]P is the identity (false for encodings that do not decode). */
  static boolean smallOrder(byte[] enc) {
    EdwardsModel.Point p = EdwardsModel.decode(enc);
    return p != null && p.times(BigInteger.valueOf(8)).equals(EdwardsModel.IDENTITY);
  }
}
