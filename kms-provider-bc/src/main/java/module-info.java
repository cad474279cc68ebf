/** The default Ed25519 provider for ron-kms, on Bouncy Castle. */
module dev.ronkms.provider.bc {
  requires dev.ronkms.api;
  requires org.bouncycastle.provider;

  provides dev.ronkms.spi.Ed25519Backend with dev.ronkms.provider.bc.BouncyCastleEd25519Backend;
}
