package dev.ronkms.store;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.keys.Fingerprint;
import dev.ronkms.keys.VersionState;
import dev.ronkms.spi.PrivateKeyHandle;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One version of a key as a store keeps it: its number, state, creation time, public key and,
 * for a key with private keys, the provider's opaque handle to the private key.
 *
 * <p>Guarantees: immutable apart from the handle, which the owning store closes; a DESTROYED
 * version has no handle; a handle is bound to its public key, and a version whose public key is
 * not the handle's cannot be built ({@code CORRUPT_RECORD}), so a store cannot make the engine
 * sign under a public key the private key does not belong to; {@code toString} shows no key
 * material.
 */
public final class KeyVersion {
  private final int number;
  private final VersionState state;
  private final Instant createdAt;
  private final byte[] publicKey;
  private final PrivateKeyHandle handle;

  /**
   * A version, checked against its invariants; {@code publicKey} is copied.
   *
   * @param handle the private key, or null for a verify-only version; must be null when
   *     {@code state} is DESTROYED
   * @param number the version number, from 1
   * @param state the state
   * @param createdAt when the version was made
   * @param publicKey the public key
   * @throws KmsException {@code CORRUPT_RECORD} when the handle's public key differs from
   *     {@code publicKey}, {@code INVALID_ARGUMENT} for other inconsistent values
   */
  public KeyVersion(int number, VersionState state, Instant createdAt, byte[] publicKey,
      PrivateKeyHandle handle) {
    if (number < 1) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "version numbers start at 1");
    }
    if (state == null || createdAt == null || publicKey == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "state, createdAt and publicKey are"
          + " required");
    }
    if (state == VersionState.DESTROYED && handle != null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "a destroyed version has no private"
          + " key");
    }
    this.publicKey = publicKey.clone();
    if (handle != null && !Arrays.equals(handle.publicKey(), this.publicKey)) {
      throw new KmsException(ErrorCode.CORRUPT_RECORD, "v" + number + ": the stored public key"
          + " is not the one bound to its private key");
    }
    this.number = number;
    this.state = state;
    this.createdAt = createdAt;
    this.handle = handle;
  }

  /**
   * The version number, from 1.
   *
   * @return the version number, from 1
   */
  public int number() {
    return number;
  }

  /**
   * The version's state.
   *
   * @return the version's state
   */
  public VersionState state() {
    return state;
  }

  /**
   * When the version was made.
   *
   * @return when the version was made
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * The encoded public key (a copy).
   *
   * @return the encoded public key (a copy)
   */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * True when {@code candidate} equals this version's public key.
   *
   * @param candidate the public key to compare
   * @return true when {@code candidate} equals this version's public key
   */
  public boolean hasPublicKey(byte[] candidate) {
    return Arrays.equals(publicKey, candidate);
  }

  /**
   * The opaque private key handle; empty for a verify-only or destroyed version.
   *
   * @return the opaque private key handle; empty for a verify-only or destroyed version
   */
  public Optional<PrivateKeyHandle> handle() {
    return Optional.ofNullable(handle);
  }

  /**
   * {@code sha256:} followed by the hex SHA-256 of the public key.
   *
   * @return {@code sha256:} followed by the hex SHA-256 of the public key
   */
  public String fingerprint() {
    return Fingerprint.sha256(publicKey);
  }

  @Override
  public String toString() {
    return "KeyVersion[v" + number + ", " + state + ", created " + createdAt + ", "
        + fingerprint() + (handle == null ? ", no private key" : "") + "]";
  }
}
