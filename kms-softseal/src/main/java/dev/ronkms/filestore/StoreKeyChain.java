package dev.ronkms.filestore;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import dev.ronkms.seal.Envelope;
import dev.ronkms.seal.StampKind;
import dev.ronkms.spi.Sealer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The store keys a file store holds: the one that seals (every new data key, counter and header
 * check), and older ones that only open, for a store caught in the middle of a store-key
 * rotation. A keyring holding both versions serves as both at once; a separate older
 * {@link Sealer} can be added with {@code FileStoreBuilder.previousStoreKey}.
 *
 * <p>Guarantees: {@link #open} tries the keys in order and fails with {@code TAMPERED} when none
 * opens (a key version the keyring lacks counts as not opening); immutable; the store does not
 * close the keys: their owner does.
 */
final class StoreKeyChain {
  private static final byte[] PROBE_AAD =
      "ron-kms/file-store/probe".getBytes(StandardCharsets.UTF_8);

  private final Sealer sealing;
  private final List<Sealer> opening;

  StoreKeyChain(Sealer sealing, List<Sealer> older) {
    this.sealing = Objects.requireNonNull(sealing, "store key");
    List<Sealer> all = new ArrayList<>();
    all.add(sealing);
    for (Sealer s : older) {
      if (!all.contains(s)) {
        all.add(s);
      }
    }
    this.opening = List.copyOf(all);
  }

  /**
   * Refuses a store key whose envelopes carry an anti-rollback stamp: every process and every
   * restart must open every data key, so the store key has to use
   * {@code AntiRollback.disabled()}; the store does its own rollback checks.
   *
   * @throws KmsException {@code INVALID_ARGUMENT} for a stamping key
   */
  static Sealer requireUnstamped(Sealer key) {
    if (key == null) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the store key is null");
    }
    byte[] probe = key.seal(new byte[1], PROBE_AAD);
    StampKind stamp;
    try {
      stamp = Envelope.parse(probe).stampKind();
    } catch (KmsException notAnEnvelope) {
      return key; // a sealer with its own format: nothing to check
    }
    if (stamp != StampKind.NONE) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the store key " + key.keyReference()
          + " stamps its envelopes (" + stamp + "); a store key must be built with"
          + " AntiRollback.disabled()");
    }
    return key;
  }

  /** The key that seals. */
  Sealer sealer() {
    return sealing;
  }

  /** The sealing key's reference, for example {@code ron-kms/store-key/v2}. */
  String reference() {
    return sealing.keyReference();
  }

  /** A chain that seals with {@code newKey} and still opens with every key of this one. */
  StoreKeyChain sealingWith(Sealer newKey) {
    return new StoreKeyChain(newKey, opening);
  }

  /** Seals with the sealing key. */
  byte[] seal(byte[] plaintext, byte[] associatedData) {
    return sealing.seal(plaintext, associatedData);
  }

  /**
   * Opens with the first key that can.
   *
   * @throws KmsException {@code TAMPERED} when none can; {@code CLOSED} when a key was closed
   */
  byte[] open(byte[] sealed, byte[] associatedData) {
    for (Sealer key : opening) {
      try {
        return key.open(sealed, associatedData);
      } catch (KmsException e) {
        if (!notOpenedBy(e.code())) {
          throw e;
        }
      }
    }
    throw new KmsException(ErrorCode.TAMPERED, "sealed data failed authentication under the"
        + " store key");
  }

  /** The failures that mean "this key does not open it" rather than a broken key. */
  static boolean notOpenedBy(ErrorCode code) {
    return code == ErrorCode.TAMPERED || code == ErrorCode.VERSION_NOT_FOUND
        || code == ErrorCode.VERSION_DISABLED;
  }

  @Override
  public String toString() {
    return "StoreKeyChain[seals " + sealing.keyReference() + ", " + opening.size() + " keys]";
  }
}
