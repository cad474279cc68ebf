package dev.ronkms.cli;

/**
 * A usage or input error found while a command runs (an unreadable or oversized message file, an
 * unset shell variable, ...): the message is printed and the exit code is
 * {@link KmsCli#EXIT_USAGE}, as for an error picocli finds while parsing.
 */
final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message, null, false, false);
  }
}
