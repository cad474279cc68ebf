package dev.ronkms.pq;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.PublicKeyCheck;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.pq.lane.BcMlKemLane;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * ML-KEM with an <em>expanded</em> FIPS 203 decapsulation key, for hosts that hold one from
 * elsewhere (ron-kms itself keeps only the 64-byte seed d||z, which an expanded key cannot give
 * back). Every input is validated before the library sees it, because Bouncy Castle's extractor
 * checks none of it (testdata/vectors/README.md):
 * <ol>
 *   <li>dk is exactly 768k + 96 bytes: dk_PKE (384k) || ek (384k + 32) || H(ek) (32) || z (32);</li>
 *   <li>the embedded ek passes the FIPS 203 modulus check ({@link PublicKeyCheck#accepts});</li>
 *   <li>the stored hash equals SHA3-256(ek) (FIPS 203 section 7.3, "hash check");</li>
 *   <li>the ciphertext is exactly {@link Algorithm#outputLength()} bytes.</li>
 * </ol>
 * Stateless and thread-safe; no key byte reaches an exception message.
 */
public final class MlKemExpanded {
  private MlKemExpanded() {}

  /**
   * The length of an expanded decapsulation key of {@code algorithm} (768k + 96).
   *
   * @param algorithm the algorithm
   * @return the length of an expanded decapsulation key of {@code algorithm} (768k + 96)
   */
  public static int expandedLength(Algorithm algorithm) {
    requireKem(algorithm);
    return 768 * k(algorithm) + 96;
  }

  /**
   * The shared secret in {@code ciphertext} for the expanded key {@code expandedDk}
   * (ML-KEM.Decaps, with implicit rejection for a well-formed wrong ciphertext).
   *
   * @param algorithm the algorithm
   * @param expandedDk the expanded decapsulation key
   * @param ciphertext the ciphertext
   * @return the shared secret in {@code ciphertext} for the expanded key {@code expandedDk}
   *     (ML-KEM.Decaps, with implicit rejection for a well-formed wrong ciphertext)
   * @throws KmsException {@code UNSUPPORTED_ALGORITHM} for an algorithm that is not ML-KEM,
   *     {@code MALFORMED_KEY} naming the check the key failed, {@code MALFORMED_CIPHERTEXT} for a
   *     ciphertext of the wrong length, {@code BACKEND_FAILURE} when the library fails
   */
  public static byte[] decapsulate(Algorithm algorithm, byte[] expandedDk, byte[] ciphertext) {
    check(algorithm, expandedDk);
    if (ciphertext == null || ciphertext.length != algorithm.outputLength()) {
      throw new KmsException(ErrorCode.MALFORMED_CIPHERTEXT, "an " + algorithm.id()
          + " ciphertext is " + algorithm.outputLength() + " bytes, got "
          + (ciphertext == null ? "null" : ciphertext.length + " bytes"));
    }
    try {
      return BcMlKemLane.INSTANCE.decapsulateExpanded(algorithm, expandedDk, ciphertext);
    } catch (RuntimeException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "ML-KEM decapsulation failed: "
          + e.getClass().getName());
    }
  }

  /**
   * Validates an expanded decapsulation key (length, modulus check of the embedded ek, H(ek)).
   *
   * @param algorithm the algorithm
   * @param expandedDk the expanded decapsulation key
   * @throws KmsException {@code MALFORMED_KEY} naming the failed check,
   *     {@code UNSUPPORTED_ALGORITHM} for an algorithm that is not ML-KEM
   */
  public static void check(Algorithm algorithm, byte[] expandedDk) {
    int length = expandedLength(algorithm);
    if (expandedDk == null || expandedDk.length != length) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an expanded " + algorithm.id()
          + " decapsulation key is " + length + " bytes, got "
          + (expandedDk == null ? "null" : expandedDk.length + " bytes"));
    }
    int k = k(algorithm);
    int ekStart = 384 * k;
    int ekEnd = ekStart + algorithm.publicKeyLength();
    byte[] ek = Arrays.copyOfRange(expandedDk, ekStart, ekEnd);
    if (!PublicKeyCheck.accepts(algorithm, ek)) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "the encapsulation key inside the expanded "
          + algorithm.id() + " decapsulation key fails " + PublicKeyCheck.describe(algorithm));
    }
    byte[] hash = sha3(ek);
    if (!MessageDigest.isEqual(hash, Arrays.copyOfRange(expandedDk, ekEnd, ekEnd + 32))) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "the expanded " + algorithm.id()
          + " decapsulation key fails the FIPS 203 hash check: its H(ek) is not SHA3-256 of its"
          + " encapsulation key");
    }
  }

  private static byte[] sha3(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA3-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "this JDK has no SHA3-256");
    }
  }

  private static int k(Algorithm algorithm) {
    return (algorithm.publicKeyLength() - 32) / 384;
  }

  private static void requireKem(Algorithm algorithm) {
    if (algorithm != Algorithm.ML_KEM_512 && algorithm != Algorithm.ML_KEM_768
        && algorithm != Algorithm.ML_KEM_1024) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "not an ML-KEM algorithm: "
          + (algorithm == null ? "null" : algorithm.id()));
    }
  }
}
