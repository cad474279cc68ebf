/**
 * Keys that never leave a PKCS#11 token.
 *
 * <p>{@link dev.ronkms.pkcs11.Pkcs11Ed25519Provider} makes Ed25519 keys on the token and signs
 * there (through ipkcs11wrapper: SunPKCS11 has no EdDSA); the token is named by a
 * {@link dev.ronkms.pkcs11.TokenConfig} (library, token label, {@link dev.ronkms.pkcs11.PinSource},
 * sessions). A durable store holds, for each version, a sealed reference to the token objects,
 * never key material.
 *
 * <p>Error codes: a PIN the token refuses is {@code INVALID_ARGUMENT}; a token that is absent or
 * removed, or a library or device failure, is the retryable {@code TOKEN_UNAVAILABLE} (the next
 * call reconnects); a key the token no longer holds is {@code KEY_NOT_FOUND}; a closed provider
 * is {@code CLOSED}.
 */
package dev.ronkms.pkcs11;
