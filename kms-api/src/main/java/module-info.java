/**
 * ron-kms public API: the {@link dev.ronkms.Kms} engine, key identifiers and lifecycle values,
 * typed errors, the provider SPI, provider discovery, the store contract and the in-memory
 * store. The project's Ed25519 arithmetic (module {@code dev.ronkms.ed25519}) is used inside and
 * not re-exported: hosts that want its batch verifier or policy gate require it themselves.
 */
module dev.ronkms.api {
  requires dev.ronkms.ed25519;

  exports dev.ronkms;
  exports dev.ronkms.audit;
  exports dev.ronkms.batch;
  exports dev.ronkms.events;
  exports dev.ronkms.keys;
  exports dev.ronkms.spi;
  exports dev.ronkms.providers;
  exports dev.ronkms.seal;
  exports dev.ronkms.store;

  uses dev.ronkms.spi.SignatureProvider;
  uses dev.ronkms.spi.SealingProvider;
  uses dev.ronkms.spi.KemProvider;
}
