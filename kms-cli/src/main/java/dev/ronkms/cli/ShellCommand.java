package dev.ronkms.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;

/**
 * {@code kms shell}: reads commands from standard input, one per line, and runs them all against
 * one in-memory store, so keys created on one line can sign on the next. Words may be quoted with
 * single or double quotes. Lines starting with {@code #} are comments; {@code exit} ends.
 *
 * <p>The words {@code $key}, {@code $version}, {@code $signature} and {@code $envelope} stand
 * for the key id last created, the versioned id last created, signed with or rotated to, the
 * last signature and the last envelope printed by seal or reseal, so a
 * script needs no copy and paste:
 * <pre>
 * keys create acme billing
 * keys sign $key -m "invoice 1"
 * keys verify $version $signature -m "invoice 1"
 * </pre>
 */
@Command(name = "shell", description = "Run commands from standard input against one in-memory"
    + " store, for example: printf 'keys create acme billing\\nkeys list\\n' | kms shell")
final class ShellCommand implements Callable<Integer> {
  private static final Pattern VARIABLE = Pattern.compile("\\$(key|version|signature|envelope)");
  private final Session session;
  private final Reader input;

  ShellCommand(Session session) {
    this(session, new InputStreamReader(System.in, StandardCharsets.UTF_8));
  }

  ShellCommand(Session session, Reader input) {
    this.session = session;
    this.input = input;
  }

  @Override
  public Integer call() throws IOException {
    session.interactive(true);
    int worst = 0;
    BufferedReader lines = new BufferedReader(input);
    String line;
    while ((line = lines.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.equals("exit") || trimmed.equals("quit")) {
        break;
      }
      session.out.println("kms> " + trimmed);
      List<String> words = new ArrayList<>();
      for (String w : split(trimmed)) {
        words.add(substitute(w));
      }
      if (!words.isEmpty() && words.get(0).equals("shell")) {
        session.err.println("error: already in a shell");
        continue;
      }
      worst = Math.max(worst, KmsCli.run(session, words.toArray(String[]::new)));
    }
    return worst;
  }

  /** Replaces {@code $key}, {@code $version}, {@code $signature}, {@code $envelope} in a word. */
  private String substitute(String word) {
    Matcher m = VARIABLE.matcher(word);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = session.recall(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    return m.appendTail(sb).toString();
  }

  /** Splits on blanks, keeping quoted words whole. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
