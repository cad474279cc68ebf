package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PINs this process logged in to each token with, as salted digests. PKCS#11 logs in per
 * process: once any session is logged in, a second {@code C_Login} answers
 * {@code CKR_USER_ALREADY_LOGGED_IN} whatever the PIN (and SunPKCS11 takes that as success), so
 * a wrong PIN can only be caught by comparing it with the one that logged in. Both bindings of
 * this module (the token provider's sessions and {@link TokenSealer}'s SunPKCS11) record and
 * check here; a login by other code of the process cannot be checked (docs/RUNBOOK.md).
 *
 * <p>Guarantees: holds SHA-256 digests under a random per-process salt, never a PIN; the PIN
 * arrays passed in are not kept; thread-safe.
 */
final class TokenLogins {
  private static final byte[] SALT = new SecureRandom().generateSeed(16);
  private static final Map<String, byte[]> DIGESTS = new ConcurrentHashMap<>();

  private TokenLogins() {}

  /** Records {@code pin} as the one that logged in to {@code token}, unless one already did. */
  static void loggedIn(Path library, String token, char[] pin) {
    DIGESTS.putIfAbsent(key(library, token), digest(pin));
  }

  /**
   * Refuses {@code pin} when this process logged in to {@code token} with another one.
   *
   * @throws KmsException {@code INVALID_ARGUMENT} naming the PIN's source, never the PIN
   */
  static void requireSame(Path library, String token, char[] pin, PinSource source) {
    byte[] known = DIGESTS.get(key(library, token));
    if (known != null && !MessageDigest.isEqual(known, digest(pin))) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the token " + token
          + " is logged in with another PIN than the one from " + source);
    }
  }

  private static String key(Path library, String token) {
    return library.toAbsolutePath().normalize() + "|" + token;
  }

  private static byte[] digest(char[] pin) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(SALT);
      sha.update(bytes.duplicate());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "SHA-256 is missing");
    } finally {
      if (bytes.hasArray()) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
    }
  }
}
