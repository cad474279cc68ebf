package dev.ronkms.pkcs11;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.Capability;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SealingProvider;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The raw AES-256-GCM of one {@link TokenSealer}, on SunPKCS11, under the one token key the
 * sealer holds: what {@link dev.ronkms.seal.Envelope} calls, so that token envelopes have the
 * project's one format. Not a provider for discovery (no ServiceLoader entry): it makes,
 * imports and seals no keys, and refuses those calls with {@code UNSUPPORTED_OPERATION}.
 *
 * <p>Guarantees: as {@link SealingProvider} (a {@link Cipher} per thread, reused); a tag that
 * does not verify, and any other refusal of a decryption by a present token, is
 * {@code TAMPERED}; a token, session or key handle that went away is {@code BACKEND_FAILURE}
 * and the sealer is told to look the key up again ({@link TokenSealer}).
 */
final class TokenAead implements SealingProvider {
  static final String NAME = "pkcs11-seal";
  private static final int TAG_BITS = TAG_LENGTH * 8;

  private final Provider provider;
  private final String where;
  private final Runnable onTokenGone;
  private final ThreadLocal<Cipher> ciphers;

  TokenAead(Provider provider, String where, Runnable onTokenGone) {
    this.provider = provider;
    this.where = where;
    this.onTokenGone = onTokenGone;
    this.ciphers = ThreadLocal.withInitial(cipher(provider, where));
  }

  private static Supplier<Cipher> cipher(Provider provider, String where) {
    return () -> {
      try {
        return Cipher.getInstance("AES/GCM/NoPadding", provider);
      } catch (GeneralSecurityException e) {
        throw new KmsException(ErrorCode.UNSUPPORTED_ALGORITHM, "the token behind " + where
            + " offers no AES-GCM (" + SunPkcs11Errors.describe(e) + ")", e);
      }
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.NON_EXTRACTABLE_KEYS, Capability.HARDWARE_BACKED);
  }

  @Override
  public Set<Algorithm> algorithms() {
    return Set.of(Algorithm.AES_256_GCM);
  }

  @Override
  public void encrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
      byte[] plaintext, byte[] out, int outOffset) {
    SecretKey secret = secret(key, nonce);
    if (out == null || outOffset < 0 || out.length - outOffset < plaintext.length + TAG_LENGTH) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the output has no room for the"
          + " ciphertext and tag");
    }
    Cipher c = ciphers.get();
    try {
      c.init(Cipher.ENCRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, nonce));
      for (byte[] part : associatedData) {
        c.updateAAD(part);
      }
      c.doFinal(plaintext, 0, plaintext.length, out, outOffset);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw failure("sealing", e);
    }
  }

  @Override
  public byte[] decrypt(PrivateKeyHandle key, byte[] nonce, byte[][] associatedData,
      byte[] input, int offset, int length) {
    SecretKey secret = secret(key, nonce);
    if (length < TAG_LENGTH) {
      throw tampered();
    }
    Cipher c = ciphers.get();
    try {
      c.init(Cipher.DECRYPT_MODE, secret, new GCMParameterSpec(TAG_BITS, nonce));
      for (byte[] part : associatedData) {
        c.updateAAD(part);
      }
      return c.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      throw tampered();
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof KmsException k) {
        throw k;
      }
      if (SunPkcs11Errors.tokenGone(e)) {
        onTokenGone.run();
        throw SunPkcs11Errors.unavailable(where, e);
      }
      throw tampered(); // a present token refused the input: it is not ours, or was altered
    }
  }

  private KmsException failure(String what, Exception e) {
    if (e instanceof KmsException k) {
      return k;
    }
    if (SunPkcs11Errors.tokenGone(e)) {
      onTokenGone.run();
      return SunPkcs11Errors.unavailable(where, e);
    }
    return SunPkcs11Errors.failed(what, where, e);
  }

  private static KmsException tampered() {
    return new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication under the"
        + " token key");
  }

  private SecretKey secret(PrivateKeyHandle key, byte[] nonce) {
    if (!(key instanceof Handle h) || h.owner != this) {
      throw new KmsException(ErrorCode.PROVIDER_MISMATCH, "the key was not made by this"
          + " token sealer");
    }
    if (nonce == null || nonce.length != NONCE_LENGTH) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the nonce is not 12 bytes");
    }
    SecretKey secret = h.key;
    if (h.closed) {
      throw new KmsException(ErrorCode.VERSION_DESTROYED, "the token key handle is closed");
    }
    return secret;
  }

  /** A handle on {@code key}, a key object of this sealer's token. */
  PrivateKeyHandle handle(SecretKey key) {
    return new Handle(this, key);
  }

  @Override
  public PrivateKeyHandle generate(Algorithm algorithm) {
    throw unsupported();
  }

  @Override
  public PrivateKeyHandle importPrivateKey(Algorithm algorithm, byte[] seed) {
    throw unsupported();
  }

  @Override
  public byte[] sealPrivateKey(PrivateKeyHandle key, Sealer sealer, byte[] associatedData) {
    throw unsupported();
  }

  @Override
  public PrivateKeyHandle openPrivateKey(Algorithm algorithm, byte[] sealed, Sealer sealer,
      byte[] associatedData) {
    throw unsupported();
  }

  private static KmsException unsupported() {
    return new KmsException(ErrorCode.UNSUPPORTED_OPERATION, "a token sealer's AEAD only seals"
        + " and opens under its own token key");
  }

  @Override
  public String toString() {
    return "TokenAead[" + where + "]";
  }

  /** The token key as {@link dev.ronkms.seal.Envelope} takes it; holds no key bytes. */
  private static final class Handle implements PrivateKeyHandle {
    private final TokenAead owner;
    private final SecretKey key;
    private volatile boolean closed;

    Handle(TokenAead owner, SecretKey key) {
      this.owner = owner;
      this.key = key;
    }

    @Override
    public String provider() {
      return NAME;
    }

    @Override
    public Algorithm algorithm() {
      return Algorithm.AES_256_GCM;
    }

    /** A token key has no public part and no key check value here: empty. */
    @Override
    public byte[] publicKey() {
      return new byte[0];
    }

    @Override
    public boolean isDestroyed() {
      return closed;
    }

    /** Forgets the reference; the key stays on the token. */
    @Override
    public void close() {
      closed = true;
    }

    @Override
    public String toString() {
      return "TokenKeyHandle[" + owner.where + (closed ? ", closed" : "") + "]";
    }
  }
}
