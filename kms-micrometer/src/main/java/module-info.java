/**
 * Optional Micrometer metrics for ron-kms: {@link dev.ronkms.micrometer.KmsMetrics}, an
 * {@link dev.ronkms.events.OperationListener} that records a {@link dev.ronkms.Kms}'s key
 * operations in a Micrometer {@code MeterRegistry}. kms-api does not depend on Micrometer; a host
 * that wants metrics adds this module.
 */
module dev.ronkms.micrometer {
  requires transitive dev.ronkms.api;
  requires transitive micrometer.core;

  exports dev.ronkms.micrometer;
}
