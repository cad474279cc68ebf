package dev.ronkms.pkcs11;

import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Where ipkcs11wrapper's log lines go: it prints them on standard output by default, which
 * would mix with a host's (or the {@code kms} tool's) output. Information and debugging lines
 * are dropped; warnings and errors go to standard error, format only (never the arguments,
 * which may hold attribute values). {@link #install} is idempotent.
 */
final class WrapperLog implements Logger {
  private static final WrapperLog INSTANCE = new WrapperLog();

  private WrapperLog() {}

  /** Makes this the wrapper's process-wide logger. */
  static void install() {
    StaticLogger.setLogger(INSTANCE);
  }

  @Override
  public void info(String format, Object... args) {}

  @Override
  public void warn(String format, Object... args) {
    System.err.println("[ipkcs11wrapper WARN] " + format);
  }

  @Override
  public void error(String format, Object... args) {
    System.err.println("[ipkcs11wrapper ERROR] " + format);
  }

  @Override
  public void debug(String format, Object... args) {}

  @Override
  public void trace(String format, Object... args) {}

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return false;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }
}
