/**
 * Software sealing on the JDK's own ciphers: the {@code softseal} AEAD provider
 * ({@link dev.ronkms.softseal.SoftSealProvider}: AES-256-GCM and ChaCha20-Poly1305),
 * {@link dev.ronkms.softseal.KeyringSealer} (a versioned keyring of 32-byte keys) and
 * {@link dev.ronkms.softseal.StoreKeys}, which builds the store key from a key file, an
 * environment variable or a passphrase through Argon2id
 * ({@link dev.ronkms.softseal.PassphraseParameters}; needs Bouncy Castle).
 */
package dev.ronkms.softseal;
