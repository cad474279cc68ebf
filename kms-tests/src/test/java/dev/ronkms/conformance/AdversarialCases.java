package dev.ronkms.conformance;

import static dev.ronkms.ed25519.model.EdwardsModel.BASE;
import static dev.ronkms.ed25519.model.EdwardsModel.L;
import static dev.ronkms.ed25519.model.EdwardsModel.P;

import dev.ronkms.ed25519.model.EdwardsModel;
import dev.ronkms.ed25519.model.EdwardsModel.Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Edge cases generated in the tests themselves (issue 3): small-order and mixed-order A and R,
 * non-canonical encodings, S = L, S &gt; L, S with the top bits set, S = 0, y &ge; p, x = −0,
 * points off the curve, wrong lengths, bit flips. The expected answer of every case comes from
 * {@link ModelPolicy}, and each case carries a category so tests and docs can group them.
 */
public final class AdversarialCases {

  /** One generated case. */
  public record Case(String category, Ed25519Vector vector) {
    @Override
    public String toString() {
      return vector.source();
    }
  }

  private AdversarialCases() {}

  /** A reproducible set of cases for {@code seed}; a few hundred, built in well under a second. */
  public static List<Case> generate(long seed, int keys) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Case> out = new ArrayList<>();
    Point[] torsion = EdwardsModel.smallOrderPoints();
    for (int i = 0; i < keys; i++) {
      BigInteger a = scalar(rnd);
      Point aPoint = BASE.times(a);
      byte[] pk = aPoint.encode();
      byte[] msg = ("adversarial message " + seed + "/" + i).getBytes(StandardCharsets.UTF_8);
      BigInteger r = scalar(rnd);
      Point rPoint = BASE.times(r);
      byte[] sig = EdwardsModel.sign(a, pk, r, rPoint.encode(), msg);
      String k = "key " + i + ": ";

      add(out, "valid", k + "valid signature", pk, msg, sig);
      add(out, "tampered", k + "message bit flipped", pk, flip(msg, rnd), sig);
      add(out, "tampered", k + "signature bit flipped", pk, msg, flip(sig, rnd));
      add(out, "tampered", k + "public key bit flipped", flip(pk, rnd), msg, sig);

      for (int t = 1; t < 8; t++) {
        byte[] mixedA = aPoint.add(torsion[t]).encode();
        add(out, "mixed-order A", k + "A + T" + t, mixedA, msg,
            EdwardsModel.sign(a, mixedA, r, rPoint.encode(), msg));
        byte[] mixedR = rPoint.add(torsion[t]).encode();
        add(out, "mixed-order R", k + "R + T" + t, pk, msg,
            EdwardsModel.sign(a, pk, r, mixedR, msg));
        add(out, "mixed-order A and R", k + "A + T" + t + ", R + T" + (8 - t), mixedA, msg,
            EdwardsModel.sign(a, mixedA, r, rPoint.add(torsion[8 - t]).encode(), msg));
      }
      for (int t = 0; t < 8; t++) {
        byte[] small = torsion[t].encode();
        add(out, "small-order A", k + "A = T" + t, small, msg,
            EdwardsModel.sign(BigInteger.ZERO, small, r, rPoint.encode(), msg));
        add(out, "small-order R", k + "R = T" + t, pk, msg,
            EdwardsModel.sign(a, pk, BigInteger.ZERO, small, msg));
      }

      BigInteger s = EdwardsModel.littleEndian(Arrays.copyOfRange(sig, 32, 64));
      add(out, "S out of range", k + "S = L", pk, msg, withS(sig, L));
      add(out, "S out of range", k + "S + L", pk, msg, withS(sig, s.add(L)));
      byte[] topBits = sig.clone();
      topBits[63] |= (byte) 0xe0;
      add(out, "S out of range", k + "S with the top three bits set", pk, msg, topBits);
      add(out, "S zero", k + "S = 0", pk, msg, withS(sig, BigInteger.ZERO));

      byte[] negZeroA = EdwardsModel.encode(BigInteger.ONE, true);
      add(out, "x = -0", k + "A = (x = -0, y = 1)", negZeroA, msg, sig);
      add(out, "x = -0", k + "R = (x = -0, y = p - 1)", pk, msg,
          withR(sig, EdwardsModel.encode(P.subtract(BigInteger.ONE), true)));

      byte[] offCurve = offCurve(rnd);
      add(out, "off curve", k + "A off the curve", offCurve, msg, sig);
      add(out, "off curve", k + "R off the curve", pk, msg, withR(sig, offCurve));

      add(out, "length", k + "public key 31 bytes", Arrays.copyOf(pk, 31), msg, sig);
      add(out, "length", k + "public key 33 bytes", Arrays.copyOf(pk, 33), msg, sig);
      add(out, "length", k + "signature 63 bytes", pk, msg, Arrays.copyOf(sig, 63));
      add(out, "length", k + "signature 65 bytes (trailing zero)", pk, msg,
          Arrays.copyOf(sig, 65));
      add(out, "length", k + "empty signature", pk, msg, new byte[0]);
    }
    for (BigInteger y = BigInteger.ZERO; y.compareTo(BigInteger.valueOf(19)) < 0;
        y = y.add(BigInteger.ONE)) {
      if (!EdwardsModel.onCurve(y)) {
        continue;
      }
      byte[] nonCanonical = EdwardsModel.encode(y.add(P), false);
      byte[] pk = BASE.times(BigInteger.valueOf(7)).encode();
      byte[] msg = "non-canonical".getBytes(StandardCharsets.UTF_8);
      byte[] sig = EdwardsModel.sign(BigInteger.valueOf(7), pk, BigInteger.valueOf(11),
          BASE.times(BigInteger.valueOf(11)).encode(), msg);
      add(out, "y >= p", "A with y = " + y + " + p", nonCanonical, msg, sig);
      add(out, "y >= p", "R with y = " + y + " + p", pk, msg, withR(sig, nonCanonical));
    }
    return out;
  }

  private static void add(List<Case> out, String category, String name, byte[] pk, byte[] msg,
      byte[] sig) {
    boolean expected = ModelPolicy.verify(pk, msg, sig);
    out.add(new Case(category, new Ed25519Vector("generated " + category + " / " + name, pk,
        msg, sig, expected, null)));
  }

  static BigInteger scalar(SplittableRandom rnd) {
    byte[] b = new byte[40];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return new BigInteger(1, b).mod(L.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  private static byte[] flip(byte[] b, SplittableRandom rnd) {
    byte[] c = b.length == 0 ? new byte[] {1} : b.clone();
    int bit = rnd.nextInt(c.length * 8);
    c[bit / 8] ^= (byte) (1 << (bit % 8));
    return c;
  }

  private static byte[] withS(byte[] sig, BigInteger s) {
    byte[] c = sig.clone();
    byte[] enc = new byte[32];
    byte[] be = s.toByteArray();
    for (int i = 0; i < 32 && i < be.length; i++) {
      enc[i] = be[be.length - 1 - i];
    }
    System.arraycopy(enc, 0, c, 32, 32);
    return c;
  }

  private static byte[] withR(byte[] sig, byte[] r) {
    byte[] c = sig.clone();
    System.arraycopy(r, 0, c, 0, 32);
    return c;
  }

  private static byte[] offCurve(SplittableRandom rnd) {
    while (true) {
      BigInteger y = new BigInteger(254, new java.util.Random(rnd.nextLong()));
      if (!EdwardsModel.onCurve(y)) {
        return EdwardsModel.encode(y, false);
      }
    }
  }
}
