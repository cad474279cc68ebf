package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsBuilder;
import dev.ronkms.KmsException;
import dev.ronkms.audit.JsonLinesAuditSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The global {@code --audit FILE} option: the session's key manager appends one JSON line per
 * key operation to FILE (a fail-closed {@link JsonLinesAuditSink}: an operation that cannot be
 * recorded fails with {@code AUDIT_FAILED}; docs/API.md, "Audit events").
 */
final class AuditOption implements AutoCloseable {
  private Path file;
  private JsonLinesAuditSink sink;

  /** Names the audit file; once per session, before the key manager is built. */
  void file(Path value) {
    if (sink != null && !sink.file().equals(value)) {
      throw new KmsException(ErrorCode.INVALID_ARGUMENT, "the audit file is chosen once per"
          + " session");
    }
    this.file = value;
  }

  /** Opens the audit file, if one was named, and registers it with {@code builder}. */
  void attachTo(KmsBuilder builder) {
    if (file == null) {
      return;
    }
    if (sink == null) {
      try {
        sink = JsonLinesAuditSink.open(file);
      } catch (IOException e) {
        throw new KmsException(ErrorCode.AUDIT_FAILED, "cannot open the audit file " + file
            + " (" + e.getClass().getSimpleName() + ")", e);
      }
    }
    builder.listener(sink);
  }

  @Override
  public void close() {
    if (sink != null) {
      sink.close();
    }
  }
}
