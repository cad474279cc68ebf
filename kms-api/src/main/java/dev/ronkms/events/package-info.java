/**
 * What a {@link dev.ronkms.Kms} reports about each key operation: {@link
 * dev.ronkms.events.OperationEvent}s delivered to {@link dev.ronkms.events.OperationListener}s,
 * the one hook for metrics (kms-micrometer) and audit trails. Events name operations, keys,
 * versions, outcomes and providers; they never carry secrets or message content.
 */
package dev.ronkms.events;
