/**
 * The shared harness of the conformance suite: readers for the third-party test vectors and the
 * sources that make every test run against every provider on the class path and every store.
 */
module dev.ronkms.conformance {
  requires transitive dev.ronkms.api;
  requires transitive dev.ronkms.ed25519;
  requires dev.ronkms.softseal;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.jupiter.params;

  exports dev.ronkms.conformance;
}
