package dev.ronkms.keys;

import dev.ronkms.spi.PrivateKeyHandle;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a key: its number, state, creation time, public key and (until destroyed) the
 * backend's private key handle.
 *
 * <p>Guarantees: immutable apart from the handle, which the owning store closes; a DESTROYED
 * version has no handle; {@code toString} shows no key material.
 */
public final class KeyVersion {
  private final int number;
  private final VersionState state;
  private final Instant createdAt;
  private final byte[] publicKey;
  private final PrivateKeyHandle privateKey;

  /**
   * @param privateKey the private key; must be null exactly when {@code state} is DESTROYED
   */
  public KeyVersion(int number, VersionState state, Instant createdAt, byte[] publicKey,
      PrivateKeyHandle privateKey) {
    if (number < 1) {
      throw new IllegalArgumentException("version numbers start at 1");
    }
    if ((state == VersionState.DESTROYED) != (privateKey == null)) {
      throw new IllegalArgumentException("a destroyed version, and only it, has no private key");
    }
    this.number = number;
    this.state = Objects.requireNonNull(state, "state");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.publicKey = publicKey.clone();
    this.privateKey = privateKey;
  }

  public int number() {
    return number;
  }

  public VersionState state() {
    return state;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The encoded public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The private key handle, or null once DESTROYED. */
  public PrivateKeyHandle privateKey() {
    return privateKey;
  }

  /** The same version in another state; moving to DESTROYED drops (but does not close) the handle. */
  KeyVersion withState(VersionState next) {
    return new KeyVersion(number, next, createdAt, publicKey,
        next == VersionState.DESTROYED ? null : privateKey);
  }

  /** {@code sha256:} followed by the hex SHA-256 of the public key. */
  public String fingerprint() {
    return Fingerprints.sha256(publicKey);
  }

  @Override
  public String toString() {
    return "KeyVersion[v" + number + ", " + state + ", created " + createdAt + ", "
        + fingerprint() + "]";
  }
}
