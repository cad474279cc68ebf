/**
 * Post-quantum keys for ron-kms: ML-DSA-44/65/87 (FIPS 204) and ML-KEM-512/768/1024 (FIPS 203)
 * on the JDK's own implementation (provider {@code pq-jdk}, JDK 24+) or on Bouncy Castle
 * (provider {@code pq-bc}, every JDK), with private keys kept as seeds only.
 */
module dev.ronkms.pq {
  requires transitive dev.ronkms.api;
  requires dev.ronkms.ed25519;
  requires org.bouncycastle.provider;

  exports dev.ronkms.pq;
  exports dev.ronkms.pq.composite;
  exports dev.ronkms.pq.seal;

  provides dev.ronkms.spi.SignatureProvider with dev.ronkms.pq.JdkPqProvider,
      dev.ronkms.pq.BcPqProvider;
  provides dev.ronkms.spi.KemProvider with dev.ronkms.pq.JdkPqProvider,
      dev.ronkms.pq.BcPqProvider;
}
