/**
 * The values of the key lifecycle: {@link dev.ronkms.keys.KeyId} (tenant, purpose, algorithm,
 * UUID and an optional version), {@link dev.ronkms.keys.Algorithm},
 * {@link dev.ronkms.keys.KeyOptions} with its export policy, signature variant and composite
 * mode, {@link dev.ronkms.keys.VersionState}, {@link dev.ronkms.keys.Signed} and the
 * {@link dev.ronkms.keys.Attestation} of a key's public state.
 */
package dev.ronkms.keys;
