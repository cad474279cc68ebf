/**
 * ron-kms public API: the {@link dev.ronkms.Kms} engine, key identifiers and lifecycle values,
 * typed errors, the provider SPI, provider discovery and the in-memory store.
 */
module dev.ronkms.api {
  requires transitive dev.ronkms.ed25519;

  exports dev.ronkms;
  exports dev.ronkms.batch;
  exports dev.ronkms.keys;
  exports dev.ronkms.spi;
  exports dev.ronkms.providers;
  exports dev.ronkms.store;

  uses dev.ronkms.spi.Ed25519Backend;
}
