package dev.ronkms.pq.composite;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** {@link Ed25519Signer} on Bouncy Castle's low-level RFC 8032 code. */
final class BcEd25519Signer implements Ed25519Signer {
  static final BcEd25519Signer INSTANCE = new BcEd25519Signer();

  private BcEd25519Signer() {}

  @Override
  public String name() {
    return "bc";
  }

  @Override
  public byte[] publicKey(byte[] seed) {
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return pk;
  }

  @Override
  public byte[] sign(byte[] seed, byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** Signs with the given public key of the seed rather than deriving it again (RFC 8032). */
  @Override
  public byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }
}
