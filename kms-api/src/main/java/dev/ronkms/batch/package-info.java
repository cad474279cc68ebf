/**
 * Batch verification: {@link dev.ronkms.batch.VerifyRequest} in,
 * {@link dev.ronkms.batch.VerifyResult} out, one result per request answering exactly what
 * single verification would, and the {@link dev.ronkms.batch.BatchStats} counters of
 * {@link dev.ronkms.Kms#batchStats()}.
 */
package dev.ronkms.batch;
