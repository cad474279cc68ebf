package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Which token to use and how to log in: the PKCS#11 library, the label of the token, and where
 * the user PIN comes from ({@link PinSource}; never a literal). docs/RUNBOOK.md ("Keys on a
 * PKCS#11 token") shows a SoftHSM2 set-up.
 *
 * <p>{@link #fromSystem()} reads the configuration of a provider found by ServiceLoader; each
 * setting is a system property, else an environment variable:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>{@value #LIBRARY_PROPERTY}</td><td>{@code RON_KMS_PKCS11_LIBRARY}</td>
 *       <td>path of the PKCS#11 library (required)</td></tr>
 *   <tr><td>{@value #TOKEN_PROPERTY}</td><td>{@code RON_KMS_PKCS11_TOKEN}</td>
 *       <td>the token's label (required)</td></tr>
 *   <tr><td>{@value #PIN_FILE_PROPERTY}</td><td>{@code RON_KMS_PKCS11_PIN_FILE}</td>
 *       <td>a file holding the user PIN</td></tr>
 *   <tr><td>{@value #PIN_ENV_PROPERTY}</td><td>{@code RON_KMS_PKCS11_PIN_ENV}</td>
 *       <td>the name of the environment variable holding the PIN, when there is no PIN file;
 *       default {@value #DEFAULT_PIN_VARIABLE}</td></tr>
 *   <tr><td>{@value #SESSIONS_PROPERTY}</td><td>{@code RON_KMS_PKCS11_SESSIONS}</td>
 *       <td>the most sessions open at once, 1..64; default {@value #DEFAULT_SESSIONS}</td></tr>
 * </table>
 *
 * <p>Guarantees: immutable; the library must exist when the config is built; {@code toString}
 * names the PIN's source, never the PIN; every failure is a {@link KmsException} with
 * {@code INVALID_ARGUMENT}.
 */
public final class TokenConfig {
  /** System property naming the PKCS#11 library. */
  public static final String LIBRARY_PROPERTY = "ron.kms.pkcs11.library";
  /** System property naming the token by its label. */
  public static final String TOKEN_PROPERTY = "ron.kms.pkcs11.token";
  /** System property naming the PIN file. */
  public static final String PIN_FILE_PROPERTY = "ron.kms.pkcs11.pin-file";
  /** System property naming the environment variable that holds the PIN. */
  public static final String PIN_ENV_PROPERTY = "ron.kms.pkcs11.pin-env";
  /** System property giving the most sessions open at once. */
  public static final String SESSIONS_PROPERTY = "ron.kms.pkcs11.sessions";
  /** The environment variable holding the PIN when no other source is named. */
  public static final String DEFAULT_PIN_VARIABLE = "RON_KMS_PKCS11_PIN";
  /** Sessions open at once by default: enough for the cores of a typical host. */
  public static final int DEFAULT_SESSIONS = 8;
  /** The most sessions a config may ask for. */
  public static final int MAX_SESSIONS = 64;

  private final Path library;
  private final String tokenLabel;
  private final PinSource pin;
  private final int sessions;

  private TokenConfig(Path library, String tokenLabel, PinSource pin, int sessions) {
    this.library = library;
    this.tokenLabel = tokenLabel;
    this.pin = pin;
    this.sessions = sessions;
  }

  /**
   * A config for the token labelled {@code tokenLabel} behind {@code library}, logging in with
   * the PIN from {@code pin}, with {@value #DEFAULT_SESSIONS} sessions.
   *
   * @param library the path of the PKCS#11 library
   * @param tokenLabel the label of the token
   * @param pin where the user PIN comes from
   * @return a config for the token labelled {@code tokenLabel} behind {@code library}, logging in
   *     with the PIN from {@code pin}, with {@value #DEFAULT_SESSIONS} sessions
   * @throws KmsException {@code INVALID_ARGUMENT} for a missing library or an empty label
   */
  public static TokenConfig of(Path library, String tokenLabel, PinSource pin) {
    return new TokenConfig(requireLibrary(library), requireLabel(tokenLabel),
        Objects.requireNonNull(pin, "pin"), DEFAULT_SESSIONS);
  }

  /**
   * This config with at most {@code sessions} sessions open at once.
   *
   * @param sessions the most sessions open at once
   * @return this config with at most {@code sessions} sessions open at once
   * @throws KmsException {@code INVALID_ARGUMENT} outside 1..{@value #MAX_SESSIONS}
   */
  public TokenConfig withSessions(int sessions) {
    if (sessions < 1 || sessions > MAX_SESSIONS) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sessions must be 1.." + MAX_SESSIONS
          + ", not " + sessions);
    }
    return new TokenConfig(library, tokenLabel, pin, sessions);
  }

  /**
   * The config in the system properties and the process environment (see the class comment),
   * or empty when neither names a library.
   *
   * @return the config in the system properties and the process environment (see the class
   *     comment), or empty when neither names a library
   * @throws KmsException {@code INVALID_ARGUMENT} when a library is named but the rest is
   *     missing or wrong
   */
  public static Optional<TokenConfig> fromSystem() {
    return fromSystem(System.getProperties(), System.getenv());
  }

  /**
   * {@link #fromSystem()} on the given properties and environment.
   *
   * @param properties the system properties to read
   * @param environment the environment variables to read
   * @return {@link #fromSystem()} on the given properties and environment
   */
  public static Optional<TokenConfig> fromSystem(Properties properties,
      Map<String, String> environment) {
    String library = setting(properties, environment, LIBRARY_PROPERTY);
    if (library == null) {
      return Optional.empty();
    }
    String token = setting(properties, environment, TOKEN_PROPERTY);
    if (token == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a PKCS#11 library is configured but"
          + " no token label: set " + TOKEN_PROPERTY + " or " + variable(TOKEN_PROPERTY));
    }
    String pinFile = setting(properties, environment, PIN_FILE_PROPERTY);
    String pinVariable = setting(properties, environment, PIN_ENV_PROPERTY);
    PinSource pin = pinFile != null ? PinSource.file(Path.of(pinFile))
        : PinSource.environment(pinVariable != null ? pinVariable : DEFAULT_PIN_VARIABLE);
    TokenConfig config = of(Path.of(library), token, pin);
    String sessions = setting(properties, environment, SESSIONS_PROPERTY);
    if (sessions != null) {
      try {
        config = config.withSessions(Integer.parseInt(sessions.strip()));
      } catch (NumberFormatException e) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, SESSIONS_PROPERTY + " is not a"
            + " number");
      }
    }
    return Optional.of(config);
  }

  /**
   * The PKCS#11 library.
   *
   * @return the PKCS#11 library
   */
  public Path library() {
    return library;
  }

  /**
   * The label of the token to use.
   *
   * @return the label of the token to use
   */
  public String tokenLabel() {
    return tokenLabel;
  }

  /**
   * Where the user PIN comes from.
   *
   * @return where the user PIN comes from
   */
  public PinSource pin() {
    return pin;
  }

  /**
   * The most sessions open at once.
   *
   * @return the most sessions open at once
   */
  public int sessions() {
    return sessions;
  }

  @Override
  public String toString() {
    return "TokenConfig[library=" + library + ", token=" + tokenLabel + ", pin from " + pin
        + ", sessions=" + sessions + "]";
  }

  /** The environment variable read for {@code property}: RON_KMS_PKCS11_ and the last part. */
  static String variable(String property) {
    String last = property.substring("ron.kms.pkcs11.".length());
    return "RON_KMS_PKCS11_" + last.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
  }

  private static String setting(Properties properties, Map<String, String> environment,
      String property) {
    String value = properties.getProperty(property);
    if (value == null || value.isBlank()) {
      value = environment.get(variable(property));
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Path requireLibrary(Path library) {
    if (library == null || !Files.isRegularFile(library)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the PKCS#11 library " + library
          + " does not exist");
    }
    return library;
  }

  private static String requireLabel(String label) {
    if (label == null || label.isBlank() || label.length() > 32) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a token label is 1..32 characters");
    }
    return label;
  }
}
