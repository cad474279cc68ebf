package dev.ronkms.pq.lane;

import dev.ronkms.keys.Algorithm;
import java.util.List;

/**
 * The three parameter sets of each family (ML-DSA, FIPS 204; ML-KEM, FIPS 203) and the one
 * mapping every lane makes from an {@link Algorithm} to its library's name or object for it.
 *
 * <p>Guarantees: a lane sees only these parameter sets; any other algorithm is refused with an
 * {@link IllegalArgumentException} naming the family, before the library is asked.
 */
final class ParameterSets {
  /** ML-DSA-44, ML-DSA-65, ML-DSA-87, in that order. */
  static final List<Algorithm> ML_DSA = List.of(Algorithm.ML_DSA_44, Algorithm.ML_DSA_65,
      Algorithm.ML_DSA_87);
  /** ML-KEM-512, ML-KEM-768, ML-KEM-1024, in that order. */
  static final List<Algorithm> ML_KEM = List.of(Algorithm.ML_KEM_512, Algorithm.ML_KEM_768,
      Algorithm.ML_KEM_1024);

  private ParameterSets() {}

  /**
   * The value given for {@code algorithm}, an ML-DSA parameter set.
   *
   * @throws IllegalArgumentException for any other algorithm
   */
  static <T> T mlDsa(Algorithm algorithm, T mlDsa44, T mlDsa65, T mlDsa87) {
    return pick(algorithm, ML_DSA, "ML-DSA", mlDsa44, mlDsa65, mlDsa87);
  }

  /**
   * The value given for {@code algorithm}, an ML-KEM parameter set.
   *
   * @throws IllegalArgumentException for any other algorithm
   */
  static <T> T mlKem(Algorithm algorithm, T mlKem512, T mlKem768, T mlKem1024) {
    return pick(algorithm, ML_KEM, "ML-KEM", mlKem512, mlKem768, mlKem1024);
  }

  private static <T> T pick(Algorithm algorithm, List<Algorithm> family, String name, T first,
      T second, T third) {
    switch (family.indexOf(algorithm)) {
      case 0:
        return first;
      case 1:
        return second;
      case 2:
        return third;
      default:
        throw new IllegalArgumentException("not an " + name + " parameter set: "
            + algorithm.id());
    }
  }
}
