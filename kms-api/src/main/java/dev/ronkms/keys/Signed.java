package dev.ronkms.keys;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A signature together with the exact key version that made it, so that it still verifies after
 * any number of rotations.
 *
 * <p>Immutable; the signature bytes are copied in and out. Signatures are public, so
 * {@code toString} shows them (Base64).
 */
public final class Signed {
  private final KeyId keyId;
  private final byte[] signature;

  /**
   * A signature with the id of the version that made it; {@code signature} is copied.
   *
   * @param keyId the versioned id of the key version that signed
   * @param signature the signature bytes
   */
  public Signed(KeyId keyId, byte[] signature) {
    Objects.requireNonNull(keyId, "keyId");
    if (!keyId.hasVersion()) {
      throw KeyIdGrammar.invalid("a signature names the version that made it: " + keyId);
    }
    this.keyId = keyId;
    this.signature = signature.clone();
  }

  /**
   * The versioned id of the key version that made the signature.
   *
   * @return the versioned id of the key version that made the signature
   */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * The version that made the signature.
   *
   * @return the version that made the signature
   */
  public int version() {
    return keyId.version();
  }

  /**
   * The raw signature bytes (a copy).
   *
   * @return the raw signature bytes (a copy)
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * The signature in standard Base64.
   *
   * @return the signature in standard Base64
   */
  public String signatureBase64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signed s && keyId.equals(s.keyId) && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "Signed[" + keyId + ", " + signatureBase64() + "]";
  }
}
