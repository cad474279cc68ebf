package dev.ronkms.cli;

/** Indents compact JSON for people; strings (and any braces inside them) are copied as they are. */
final class JsonPretty {
  private JsonPretty() {}

  static String indent(String json) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\' && i + 1 < json.length()) {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          out.append(c).append('\n');
          depth++;
          pad(out, depth);
        }
        case '}', ']' -> {
          out.append('\n');
          depth--;
          pad(out, depth);
          out.append(c);
        }
        case ',' -> {
          out.append(",\n");
          pad(out, depth);
        }
        case ':' -> out.append(": ");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void pad(StringBuilder out, int depth) {
    out.append("  ".repeat(Math.max(0, depth)));
  }
}
