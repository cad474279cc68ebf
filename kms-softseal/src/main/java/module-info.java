/**
 * Software sealing for ron-kms: the {@code softseal} AEAD provider (AES-256-GCM and
 * ChaCha20-Poly1305 on the JDK's own SunJCE ciphers, found by ServiceLoader), keyring sealers for
 * hosts and store keys, and the durable sealed file store.
 */
module dev.ronkms.softseal {
  requires transitive dev.ronkms.api;
  // Only StoreKeys.fromPassphrase (Argon2id) uses Bouncy Castle; absent, it is NO_PROVIDER.
  requires static org.bouncycastle.provider;

  exports dev.ronkms.softseal;
  exports dev.ronkms.filestore;

  provides dev.ronkms.spi.SealingProvider with dev.ronkms.softseal.SoftSealProvider;
}
