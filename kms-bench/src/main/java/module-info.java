/**
 * JMH benchmarks for ron-kms. Run with {@code ./kms bench verify}; never part of the test run.
 * JMH instantiates the benchmark states reflectively, hence the open packages.
 */
open module dev.ronkms.bench {
  requires dev.ronkms.api;
  requires dev.ronkms.provider.bc;
  requires dev.ronkms.provider.tink;
  requires dev.ronkms.provider.jdk;
  requires org.bouncycastle.provider;
  requires com.google.crypto.tink;
  requires jmh.core;
}
