/**
 * An Ed25519 provider for ron-kms on the JDK's own SunEC: no dependency beyond the JDK. Hosts
 * reach the provider through ServiceLoader; the exported package is for {@code SunEcKeys}, the
 * codec between raw RFC 8032 bytes and SunEC key objects (the benchmarks and the conformance
 * suite's raw-library table use it too).
 */
module dev.ronkms.provider.jdk {
  requires transitive dev.ronkms.api;
  requires dev.ronkms.ed25519;

  exports dev.ronkms.provider.jdk;

  provides dev.ronkms.spi.SignatureProvider with dev.ronkms.provider.jdk.JdkEd25519Provider;
}
