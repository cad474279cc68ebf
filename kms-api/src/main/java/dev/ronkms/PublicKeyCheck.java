package dev.ronkms;

import dev.ronkms.ed25519.Ed25519PublicKey;
import dev.ronkms.keys.Algorithm;

/**
 * The validity checks a public key must pass before the engine stores it (imports) or a provider
 * sees it, beyond its exact length (docs/SECURITY.md, "Public key checks"):
 * <ul>
 *   <li>Ed25519, and the Ed25519 half of a composite key: the project's verification policy
 *       (canonical, on the curve, not of small order), so that signatures by it can verify;</li>
 *   <li>ML-KEM: the FIPS 203 (section 7.2) modulus check, every 12-bit coefficient of the
 *       encoded vector below q = 3329;</li>
 *   <li>ML-DSA: its length (FIPS 204 defines no further check).</li>
 * </ul>
 * Pure functions of their input; no library is called.
 */
public final class PublicKeyCheck {
  private static final int Q = 3329;
  private static final int ED25519_LENGTH = 32;

  private PublicKeyCheck() {}

  /**
   * True when {@code raw} is a valid public key of {@code algorithm}, length included.
   *
   * @param algorithm the algorithm
   * @param raw the raw public key
   * @return true when {@code raw} is a valid public key of {@code algorithm}, length included
   */
  public static boolean accepts(Algorithm algorithm, byte[] raw) {
    if (algorithm == null || raw == null || raw.length != algorithm.publicKeyLength()) {
      return false;
    }
    if (algorithm == Algorithm.ED25519) {
      return Ed25519PublicKey.tryDecode(raw).isPresent();
    }
    if (algorithm.composite()) {
      byte[] ed = new byte[ED25519_LENGTH];
      System.arraycopy(raw, raw.length - ED25519_LENGTH, ed, 0, ED25519_LENGTH);
      return Ed25519PublicKey.tryDecode(ed).isPresent();
    }
    if (algorithm.kind() == Algorithm.Kind.KEM) {
      return mlKemModulusCheck(raw);
    }
    return true;
  }

  /**
   * What {@link #accepts} checks for {@code algorithm}, for error messages.
   *
   * @param algorithm the algorithm
   * @return what {@link #accepts} checks for {@code algorithm}, for error messages
   */
  public static String describe(Algorithm algorithm) {
    if (algorithm == Algorithm.ED25519) {
      return "canonical, on the curve, not of small order";
    }
    if (algorithm.composite()) {
      return "its Ed25519 half canonical, on the curve, not of small order";
    }
    if (algorithm.kind() == Algorithm.Kind.KEM) {
      return "the FIPS 203 modulus check";
    }
    return "its length";
  }

  /**
   * FIPS 203 section 7.2: ByteEncode12(ByteDecode12(ek[0:384k])) == ek[0:384k], which holds
   * exactly when every 12-bit coefficient is below q. The last 32 bytes (rho) are free.
   */
  static boolean mlKemModulusCheck(byte[] ek) {
    int encoded = ek.length - 32;
    boolean ok = true;
    for (int i = 0; i < encoded; i += 3) {
      int b0 = ek[i] & 0xff;
      int b1 = ek[i + 1] & 0xff;
      int b2 = ek[i + 2] & 0xff;
      int c0 = b0 | ((b1 & 0x0f) << 8);
      int c1 = (b1 >>> 4) | (b2 << 4);
      ok &= c0 < Q & c1 < Q;
    }
    return ok;
  }
}
