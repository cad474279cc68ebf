/**
 * The store SPI: a {@link dev.ronkms.store.KeystoreStore} keeps
 * {@link dev.ronkms.store.KeyRecord}s (a key with its {@link dev.ronkms.store.KeyVersion}s) with
 * compare-and-set on their revision; {@link dev.ronkms.store.KeyRecordCodec} is the sealed
 * binary form durable stores write; {@link dev.ronkms.store.InMemoryKeystoreStore} is the
 * default store.
 */
package dev.ronkms.store;
