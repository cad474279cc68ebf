package dev.ronkms.conformance;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Textbook Ed25519 arithmetic on {@link BigInteger}: slow, simple and independent of every
 * implementation under test. The parity suite uses it to build adversarial inputs (mixed-order
 * keys, torsion-shifted R, off-curve points) that no library would produce.
 */
public final class EdwardsModel {
  public static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  public static final BigInteger L = BigInteger.TWO.pow(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));
  static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(
      P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** The base point B. */
  public static final Point BASE = decode(Hex.decode(
      "5866666666666666666666666666666666666666666666666666666666666666"));
  /** The identity. */
  public static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);

  private EdwardsModel() {}

  /** An affine point (x, y). */
  public record Point(BigInteger x, BigInteger y) {
    public Point add(Point o) {
      BigInteger dxy = D.multiply(x).multiply(o.x).multiply(y).multiply(o.y).mod(P);
      BigInteger nx = x.multiply(o.y).add(o.x.multiply(y))
          .multiply(BigInteger.ONE.add(dxy).modInverse(P)).mod(P);
      BigInteger ny = y.multiply(o.y).add(x.multiply(o.x))
          .multiply(BigInteger.ONE.subtract(dxy).modInverse(P)).mod(P);
      return new Point(nx, ny);
    }

    public Point negate() {
      return new Point(P.subtract(x).mod(P), y);
    }

    /** [n]this by double-and-add (n &ge; 0). */
    public Point times(BigInteger n) {
      Point result = IDENTITY;
      Point addend = this;
      for (int i = 0; i < n.bitLength(); i++) {
        if (n.testBit(i)) {
          result = result.add(addend);
        }
        addend = addend.add(addend);
      }
      return result;
    }

    /** The canonical 32-byte encoding. */
    public byte[] encode() {
      return EdwardsModel.encode(y, x.testBit(0));
    }
  }

  /** Encodes {@code y} (any value below 2^255) with the given sign bit, little-endian. */
  public static byte[] encode(BigInteger y, boolean signBit) {
    byte[] out = new byte[32];
    byte[] be = y.toByteArray();
    for (int i = 0; i < 32 && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    if (signBit) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /** Decodes leniently (y may be &ge; p); null when no x exists. */
  public static Point decode(byte[] enc) {
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = enc[31 - i];
    }
    boolean sign = (be[0] & 0x80) != 0;
    be[0] &= 0x7f;
    BigInteger y = new BigInteger(1, be).mod(P);
    BigInteger x = recoverX(y);
    if (x == null) {
      return null;
    }
    if (x.testBit(0) != sign) {
      x = P.subtract(x).mod(P);
    }
    return new Point(x, y);
  }

  /** One x with x^2 = (y^2 - 1)/(d y^2 + 1), or null. */
  static BigInteger recoverX(BigInteger y) {
    BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
    BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    return x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO) ? x : null;
  }

  /** True when some point has this y. */
  public static boolean onCurve(BigInteger y) {
    return recoverX(y.mod(P)) != null;
  }

  /** The points of order exactly 1, 2, 4 and 8, in the order of their canonical encodings. */
  public static Point[] smallOrderPoints() {
    Point t8 = decode(Hex.decode(
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"));
    Point[] out = new Point[8];
    Point acc = IDENTITY;
    for (int i = 0; i < 8; i++) {
      out[i] = acc;
      acc = acc.add(t8);
    }
    return out;
  }

  /** k = SHA-512(R ‖ A ‖ M) mod L, over the encodings as given. */
  public static BigInteger challenge(byte[] r, byte[] a, byte[] message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      sha.update(r);
      sha.update(a);
      byte[] h = sha.digest(message);
      return littleEndian(h).mod(L);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A signature R ‖ S with S = r + k·a mod L, where R and A are given as encodings. */
  public static byte[] sign(BigInteger a, byte[] aEncoding, BigInteger r, byte[] rEncoding,
      byte[] message) {
    BigInteger k = challenge(rEncoding, aEncoding, message);
    BigInteger s = r.add(k.multiply(a)).mod(L);
    byte[] sig = new byte[64];
    System.arraycopy(rEncoding, 0, sig, 0, 32);
    System.arraycopy(encode(s, false), 0, sig, 32, 32);
    return sig;
  }

  /** The cofactored equation [8]([S]B - R - [k]A) = 0 on (leniently) decoded points. */
  public static boolean cofactoredEquation(byte[] aEnc, byte[] message, byte[] sig) {
    Point a = decode(aEnc);
    byte[] rEnc = java.util.Arrays.copyOfRange(sig, 0, 32);
    Point r = decode(rEnc);
    if (a == null || r == null) {
      return false;
    }
    BigInteger s = littleEndian(java.util.Arrays.copyOfRange(sig, 32, 64));
    BigInteger k = challenge(rEnc, aEnc, message);
    Point lhs = BASE.times(s).add(r.negate()).add(a.times(k).negate());
    return lhs.times(BigInteger.valueOf(8)).equals(IDENTITY);
  }

  public static BigInteger littleEndian(byte[] b) {
    byte[] be = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      be[i] = b[b.length - 1 - i];
    }
    return new BigInteger(1, be);
  }
}
