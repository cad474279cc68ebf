package dev.ronkms.conformance;

/**
 * One Ed25519 verification case from a vector file.
 *
 * @param source where it comes from, for example {@code wycheproof tcId 37}
 * @param publicKey the encoded public key as given (may be malformed on purpose)
 * @param message the message
 * @param signature the signature as given (may have the wrong length on purpose)
 * @param expectedValid what the project's verification policy must answer
 * @param seed the private seed when the vector has one (RFC 8032), else null
 */
public record Ed25519Vector(String source, byte[] publicKey, byte[] message, byte[] signature,
    boolean expectedValid, byte[] seed) {

  @Override
  public String toString() {
    return source;
  }
}
