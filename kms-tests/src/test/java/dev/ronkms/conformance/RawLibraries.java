package dev.ronkms.conformance;

import com.google.crypto.tink.subtle.Ed25519Verify;
import dev.ronkms.provider.jdk.SunEcKeys;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The three libraries called raw, as a host would call them without ron-kms: no policy
 * precheck, no fallback. Any exception counts as a reject. A public key that is not 32 bytes
 * cannot be handed to the JDK's point-based key spec and counts as a reject there. SunEC is
 * reached through kms-provider-jdk's {@link SunEcKeys}, pinned to the SunEC provider.
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

  /** SunEC as a host would call it: decode the key with the project's codec, verify. */
  static boolean sunEc(byte[] pk, byte[] msg, byte[] sig) throws Exception {
    if (pk.length != 32) {
      return false;
    }
    Signature s = SunEcKeys.signature();
    s.initVerify(SunEcKeys.publicKey(pk));
    s.update(msg);
    return s.verify(sig);
  }
}
