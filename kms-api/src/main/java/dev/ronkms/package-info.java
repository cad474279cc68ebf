/**
 * The key manager: {@link dev.ronkms.Kms}, built with {@link dev.ronkms.Kms#inMemory()} or
 * {@link dev.ronkms.Kms#builder()}, one engine for every algorithm and provider.
 *
 * <p>A {@code Kms} creates keys, signs with the head version, rotates, stages and promotes
 * versions, verifies under the project's one verification policy, seals and opens secrets,
 * exports and imports keys sealed to another store, and attests a key as deterministic JSON.
 * Every failure is a {@link dev.ronkms.KmsException} carrying a stable
 * {@link dev.ronkms.ErrorCode} (docs/API.md).
 */
package dev.ronkms;
