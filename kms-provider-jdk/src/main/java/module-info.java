/** An Ed25519 provider for ron-kms on the JDK's own SunEC: no dependency beyond the JDK. */
module dev.ronkms.provider.jdk {
  requires dev.ronkms.api;
  requires dev.ronkms.ed25519;

  provides dev.ronkms.spi.SignatureProvider with dev.ronkms.provider.jdk.JdkEd25519Provider;
}
