/** An Ed25519 provider for ron-kms on Google Tink. */
module dev.ronkms.provider.tink {
  requires dev.ronkms.api;
  requires com.google.crypto.tink;

  provides dev.ronkms.spi.Ed25519Backend with dev.ronkms.provider.tink.TinkEd25519Backend;
}
