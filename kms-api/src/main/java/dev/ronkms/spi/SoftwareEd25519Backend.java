package dev.ronkms.spi;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.ed25519.Ed25519Policy;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * The part every software Ed25519 backend shares: seeds drawn from {@link SecureRandom}, held as
 * {@link SecretSeed}s, length-checked on import, zeroised if deriving the public key fails, and
 * lent to the library only for the duration of one signature. A subclass supplies its library's
 * two primitives, {@link #derivePublicKey} and {@link #signWithSeed}, plus {@code verify},
 * {@code name} and {@code priority}.
 *
 * <p>Guarantees: the seed never reaches an exception message; a handle of another kind (for
 * example a token key) is refused with {@code UNSUPPORTED_OPERATION}; a closed handle with
 * {@code VERSION_DESTROYED}.
 */
public abstract class SoftwareEd25519Backend implements Ed25519Backend {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** For subclasses. */
  protected SoftwareEd25519Backend() {}

  /**
   * The library's public key for {@code seed}. Must not keep or change the array. A library
   * failure may be thrown as any exception; it becomes {@code BACKEND_FAILURE}.
   */
  protected abstract byte[] derivePublicKey(byte[] seed) throws Exception;

  /**
   * The library's RFC 8032 signature over {@code message}. {@code seed} is lent for the call
   * only; {@code publicKey} is the key {@link #derivePublicKey} gave for it.
   */
  protected abstract byte[] signWithSeed(byte[] seed, byte[] publicKey, byte[] message)
      throws Exception;

  /** Software seeds can be imported. */
  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.SEED_IMPORT);
  }

  @Override
  public final GeneratedKey generate() {
    byte[] seed = new byte[Ed25519Policy.SEED_LENGTH];
    RANDOM.nextBytes(seed);
    return fromOwnedSeed(seed);
  }

  @Override
  public final GeneratedKey importSeed(byte[] seed) {
    if (seed == null || seed.length != Ed25519Policy.SEED_LENGTH) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an Ed25519 seed is 32 bytes, got "
          + (seed == null ? "null" : seed.length + " bytes"));
    }
    return fromOwnedSeed(seed.clone());
  }

  @Override
  public final byte[] sign(PrivateKeyHandle key, byte[] publicKey, byte[] message) {
    if (!(key instanceof SecretSeed seed)) {
      throw new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "provider " + name()
          + " signs only with software seeds, not with "
          + (key == null ? "null" : key.getClass().getName()));
    }
    if (publicKey == null || publicKey.length != Ed25519Policy.PUBLIC_KEY_LENGTH) {
      throw new KmsException(ErrorCode.MALFORMED_KEY, "an Ed25519 public key is 32 bytes");
    }
    return seed.apply(sk -> {
      try {
        return signWithSeed(sk, publicKey, message);
      } catch (KmsException e) {
        throw e;
      } catch (Exception e) {
        throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
            + " failed to sign: " + e.getClass().getName());
      }
    });
  }

  private GeneratedKey fromOwnedSeed(byte[] seed) {
    try {
      return new GeneratedKey(derivePublicKey(seed), SecretSeed.adopt(seed, name()));
    } catch (Exception e) {
      Arrays.fill(seed, (byte) 0);
      throw new KmsException(ErrorCode.BACKEND_FAILURE, "provider " + name()
          + " failed to derive a public key: " + e.getClass().getName());
    }
  }
}
