/** An Ed25519 provider for ron-kms on Google Tink. */
module dev.ronkms.provider.tink {
  requires dev.ronkms.api;
  requires dev.ronkms.ed25519;
  requires com.google.crypto.tink;

  provides dev.ronkms.spi.SignatureProvider with dev.ronkms.provider.tink.TinkEd25519Provider;
}
