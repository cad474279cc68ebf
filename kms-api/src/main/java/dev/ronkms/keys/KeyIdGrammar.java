package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;

/** The lexical rules of {@link KeyId}, kept apart so the value class stays small. */
final class KeyIdGrammar {
  static final int MAX_LENGTH = 200;
  static final int MAX_LABEL_LENGTH = 63;

  private KeyIdGrammar() {}

  /** Checks a tenant or purpose label: 1–63 chars of [a-z0-9._-], starting with [a-z0-9]. */
  static String label(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw invalid(what + " is empty");
    }
    if (value.length() > MAX_LABEL_LENGTH) {
      throw invalid(what + " is longer than " + MAX_LABEL_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (i == 0 && !alnum) {
        throw invalid(what + " must start with a lowercase letter or digit: " + quote(value));
      }
      if (!alnum && c != '-' && c != '_' && c != '.') {
        throw invalid(what + " has a character outside [a-z0-9._-] at index " + i + ": "
            + quote(value));
      }
    }
    return value;
  }

  /** Parses the canonical lowercase 8-4-4-4-12 hex form. */
  static java.util.UUID uuid(String value) {
    if (value.length() != 36) {
      throw invalid("uuid must be 36 characters (8-4-4-4-12 lowercase hex): " + quote(value));
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean ok = dash ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        throw invalid("uuid must be lowercase 8-4-4-4-12 hex: " + quote(value));
      }
    }
    return java.util.UUID.fromString(value);
  }

  /** Parses {@code v<n>}: n in 1..2147483647, decimal, no leading zero. */
  static int version(String value) {
    if (value.length() < 2 || value.charAt(0) != 'v') {
      throw invalid("version must look like v1, v2, ...: " + quote(value));
    }
    if (value.charAt(1) == '0') {
      throw invalid("version must start at v1 and have no leading zero: " + quote(value));
    }
    if (value.length() > 11) {
      throw invalid("version is larger than " + Integer.MAX_VALUE + ": " + quote(value));
    }
    long n = 0;
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid("version must be decimal digits after 'v': " + quote(value));
      }
      n = n * 10 + (c - '0');
    }
    if (n > Integer.MAX_VALUE) {
      throw invalid("version is larger than " + Integer.MAX_VALUE + ": " + quote(value));
    }
    return (int) n;
  }

  /** Checks a version number given as an int. */
  static int version(int value) {
    if (value < 1) {
      throw invalid("version must be at least 1, got " + value);
    }
    return value;
  }

  static KmsException invalid(String detail) {
    return new KmsException(ErrorCode.INVALID_KEY_ID, detail);
  }

  /**
   * Quotes user input for an error message: at most 80 characters, control and non-ASCII
   * characters shown as {@code \\u} escapes, so a hostile string cannot forge log lines.
   */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    int limit = Math.min(s.length(), 80);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (s.length() > limit) {
      sb.append("...(").append(s.length()).append(" chars)");
    }
    return sb.append('"').toString();
  }
}
