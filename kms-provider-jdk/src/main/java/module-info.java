/** An Ed25519 provider for ron-kms on the JDK's own SunEC: no dependency beyond the JDK. */
module dev.ronkms.provider.jdk {
  requires dev.ronkms.api;

  provides dev.ronkms.spi.Ed25519Backend with dev.ronkms.provider.jdk.JdkEd25519Backend;
}
