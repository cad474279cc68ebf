package dev.ronkms.softseal;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Algorithm;
import dev.ronkms.seal.AntiRollback;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.RollbackContext;
import dev.ronkms.spi.PrivateKeyHandle;
import dev.ronkms.spi.Sealer;
import dev.ronkms.spi.SealingProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link Sealer} over a keyring held in memory: numbered key versions of one AEAD algorithm,
 * the newest enabled one (the head) sealing, every enabled one opening the envelopes it made.
 * It is what seals outside a {@code Kms}: a durable store's store key, or a host's own key
 * loaded from a file or a passphrase ({@link StoreKeys}). Inside a {@code Kms}, sealing keys are
 * ordinary keys with the same lifecycle as signing keys.
 *
 * <p>Guarantees: envelopes follow {@link Envelope} (format 1); {@link #open} gives the
 * plaintext only for an envelope of this keyring's reference, made by an enabled version, that
 * authenticates under the caller's associated data and passes the anti-rollback policy
 * ({@link AntiRollback#counter()} unless the builder says otherwise); everything else is a
 * typed error ({@code TAMPERED}, {@code VERSION_DISABLED}, {@code VERSION_NOT_FOUND},
 * {@code ROLLBACK}) and no plaintext. Immutable apart from {@link #close()}, which zeroises
 * every key; thread-safe.
 */
public final class KeyringSealer implements Sealer, AutoCloseable {
  private final String reference;
  private final Algorithm algorithm;
  private final SealingProvider provider;
  private final List<PrivateKeyHandle> versions; // index = number - 1
  private final Set<Integer> disabled;
  private final int head;
  private final AntiRollback antiRollback;
  private volatile boolean closed;
  /** {@link AntiRollback#disabled()}: no context digest per call, it would be thrown away. */
  private final boolean rollbackDisabled;

  private KeyringSealer(Builder b, List<PrivateKeyHandle> versions, int head) {
    this.reference = b.reference;
    this.algorithm = b.algorithm;
    this.provider = b.provider;
    this.versions = List.copyOf(versions);
    this.disabled = Set.copyOf(b.disabled);
    this.head = head;
    this.antiRollback = b.antiRollback;
    this.rollbackDisabled = b.antiRollback == AntiRollback.disabled();
  }

  /**
   * A builder for a keyring named {@code reference}: the name written in every envelope (1 to
   * 1024 UTF-8 bytes, not secret).
   *
   * @param reference the key reference written in every envelope
   * @return a builder for a keyring named {@code reference}: the name written in every envelope (1
   *     to 1024 UTF-8 bytes, not secret)
   */
  public static Builder builder(String reference) {
    return new Builder(reference);
  }

  @Override
  public String algorithm() {
    return algorithm.id();
  }

  /** {@code <reference>/v<head>}: the keyring's name and the version that seals. */
  @Override
  public String keyReference() {
    return reference + "/v" + head;
  }

  /**
   * The version that seals.
   *
   * @return the version that seals
   */
  public int headVersion() {
    return head;
  }

  /**
   * The key check value of {@code version} (docs/API.md): identifies a key, reveals nothing.
   *
   * @param version the version number
   * @return the key check value of {@code version} (docs/API.md): identifies a key, reveals nothing
   */
  public byte[] keyCheckValue(int version) {
    return handle(version).publicKey();
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    requireAad(associatedData);
    PrivateKeyHandle key = handle(head);
    long stamp = rollbackDisabled ? 0
        : antiRollback.stamp(RollbackContext.of(reference, associatedData));
    try {
      return Envelope.seal(provider, key, reference, head, antiRollback.kind(), stamp,
          plaintext, associatedData);
    } catch (KmsException e) {
      throw closedIfDestroyed(e);
    }
  }

  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    requireAad(associatedData);
    Envelope envelope = Envelope.parse(sealed);
    if (!envelope.keyReference().equals(reference) || envelope.algorithm() != algorithm) {
      throw new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication");
    }
    int version = envelope.keyVersion();
    PrivateKeyHandle key = handle(version);
    if (disabled.contains(version)) {
      throw new KmsException(ErrorCode.VERSION_DISABLED, "sealing key version v" + version
          + " of " + reference + " is disabled");
    }
    byte[] plaintext;
    try {
      plaintext = envelope.open(provider, key, associatedData);
    } catch (KmsException e) {
      throw closedIfDestroyed(e);
    }
    if (rollbackDisabled) {
      return plaintext;
    }
    try {
      antiRollback.admit(RollbackContext.of(reference, associatedData), envelope.stampKind(),
          envelope.stamp());
    } catch (RuntimeException e) {
      Arrays.fill(plaintext, (byte) 0);
      throw e;
    }
    return plaintext;
  }

  /** Zeroises every key version. Idempotent. */
  @Override
  public void close() {
    closed = true;
    versions.forEach(PrivateKeyHandle::close);
  }

  @Override
  public String toString() {
    return "KeyringSealer[" + reference + ", " + algorithm.id() + ", head v" + head + ", "
        + versions.size() + " versions]";
  }

  private PrivateKeyHandle handle(int version) {
    if (version < 1 || version > versions.size()) {
      throw new KmsException(ErrorCode.VERSION_NOT_FOUND, reference + " has no sealing key"
          + " version v" + version);
    }
    if (closed) { // a volatile read: cheaper than asking the handle, which takes its lock
      throw closed();
    }
    return versions.get(version - 1);
  }

  private KmsException closed() {
    return new KmsException(ErrorCode.CLOSED, "the keyring " + reference + " is closed");
  }

  /** A key closed while a call was under way: the keyring was closed. */
  private KmsException closedIfDestroyed(KmsException e) {
    return e.code() == ErrorCode.VERSION_DESTROYED && closed ? closed() : e;
  }

  private static byte[] requireAad(byte[] associatedData) {
    if (associatedData == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "associated data is null (use an"
          + " empty array for none)");
    }
    return associatedData;
  }

  /** Collects the key versions and settings of a {@link KeyringSealer}. */
  public static final class Builder {
    private final String reference;
    private Algorithm algorithm = Algorithm.AES_256_GCM;
    private SealingProvider provider = new SoftSealProvider();
    private final List<byte[]> keys = new ArrayList<>();
    private final Set<Integer> disabled = new HashSet<>();
    private AntiRollback antiRollback = AntiRollback.counter();

    private Builder(String reference) {
      if (reference == null || reference.isEmpty()) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a keyring has a reference");
      }
      this.reference = reference;
    }

    /**
     * The AEAD algorithm; AES-256-GCM by default.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = required(algorithm, "algorithm");
      return this;
    }

    /**
     * The provider that does the AEAD; {@link SoftSealProvider} by default.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder provider(SealingProvider provider) {
      this.provider = required(provider, "provider");
      return this;
    }

    /**
     * Adds the next version (v1, v2, ...), a 32-byte key; the array is copied.
     *
     * @param key the key bytes
     * @return this builder
     */
    public Builder addVersion(byte[] key) {
      if (key == null || key.length != 32) {
        throw new KmsException(ErrorCode.MALFORMED_KEY, "a sealing key is 32 bytes");
      }
      keys.add(key.clone());
      return this;
    }

    /**
     * Disables {@code version}: it neither seals nor opens.
     *
     * @param version the version number
     * @return this builder
     * @throws KmsException {@code INVALID_ARGUMENT} for a version below 1 (and, at
     *     {@link #build()}, for a version that was never added)
     */
    public Builder disable(int version) {
      if (version < 1) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "key versions start at v1");
      }
      disabled.add(version);
      return this;
    }

    /**
     * The anti-rollback policy; {@link AntiRollback#counter()} by default.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder antiRollback(AntiRollback policy) {
      this.antiRollback = required(policy, "anti-rollback policy");
      return this;
    }

    private static <T> T required(T value, String what) {
      if (value == null) {
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the keyring's " + what
            + " is null");
      }
      return value;
    }

    /**
     * The keyring; the newest enabled version is the head. The builder's key copies are
     * zeroised.
     *
     * @return the keyring; the newest enabled version is the head
     * @throws KmsException {@code INVALID_ARGUMENT} when no version is enabled, or a disabled
     *     version was never added
     */
    public KeyringSealer build() {
      for (int version : disabled) {
        if (version > keys.size()) {
          int count = keys.size();
          keys.forEach(k -> Arrays.fill(k, (byte) 0));
          keys.clear();
          throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the keyring " + reference
              + " disables v" + version + " but has " + count + " versions");
        }
      }
      List<PrivateKeyHandle> handles = new ArrayList<>();
      try {
        for (byte[] key : keys) {
          handles.add(provider.importPrivateKey(algorithm, key));
        }
      } catch (RuntimeException e) {
        handles.forEach(PrivateKeyHandle::close);
        throw e;
      } finally {
        keys.forEach(k -> Arrays.fill(k, (byte) 0));
        keys.clear();
      }
      int head = handles.size();
      while (head > 0 && disabled.contains(head)) {
        head--;
      }
      if (head == 0) {
        handles.forEach(PrivateKeyHandle::close);
        throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the keyring " + reference
            + " has no enabled key version");
      }
      return new KeyringSealer(this, handles, head);
    }
  }
}
