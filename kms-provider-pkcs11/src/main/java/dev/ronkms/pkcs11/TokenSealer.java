package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * A {@link Sealer} whose AES-256-GCM key is an object on a PKCS#11 token: sensitive,
 * non-extractable, found by its label ({@value #DEFAULT_KEY_LABEL} by convention). Used as a
 * file store's store key, it makes a store that opens only where the token is present and the
 * PIN is known. The AEAD runs on the token through the JDK's SunPKCS11; the token is found by
 * its label (see {@link TokenConfig}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>envelopes are the project's one format ({@link Envelope}, format 1): a random 12-byte
 *       nonce per seal, algorithm AES-256-GCM, stamp kind {@code NONE} (a store key must not
 *       stamp), key version 1 and key reference {@link #keyReference()};</li>
 *   <li>{@link #open} returns plaintext only for an envelope of this reference that
 *       authenticates under the token key and the caller's associated data; anything else is
 *       {@code TAMPERED};</li>
 *   <li>{@link #create} makes the key on the token, as a token object that is sensitive and
 *       not extractable, and checks that the token kept it so; {@link #open} refuses a key the
 *       token would export ({@code INVALID_ARGUMENT}). The key's bytes never reach this
 *       process;</li>
 *   <li>every failure is a {@link KmsException}: no token with the label
 *       {@code TOKEN_UNAVAILABLE} (retryable), the library failing {@code BACKEND_FAILURE}; a PIN the token refuses or cannot be read
 *       {@code INVALID_ARGUMENT}; no key with the label {@code KEY_NOT_FOUND} (and, for
 *       {@link #create}, an existing one {@code KEY_EXISTS}); a token or key that goes away
 *       while in use {@code TOKEN_UNAVAILABLE}, after which the next call looks the key up
 *       again (so a repeat succeeds once the token is back); a call after {@link #close()}
 *       {@code CLOSED}. No message holds the PIN or key material;</li>
 *   <li>thread-safe: each thread uses its own {@code Cipher}, reused across calls.</li>
 * </ul>
 *
 * <p>PKCS#11 logs in per process, not per object: once any code of the process (this class,
 * or another user of the same library) is logged in to the token, a later login with a wrong
 * PIN is not noticed. {@link #close()} logs nothing out, for the same reason.
 */
public final class TokenSealer implements Sealer, AutoCloseable {
  /** The key label the command-line tool uses when none is given. */
  public static final String DEFAULT_KEY_LABEL = "ron-kms-store-key";
  /** The key version written in every envelope: a token key has one. */
  static final int VERSION = 1;
  private static final int MAX_LABEL = 128;
  /** One SunPKCS11 instance per library and slot, for the life of the process. */
  private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

  private final TokenConfig config;
  private final String keyLabel;
  private final String reference;
  private final KeyStore keyStore;
  private final Provider provider;
  private final TokenAead aead;
  private final Object lock = new Object();
  private volatile PrivateKeyHandle handle; // null: look the key up (again) on next use
  private volatile boolean closed;

  private TokenSealer(TokenConfig config, String keyLabel, Provider provider) {
    this.config = config;
    this.keyLabel = keyLabel;
    this.reference = "pkcs11:" + config.tokenLabel() + "/" + keyLabel;
    this.provider = provider;
    this.aead = new TokenAead(provider, reference, () -> handle = null);
    try {
      this.keyStore = KeyStore.getInstance("PKCS11", provider);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw SunPkcs11Errors.of("opening the key store", reference, e);
    }
  }

  /**
   * The sealer of the existing key labelled {@code keyLabel} on the token of {@code config}.
   *
   * @param config the token configuration
   * @param keyLabel the label of the key object on the token
   * @return the sealer of the existing key labelled {@code keyLabel} on the token of {@code config}
   * @throws KmsException {@code KEY_NOT_FOUND} when the token holds no such key; see the class
   *     comment for the rest
   */
  public static TokenSealer open(TokenConfig config, String keyLabel) {
    TokenSealer sealer = connect(config, keyLabel);
    try {
      sealer.handle();
      return sealer;
    } catch (RuntimeException e) {
      sealer.close();
      throw e;
    }
  }

  /**
   * Generates a new AES-256 key labelled {@code keyLabel} on the token of {@code config} (a
   * token object, sensitive, not extractable) and returns its sealer.
   *
   * @param config the token configuration
   * @param keyLabel the label of the key object on the token
   * @return the sealer
   * @throws KmsException {@code KEY_EXISTS} when a key with the label exists; see the class
   *     comment for the rest
   */
  public static TokenSealer create(TokenConfig config, String keyLabel) {
    TokenSealer sealer = connect(config, keyLabel);
    try {
      sealer.generate();
      sealer.handle();
      return sealer;
    } catch (RuntimeException e) {
      sealer.close();
      throw e;
    }
  }

  @Override
  public String algorithm() {
    return Algorithm.AES_256_GCM.id();
  }

  /** {@code pkcs11:<token label>/<key label>}: stable, not secret, written in every envelope. */
  @Override
  public String keyReference() {
    return reference;
  }

  /**
   * The label of the key object on the token.
   *
   * @return the label of the key object on the token
   */
  public String keyLabel() {
    return keyLabel;
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    requireAad(associatedData);
    return Envelope.seal(aead, handle(), reference, VERSION, StampKind.NONE, 0, plaintext,
        associatedData);
  }

  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    requireAad(associatedData);
    Envelope envelope = Envelope.parse(sealed);
    if (!envelope.keyReference().equals(reference) || envelope.keyVersion() != VERSION
        || envelope.algorithm() != Algorithm.AES_256_GCM
        || envelope.stampKind() != StampKind.NONE) {
      throw new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication: it is"
          + " not an envelope of " + reference);
    }
    return envelope.open(aead, handle(), associatedData);
  }

  /** Forgets the key; it stays on the token. Logs nothing out (see the class comment). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      PrivateKeyHandle h = handle;
      handle = null;
      if (h != null) {
        h.close();
      }
    }
  }

  @Override
  public String toString() {
    return "TokenSealer[" + reference + ", " + algorithm() + (closed ? ", closed" : "") + "]";
  }

  /** The key object as SunPKCS11 holds it, for tests of its attributes. */
  SecretKey tokenKey() {
    synchronized (lock) {
      requireOpen();
      return lookUp();
    }
  }

  /** The SunPKCS11 instance of the sealer's token, for tests. */
  Provider tokenKeyProvider() {
    return provider;
  }

  private static TokenSealer connect(TokenConfig config, String keyLabel) {
    if (config == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a token config is required");
    }
    requireLabel(keyLabel);
    long slot = TokenSlots.slotOf(config.library(), config.tokenLabel());
    String id = config.library().toAbsolutePath().normalize() + "#" + slot;
    Provider provider = PROVIDERS.computeIfAbsent(id, k -> configure(config, slot));
    return new TokenSealer(config, keyLabel, provider);
  }

  private static Provider configure(TokenConfig config, long slot) {
    String conf = "--name=ron-kms-slot-" + slot + "\n"
        + "library=" + config.library().toAbsolutePath().normalize() + "\n"
        + "slot=" + slot + "\n"
        + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
        + "  CKA_SENSITIVE = true\n"
        + "  CKA_EXTRACTABLE = false\n"
        + "  CKA_ENCRYPT = true\n"
        + "  CKA_DECRYPT = true\n"
        + "}\n";
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw new KmsException(ErrorCode.NO_PROVIDER, "the JDK's SunPKCS11 provider is absent"
            + " (module jdk.crypto.cryptoki)");
      }
      return base.configure(conf);
    } catch (KmsException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SunPkcs11Errors.of("configuring SunPKCS11", "token '" + config.tokenLabel() + "'", e);
    }
  }

  /** Logs in (a no-op when the process already is) and loads the token's key list. */
  private void login() {
    char[] pin = config.pin().read();
    try {
      TokenLogins.requireSame(config.library(), config.tokenLabel(), pin, config.pin());
      keyStore.load(null, pin);
      TokenLogins.loggedIn(config.library(), config.tokenLabel(), pin);
    } catch (KmsException e) {
      throw e;
    } catch (Exception e) {
      if (SunPkcs11Errors.badPin(e)) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the token '" + config.tokenLabel()
            + "' refused the PIN from " + config.pin());
      }
      if ("CKR_PIN_LOCKED".equals(SunPkcs11Errors.returnValue(e))) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the user PIN of the token '"
            + config.tokenLabel() + "' is locked");
      }
      throw SunPkcs11Errors.of("logging in", reference, e);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private PrivateKeyHandle handle() {
    PrivateKeyHandle h = handle;
    if (h != null && !closed) {
      return h;
    }
    synchronized (lock) {
      requireOpen();
      if (handle == null) {
        handle = aead.handle(lookUp());
      }
      return handle;
    }
  }

  /** Under the lock: the key labelled {@link #keyLabel}, checked. */
  private SecretKey lookUp() {
    login();
    Key key;
    try {
      key = keyStore.getKey(keyLabel, null);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw SunPkcs11Errors.of("finding the key", reference, e);
    }
    if (key == null) {
      throw new KmsException(ErrorCode.KEY_NOT_FOUND, "the token '" + config.tokenLabel()
          + "' holds no key labelled '" + keyLabel + "'; create it first");
    }
    if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the object labelled '" + keyLabel
          + "' on the token '" + config.tokenLabel() + "' is not an AES key");
    }
    byte[] exported = key.getEncoded();
    if (exported != null) {
      Arrays.fill(exported, (byte) 0);
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the key labelled '" + keyLabel
          + "' on the token '" + config.tokenLabel() + "' can be exported from the token; a"
          + " token store key must be sensitive and not extractable");
    }
    return secret;
  }

  private void generate() {
    synchronized (lock) {
      login();
      try {
        if (keyStore.containsAlias(keyLabel)) {
          throw new KmsException(ErrorCode.KEY_EXISTS, "the token '" + config.tokenLabel()
              + "' already holds an object labelled '" + keyLabel + "'");
        }
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(256);
        SecretKey sessionKey = generator.generateKey(); // a session object until stored
        keyStore.setEntry(keyLabel, new KeyStore.SecretKeyEntry(sessionKey), null);
      } catch (KmsException e) {
        throw e;
      } catch (GeneralSecurityException | RuntimeException e) {
        throw SunPkcs11Errors.of("generating the key", reference, e);
      }
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new KmsException(ErrorCode.CLOSED, "the token sealer " + reference + " is closed");
    }
  }

  private static void requireLabel(String label) {
    if (label == null || label.isBlank() || label.length() > MAX_LABEL
        || label.chars().anyMatch(Character::isISOControl)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a key label is 1.." + MAX_LABEL
          + " characters, without control characters");
    }
  }

  private static void requireAad(byte[] associatedData) {
    if (associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "associated data is null (use an"
          + " empty array for none)");
    }
  }
}
