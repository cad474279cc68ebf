/** The default Ed25519 provider for ron-kms, on Bouncy Castle. */
module dev.ronkms.provider.bc {
  requires dev.ronkms.api;
  requires dev.ronkms.ed25519;
  requires org.bouncycastle.provider;

  provides dev.ronkms.spi.SignatureProvider with dev.ronkms.provider.bc.BouncyCastleEd25519Provider;
}
