package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Argon2id parameters (RFC 9106) that turn a passphrase into a store key: memory in KiB,
 * iterations (passes), parallelism (lanes) and the salt. None of them is secret; the caller
 * stores them beside what the key seals (for example in a store's header, as {@link #encode()}
 * writes them) and passes the same values to open it again.
 *
 * <p>Guarantees: every instance is within the bounds below, so parameters read back from an
 * untrusted header cannot ask for unbounded work: memory from 8 × parallelism KiB to 4 GiB
 * (4,194,304 KiB), iterations 1 to 1,024, parallelism 1 to 64, salt 16 to 64 bytes; anything
 * else is {@code INVALID_ARGUMENT}. Immutable (the salt is copied in and out); equal when all
 * four are equal.
 *
 * @param memoryKiB Argon2's m, in KiB
 * @param iterations Argon2's t
 * @param parallelism Argon2's p
 * @param salt the salt (a copy is kept and returned)
 */
public record PassphraseParameters(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  /** The default memory: 64 MiB. */
  public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
  /** The default number of passes. */
  public static final int DEFAULT_ITERATIONS = 3;
  /** The default number of lanes. */
  public static final int DEFAULT_PARALLELISM = 1;
  /** The length of a generated salt. */
  public static final int SALT_LENGTH = 16;

  private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  private static final int MAX_ITERATIONS = 1024;
  private static final int MAX_PARALLELISM = 64;
  private static final int MAX_SALT = 64;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ENCODED = Pattern.compile(
      "argon2id\\$v=19\\$m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,9})"
          + "\\$([A-Za-z0-9+/]{22,86})");

  /**
   * Checks the bounds and copies the salt.
   *
   * @param iterations the iterations
   * @param memoryKiB the memory ki b
   * @param parallelism the parallelism
   * @param salt the salt
   * @throws KmsException {@code INVALID_ARGUMENT} outside the bounds of the class comment
   */
  public PassphraseParameters {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw invalid("parallelism is 1.." + MAX_PARALLELISM + ", got " + parallelism);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw invalid("memory is " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB for "
          + parallelism + " lanes, got " + memoryKiB);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw invalid("iterations are 1.." + MAX_ITERATIONS + ", got " + iterations);
    }
    if (salt == null || salt.length < SALT_LENGTH || salt.length > MAX_SALT) {
      throw invalid("the salt is " + SALT_LENGTH + ".." + MAX_SALT + " bytes, got "
          + (salt == null ? "null" : salt.length + " bytes"));
    }
    salt = salt.clone();
  }

  /**
   * The defaults (64 MiB, 3 passes, 1 lane) with a fresh random 16-byte salt.
   *
   * @return the defaults (64 MiB, 3 passes, 1 lane) with a fresh random 16-byte salt
   */
  public static PassphraseParameters generate() {
    return new PassphraseParameters(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS,
        DEFAULT_PARALLELISM, randomSalt());
  }

  /**
   * For tests only: 64 KiB, 1 pass, 1 lane, a fresh random salt. Derives in about a
   * millisecond and so resists guessing hardly at all; never use it for a real store.
   *
   * @return 64 KiB, 1 pass, 1 lane, a fresh random salt
   */
  public static PassphraseParameters testSize() {
    return new PassphraseParameters(64, 1, 1, randomSalt());
  }

  /**
   * The salt (a copy).
   *
   * @return the salt (a copy)
   */
  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /**
   * The PHC string form without a hash, {@code argon2id$v=19$m=65536,t=3,p=1$<salt>}, the salt in
   * Base64 without padding: what a store writes in its header.
   *
   * @return the PHC string form without a hash, {@code argon2id$v=19$m=65536,t=3,p=1$<salt>}, the
   *     salt in Base64 without padding: what a store writes in its header
   */
  public String encode() {
    return "argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
        + Base64.getEncoder().withoutPadding().encodeToString(salt);
  }

  /**
   * Reads the form {@link #encode()} writes.
   *
   * @param encoded the encoded bytes
   * @return the passphrase parameters
   * @throws KmsException {@code INVALID_ARGUMENT} for any other string (there is one encoding
   *     of each value), or values outside the bounds
   */
  public static PassphraseParameters parse(String encoded) {
    Matcher m = encoded == null ? null : ENCODED.matcher(encoded);
    if (m == null || !m.matches()) {
      throw invalid("not an encoded argon2id$v=19$m=..,t=..,p=..$<salt> parameter string");
    }
    PassphraseParameters parsed;
    try {
      parsed = new PassphraseParameters(Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Base64.getDecoder().decode(m.group(4)));
    } catch (IllegalArgumentException e) { // a number beyond int, or a Base64 length of 4n+1
      throw invalid("the parameter string holds a value out of range");
    }
    if (!parsed.encode().equals(encoded)) { // the JDK's decoder ignores nonzero tail bits
      throw invalid("the salt is not in canonical Base64");
    }
    return parsed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PassphraseParameters other && memoryKiB == other.memoryKiB
        && iterations == other.iterations && parallelism == other.parallelism
        && Arrays.equals(salt, other.salt);
  }

  @Override
  public int hashCode() {
    return ((memoryKiB * 31 + iterations) * 31 + parallelism) * 31 + Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "PassphraseParameters[" + encode() + "]";
  }

  private static byte[] randomSalt() {
    byte[] salt = new byte[SALT_LENGTH];
    RANDOM.nextBytes(salt);
    return salt;
  }

  private static KmsException invalid(String detail) {
    return new KmsException(ErrorCode.INVALID_ARGUMENT, "Argon2id parameters: " + detail);
  }
}
