/**
 * Micrometer metrics for a {@link dev.ronkms.Kms}: {@link dev.ronkms.micrometer.KmsMetrics}
 * turns each {@link dev.ronkms.events.OperationEvent} into the four meters of docs/API.md
 * ("Metrics"), with fixed label sets and no tenant or key labels.
 */
package dev.ronkms.micrometer;
