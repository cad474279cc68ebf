package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.ed25519.Ed25519Verifier;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.keys.KeyId;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SignatureProvider;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Ed25519 keys that never leave a PKCS#11 token (name {@value #NAME}, priority 50: below the
 * software providers, so a host picks it by name, for example {@code kms.provider.ed25519=pkcs11}).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Keys are generated on the token as token objects; the private object is private,
 *       sensitive and not extractable, so no key byte ever reaches this process. Its label is
 *       the key version's id and a random suffix ({@code <key id>/v<n>#<8 hex>}; without an id
 *       {@code ron-kms/<16 hex>}); private and public object share a random CKA_ID.</li>
 *   <li>A handle's public key is read back from the token (CKA_EC_POINT) once, when the handle
 *       is made; {@link #sign} signs on the token (CKM_EDDSA) with the handle's private object
 *       only. Handles of another provider are refused with {@code PROVIDER_MISMATCH}, closed
 *       ones with {@code VERSION_DESTROYED}.</li>
 *   <li>{@link #verify} runs in software, exactly the project's Ed25519 policy
 *       ({@link Ed25519Verifier}); a predicate, never throwing.</li>
 *   <li>{@link #sealPrivateKey} seals a reference (the label and CKA_ID, {@link KeyReference}),
 *       never key material; {@link #openPrivateKey} finds the objects again by that reference and
 *       fails with {@code KEY_NOT_FOUND} when the token no longer holds them.
 *       {@link #importPrivateKey} is {@code UNSUPPORTED_OPERATION}.</li>
 *   <li>Errors: a PIN the token refuses is {@code INVALID_ARGUMENT} (when constructed, or when
 *       reconnecting); a token that is absent, removed, or whose library or sessions failed is
 *       the retryable {@code TOKEN_UNAVAILABLE}, and the next call reconnects; after
 *       {@link #close()}, {@code CLOSED}. No PIN or key byte in any message.</li>
 *   <li>Thread-safe; up to {@link TokenConfig#sessions()} operations run on the token at once,
 *       with no lock around them.</li>
 * </ul>
 */
public final class Pkcs11Ed25519Provider implements SignatureProvider, AutoCloseable {
  /** The name hosts use to pick this provider. */
  public static final String NAME = "pkcs11";
  /** Below the software providers (100): a token is chosen explicitly. */
  public static final int PRIORITY = 50;
  private static final int MAX_KEY_ID_LENGTH = KeyReference.MAX_LABEL_BYTES - 9;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenConfig config;
  private final TokenSessions sessions;

  /**
   * ServiceLoader's constructor: the token in the system properties or environment
   * ({@link TokenConfig#fromSystem()}).
   *
   * @throws KmsException {@code INVALID_ARGUMENT} when no token is configured (discovery then
   *     skips this provider), else as {@link #Pkcs11Ed25519Provider(TokenConfig)}
   */
  public Pkcs11Ed25519Provider() {
    this(TokenConfig.fromSystem().orElseThrow(() -> new KmsException(
        ErrorCode.INVALID_ARGUMENT, "no PKCS#11 token is configured: set "
        + TokenConfig.LIBRARY_PROPERTY + " and " + TokenConfig.TOKEN_PROPERTY)));
  }

  /**
   * A provider on the token {@code config} names, logged in at once.
   *
   * @param config the token configuration
   * @throws KmsException {@code INVALID_ARGUMENT} when the token refuses the PIN or the PIN
   *     cannot be read, {@code TOKEN_UNAVAILABLE} when no token has the label or the library
   *     fails
   */
  public Pkcs11Ed25519Provider(TokenConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.sessions = new TokenSessions(config);
  }

  /**
   * The token this provider uses.
   *
   * @return the token this provider uses
   */
  public TokenConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HARDWARE_BACKED, Capability.NON_EXTRACTABLE_KEYS);
  }

  @Override
  public Set<Algorithm> algorithms() {
    return Set.of(Algorithm.ED25519);
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    requireServed(algorithm);
    return generate("ron-kms/" + hex(8));
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm, KeyId version) {
    requireServed(algorithm);
    if (version == null) {
      return generate(algorithm);
    }
    String id = version.format();
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_ID_LENGTH) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a key id for a token label is at most "
          + MAX_KEY_ID_LENGTH + " bytes");
    }
    return generate(id + "#" + hex(4));
  }

  /** Seeds cannot enter a token through this provider. */
  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "provider " + NAME + " makes its"
        + " keys on the token and imports no seed");
  }

  @Override
  public byte[] sign(PrivateKeyHandle key, byte[] message) {
    TokenKeyHandle handle = owned(key);
    if (message == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the message is null");
    }
    return sessions.call("sign", (session, generation) -> {
      try {
        return TokenKeys.sign(session, objects(session, generation, handle).privateKey(),
            message);
      } catch (PKCS11Exception e) {
        if (!TokenErrors.isStaleObject(e)) {
          throw e;
        }
        handle.objects(null);
        return TokenKeys.sign(session, objects(session, generation, handle).privateKey(),
            message);
      }
    });
  }

  @Override
  public boolean verify(Algorithm algorithm, byte[] publicKey, byte[] message,
      byte[] signature) {
    if (algorithm != Algorithm.ED25519) {
      return false;
    }
    try {
      return Ed25519Verifier.verify(publicKey, message, signature);
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  /** Seals a reference to the key's token objects (its label and CKA_ID), no key material. */
  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    if (sealer == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealer and associated data are"
          + " required");
    }
    TokenKeyHandle handle = owned(key);
    return sealer.seal(new KeyReference(handle.label(), handle.id()).encode(), associatedData);
  }

  /**
   * Opens a sealed reference and finds its objects on the token.
   *
   * @throws KmsException {@code TAMPERED} from the sealer, {@code MALFORMED_KEY} when it holds
   *     no reference, {@code KEY_NOT_FOUND} when the token holds no such key, and the token
   *     errors of the class comment
   */
  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealedKey, Sealer sealer,
      byte[] associatedData) {
    requireServed(algorithm);
    if (sealedKey == null || sealer == null || associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "sealed key, sealer and associated"
          + " data are required");
    }
    KeyReference reference = KeyReference.decode(sealer.open(sealedKey, associatedData));
    return sessions.call("open a key", (session, generation) -> {
      TokenKeys.Found found = TokenKeys.find(session, reference.label(), reference.id());
      if (found == null) {
        throw notOnToken(reference.label());
      }
      byte[] publicKey = TokenKeys.publicKey(session, found.publicKey());
      return new TokenKeyHandle(this, reference.label(), reference.id(), publicKey,
          new TokenKeyHandle.Objects(generation, found.privateKey(), found.publicKey()));
    });
  }

  /** Closes the sessions; the keys stay on the token. Idempotent. */
  @Override
  public void close() {
    sessions.close();
  }

  @Override
  public String toString() {
    return "Pkcs11Ed25519Provider[" + NAME + ", token " + config.tokenLabel() + "]";
  }

  /**
   * True when {@code other} uses the same token of the same library: then either may sign with
   * the other's handles (a store and a key manager that discovered their providers apart hold
   * two instances; object handles are shared by every session of the process).
   */
  boolean sameToken(Pkcs11Ed25519Provider other) {
    return other == this || (config.tokenLabel().equals(other.config.tokenLabel())
        && config.library().toAbsolutePath().normalize()
            .equals(other.config.library().toAbsolutePath().normalize()));
  }

  /** The token's sessions (for tests that look at the token objects). */
  TokenSessions sessions() {
    return sessions;
  }

  /** Deletes the token objects of {@code handle}'s key (the handle's discard). */
  void deleteObjects(TokenKeyHandle handle) {
    sessions.call("delete a key", (session, generation) ->
        TokenKeys.delete(session, handle.label(), handle.id()));
  }

  private PrivateKeyHandle generate(String label) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return sessions.call("generate a key", (session, generation) -> {
      TokenKeys.Found found = TokenKeys.generate(session, label, id);
      try {
        byte[] publicKey = TokenKeys.publicKey(session, found.publicKey());
        return new TokenKeyHandle(this, label, id, publicKey,
            new TokenKeyHandle.Objects(generation, found.privateKey(), found.publicKey()));
      } catch (PKCS11Exception | RuntimeException e) {
        deleteQuietly(session, label, id);
        throw e;
      }
    });
  }

  private static void deleteQuietly(Session session, String label, byte[] id) {
    try {
      TokenKeys.delete(session, label, id);
    } catch (PKCS11Exception | RuntimeException ignored) {
      // the failure that brought us here is the one to report
    }
  }

  /** The handle's objects on the current connection, found again by label when not cached. */
  private TokenKeyHandle.Objects objects(Session session, long generation,
      TokenKeyHandle handle) throws PKCS11Exception {
    TokenKeyHandle.Objects cached = handle.owner() == this ? handle.objects() : null;
    if (cached != null && cached.generation() == generation) {
      return cached;
    }
    TokenKeys.Found found = TokenKeys.find(session, handle.label(), handle.id());
    if (found == null) {
      throw notOnToken(handle.label());
    }
    TokenKeyHandle.Objects fresh =
        new TokenKeyHandle.Objects(generation, found.privateKey(), found.publicKey());
    if (handle.owner() == this) {
      handle.objects(fresh);
    }
    return fresh;
  }

  private KmsException notOnToken(String label) {
    return new KmsException(ErrorCode.KEY_NOT_FOUND, "the token " + config.tokenLabel()
        + " holds no key labelled " + label);
  }

  private TokenKeyHandle owned(PrivateKeyHandle key) {
    if (!(key instanceof TokenKeyHandle handle) || !handle.owner().sameToken(this)
        || !NAME.equals(handle.provider())) {
      throw new KmsException(ErrorCode.PROVIDER_MISMATCH, "provider " + NAME + " on token "
          + config.tokenLabel() + " did not make this key handle (it names provider "
          + (key == null ? "none" : key.provider()) + ")");
    }
    if (handle.isDestroyed()) {
      throw new KmsException(ErrorCode.VERSION_DESTROYED, "the key handle " + handle.label()
          + " is closed");
    }
    return handle;
  }

  private void requireServed(Algorithm algorithm) {
    if (algorithm != Algorithm.ED25519) {
      throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "provider " + NAME
          + " does not serve " + (algorithm == null ? "null" : algorithm.id()));
    }
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
