package dev.ronkms.pkcs11;

import dev.ronkms.keys.Algorithm;
import dev.ronkms.spi.PrivateKeyHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An Ed25519 private key that lives on a token: the label and CKA_ID of its private and public
 * objects, the object handles last found for them (a cache, dropped when the connection is
 * renewed or the token says a handle is stale), and the public key read back from the token when
 * the handle was made.
 *
 * <p>Guarantees: holds no key material at all; {@link #close()} only marks the handle destroyed
 * (the token keeps the key, so a later process can open it again); {@link #discard()} deletes
 * the key's objects from the token, once, and never throws; {@code toString} names the label and
 * provider only.
 */
final class TokenKeyHandle implements PrivateKeyHandle {
  /** Object handles found on the connection of {@code generation}. */
  record Objects(long generation, long privateKey, long publicKey) {}

  private final Pkcs11Ed25519Provider owner;
  private final String label;
  private final byte[] id;
  private final byte[] publicKey;
  private final AtomicBoolean discarded = new AtomicBoolean();
  private volatile Objects objects;
  private volatile boolean destroyed;

  TokenKeyHandle(Pkcs11Ed25519Provider owner, String label, byte[] id, byte[] publicKey,
      Objects objects) {
    this.owner = owner;
    this.label = label;
    this.id = id.clone();
    this.publicKey = publicKey.clone();
    this.objects = objects;
  }

  Pkcs11Ed25519Provider owner() {
    return owner;
  }

  String label() {
    return label;
  }

  byte[] id() {
    return id.clone();
  }

  /** The cached object handles, or null. */
  Objects objects() {
    return objects;
  }

  void objects(Objects found) {
    objects = found;
  }

  @Override
  public String provider() {
    return owner.name();
  }

  @Override
  public Algorithm algorithm() {
    return Algorithm.ED25519;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroyed = true;
  }

  @Override
  public void discard() {
    try {
      if (discarded.compareAndSet(false, true)) {
        owner.deleteObjects(this);
      }
    } catch (RuntimeException | LinkageError ignored) {
      // a token that is gone cannot be changed; the key is unreachable through this handle
    } finally {
      close();
    }
  }

  @Override
  public String toString() {
    return "TokenKeyHandle[" + label + ", provider " + owner.name()
        + (destroyed ? ", destroyed" : "") + "]";
  }
}
