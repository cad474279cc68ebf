/**
 * Audit trails of key operations: {@link dev.ronkms.audit.AuditSink}, an
 * {@link dev.ronkms.events.OperationListener} that records every
 * {@link dev.ronkms.events.OperationEvent} and is fail-closed unless it says otherwise, and
 * {@link dev.ronkms.audit.JsonLinesAuditSink}, an append-only JSON-lines file. Sinks are
 * registered like any listener, with {@code Kms.builder().listener(sink)}; an audit record never
 * holds a secret, a message, a plaintext or a signature (docs/API.md, "Audit events").
 */
package dev.ronkms.audit;
