package dev.ronkms.keys;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for {@link SignedAttestation#parse}: one value and nothing after
 * it but whitespace; objects as maps that refuse a repeated member name; strings with only the
 * standard escapes and no unpaired surrogate; numbers kept as their text; nesting at most
 * {@value #MAX_DEPTH} deep. Every error is {@link ErrorCode#MALFORMED_ATTESTATION} naming the
 * offset.
 */
final class StrictJson {
  static final int MAX_DEPTH = 64;
  /** The value of a JSON {@code null}. */
  static final Object NULL = new Object();

  private final String text;
  private final String what;
  private int pos;

  private StrictJson(String text, String what) {
    this.text = text;
    this.what = what;
  }

  /** The one value of {@code text}: a map, list, String, Boolean, number text or {@link #NULL}. */
  static Object parse(String text, String what) {
    StrictJson p = new StrictJson(text, what);
    p.skipSpace();
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("content after the value");
    }
    return value;
  }

  /** The object {@code text} holds. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseObject(String text, String what) {
    Object value = parse(text, what);
    if (!(value instanceof Map)) {
      throw new KmsException(ErrorCode.MALFORMED_ATTESTATION, what + " is not a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("a value is missing");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) {
    pos++; // {
    Map<String, Object> members = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("a member name is missing");
      }
      int at = pos;
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      Object value = value(depth + 1);
      if (members.containsKey(name)) {
        pos = at;
        throw error("the member \"" + name + "\" appears twice");
      }
      members.put(name, value);
      skipSpace();
      char c = peek();
      pos++;
      if (c == '}') {
        return members;
      }
      if (c != ',') {
        pos--;
        throw error("',' or '}' expected");
      }
    }
  }

  private List<Object> array(int depth) {
    pos++; // [
    List<Object> items = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return items;
    }
    while (true) {
      skipSpace();
      items.add(value(depth + 1));
      skipSpace();
      char c = peek();
      pos++;
      if (c == ']') {
        return items;
      }
      if (c != ',') {
        pos--;
        throw error("',' or ']' expected");
      }
    }
  }

  private String string() {
    pos++; // "
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        String s = out.toString();
        if (!wellFormed(s)) {
          throw error("a string holds an unpaired surrogate");
        }
        return s;
      }
      if (c < 0x20) {
        pos--;
        throw error("an unescaped control character in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> {
          pos--;
          throw error("an invalid escape");
        }
      }
    }
  }

  private char unicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("a short \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos + i), 16);
      if (d < 0) {
        throw error("a \\u escape that is not hex");
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private String number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("a number without digits");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("a fraction without digits");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("an exponent without digits");
      }
      digits();
    }
    return text.substring(start, pos);
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected character");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "' expected");
    }
    pos++;
  }

  /** The next character, or 0 at the end. */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private KmsException error(String detail) {
    return new KmsException(ErrorCode.MALFORMED_ATTESTATION, what + ": " + detail
        + " at offset " + Math.min(pos, text.length()));
  }

  /** True when {@code s} has no unpaired surrogate, so its UTF-8 encoding is exact. */
  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
