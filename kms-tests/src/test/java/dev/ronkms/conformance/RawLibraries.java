package dev.ronkms.conformance;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The three libraries called raw, as a host would call them without ron-kms: no policy
 * precheck, no fallback. Any exception counts as a reject. A public key that is not 32 bytes
 * cannot be handed to the JDK's point-based key spec and counts as a reject there.
 */
final class RawLibraries {
  private RawLibraries() {}

  interface Raw {
    boolean verify(byte[] pk, byte[] msg, byte[] sig) throws Exception;
  }

  static Map<String, Raw> all() {
    Map<String, Raw> out = new LinkedHashMap<>();
    out.put("Bouncy Castle 1.87", (pk, msg, sig) -> Ed25519.verify(sig, 0, pk, 0, msg, 0,
        msg.length));
    out.put("Tink 1.24", (pk, msg, sig) -> {
      new Ed25519Verify(pk).verify(sig, msg);
      return true;
    });
    out.put("SunEC (JDK " + Runtime.version().feature() + ")", RawLibraries::sunEc);
    return out;
  }

  static boolean answer(Raw raw, Ed25519Vector v) {
    try {
      return raw.verify(v.publicKey(), v.message(), v.signature());
    } catch (Exception | LinkageError e) {
      return false;
    }
  }

  static boolean sunEc(byte[] pk, byte[] msg, byte[] sig) throws Exception {
    if (pk.length != 32) {
      return false;
    }
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = pk[31 - i];
    }
    boolean xOdd = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(
        NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be)))));
    s.update(msg);
    return s.verify(sig);
  }
}
