/**
 * JMH benchmarks for ron-kms. Run with {@code ./kms bench}; the test run
 * only smoke-runs them ({@code BenchSmokeTest}, never timing).
 * JMH instantiates the benchmark states reflectively, hence the open packages. Providers are
 * reached through ServiceLoader, as a host would; raw SunEC calls convert keys with
 * kms-provider-jdk's {@code SunEcKeys}.
 */
open module dev.ronkms.bench {
  requires dev.ronkms.api;
  requires dev.ronkms.ed25519;
  requires dev.ronkms.provider.jdk;
  requires dev.ronkms.softseal;
  requires dev.ronkms.pq;
  requires dev.ronkms.provider.pkcs11;
  requires org.bouncycastle.provider;
  requires com.google.crypto.tink;
  requires dev.ronkms.micrometer;
  requires micrometer.registry.prometheus;
  requires jmh.core;
  requires jdk.management;

  uses dev.ronkms.spi.SignatureProvider;
}
