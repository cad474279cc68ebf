/** The {@code kms} command-line tool. */
module dev.ronkms.cli {
  requires dev.ronkms.api;
  requires dev.ronkms.softseal;
  requires dev.ronkms.provider.pkcs11;
  requires info.picocli;
  requires org.jline.reader;
  requires org.jline.terminal;
  // kms metrics: the Micrometer listener and the Prometheus text
  requires dev.ronkms.micrometer;
  requires micrometer.registry.prometheus;

  opens dev.ronkms.cli to info.picocli;
}
