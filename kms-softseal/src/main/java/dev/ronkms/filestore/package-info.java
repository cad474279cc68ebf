/**
 * The durable, sealed file store: {@link dev.ronkms.filestore.FileKeystoreStore}, opened with a
 * {@link dev.ronkms.filestore.FileStoreBuilder}. One sealed file per key (envelope encryption
 * under a store key), atomic and durable writes, compare-and-set across processes through a
 * lock file, a decoded-record cache, store-key rotation that can be resumed after a crash, and
 * durable anti-rollback counters. docs/RUNBOOK.md tells how to run it; docs/SECURITY.md
 * ("Durable store") what it guarantees.
 */
package dev.ronkms.filestore;
