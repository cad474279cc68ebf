/** The {@code kms} command-line tool. */
module dev.ronkms.cli {
  requires dev.ronkms.api;
  requires dev.ronkms.softseal;
  requires dev.ronkms.provider.pkcs11;
  requires info.picocli;
  requires org.jline.reader;
  requires org.jline.terminal;

  opens dev.ronkms.cli to info.picocli;
}
