/**
 * Keys that never leave a PKCS#11 token, for ron-kms: Ed25519 signing keys made and used on the
 * token, and an AES-256-GCM store key held by the token. See {@code dev.ronkms.pkcs11}.
 */
module dev.ronkms.provider.pkcs11 {
  requires transitive dev.ronkms.api;
  requires dev.ronkms.ed25519;
  requires ipkcs11wrapper;
  requires jdk.crypto.cryptoki;

  exports dev.ronkms.pkcs11;

  provides dev.ronkms.spi.SignatureProvider with dev.ronkms.pkcs11.Pkcs11Ed25519Provider;
}
