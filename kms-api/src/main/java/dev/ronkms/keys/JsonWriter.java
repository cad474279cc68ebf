package dev.ronkms.keys;

/** A minimal streaming JSON writer for the deterministic output of {@link Attestation}. */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  private boolean needComma;

  JsonWriter beginObject() {
    separator();
    out.append('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() {
    separator();
    out.append('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  JsonWriter name(String name) {
    separator();
    string(name);
    out.append(':');
    needComma = false;
    return this;
  }

  JsonWriter field(String name, String value) {
    name(name);
    string(value);
    needComma = true;
    return this;
  }

  JsonWriter field(String name, boolean value) {
    name(name);
    out.append(value);
    needComma = true;
    return this;
  }

  JsonWriter field(String name, long value) {
    name(name);
    out.append(value);
    needComma = true;
    return this;
  }

  private void separator() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
