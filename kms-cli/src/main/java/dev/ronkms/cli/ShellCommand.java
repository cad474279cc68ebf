package dev.ronkms.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kms shell}: runs commands, one per line, all against one store, so keys created on one
 * line can sign on the next. Words may be quoted with single or double quotes. Lines starting
 * with {@code #} are comments; {@code exit} or {@code quit} (or end of input) ends.
 *
 * <p>On a terminal the shell uses JLine: the prompt {@code kms> }, line editing, history (kept in
 * {@code ~/.kms_history}) and Tab completion of commands, options and the variables below. When
 * standard input is not a terminal (a pipe, a file), lines are read one by one and each is echoed
 * after {@code kms> } before its output (not with {@code --json}, whose stdout stays one JSON
 * object per line); the shell's exit code is then the worst of its lines.
 *
 * <p>The words {@code $key}, {@code $version}, {@code $signature} and {@code $envelope} stand
 * for the key id last created, the versioned id last created, signed with or rotated to, the
 * last signature and the last envelope printed by seal or reseal, so a script needs no copy and
 * paste. A variable with no value yet is an error for its line (exit code 2):
 * <pre>
 * keys create acme billing
 * keys sign $key -m "invoice 1"
 * keys verify $version $signature -m "invoice 1"
 * </pre>
 * The provider and the store are chosen once per session: a line that asks for another one
 * after the first command used the store is refused with INVALID_ARGUMENT (exit code 3).
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"Run many commands against one store: on a terminal"
    + " with a prompt, history, line editing and Tab completion; or one per line from standard"
    + " input, for example: printf 'keys create acme billing\\nkeys list\\n' | kms shell",
    "The words $key, $version, $signature and $envelope stand for the last key created, the"
    + " last version used, the last signature and the last envelope; an unset one is an error"
    + " (exit code 2)."})
final class ShellCommand implements Callable<Integer> {
  private static final Pattern VARIABLE = Pattern.compile("\\$(key|version|signature|envelope)");
  private static final String PROMPT = "kms> ";
  private final Session session;
  private final Reader input;

  ShellCommand(Session session) {
    this(session, null);
  }

  /** A shell reading {@code input} line by line (null: standard input). */
  ShellCommand(Session session, Reader input) {
    this.session = session;
    this.input = input;
  }

  @Override
  public Integer call() throws IOException {
    session.interactive(true);
    if (input == null && stdinIsTerminal()) {
      try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
        String home = System.getProperty("user.home");
        LineReader reader = lineReader(terminal, session, home == null || home.isBlank() ? null
            : Path.of(home, ".kms_history"));
        run(prompt -> {
          try {
            return reader.readLine(prompt);
          } catch (UserInterruptException e) {
            return ""; // Ctrl-C drops the line being typed
          } catch (EndOfFileException e) {
            return null; // Ctrl-D
          }
        }, false);
        return KmsCli.EXIT_OK;
      }
    }
    BufferedReader lines = new BufferedReader(input != null ? input
        : new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return run(prompt -> {
      try {
        return lines.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, true);
  }

  /** Where lines come from: the next line, or null at the end. */
  interface Lines {
    String next(String prompt);
  }

  /** Runs every line; returns the worst exit code. {@code echo}: print each line after a prompt. */
  int run(Lines lines, boolean echo) {
    int worst = 0;
    String line;
    while ((line = lines.next(PROMPT)) != null) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.equals("exit") || trimmed.equals("quit")) {
        break;
      }
      if (echo && !session.json) {
        session.out.println(PROMPT + trimmed);
      }
      worst = Math.max(worst, runLine(trimmed));
    }
    session.out.flush();
    return worst;
  }

  private int runLine(String line) {
    List<String> words = new ArrayList<>();
    try {
      for (String w : split(line)) {
        words.add(substitute(w));
      }
      if (!words.isEmpty() && words.get(0).equals("shell")) {
        throw new InputException("already in a shell");
      }
    } catch (InputException e) {
      return KmsCli.report(session, e);
    }
    return KmsCli.run(session, words.toArray(String[]::new));
  }

  /**
   * A JLine reader on {@code terminal}: line editing, completion, and history kept in
   * {@code historyFile} (null: for this session only).
   */
  static LineReader lineReader(Terminal terminal, Session session, Path historyFile) {
    LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("kms")
        .completer(new ShellCompleter(session))
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // '!' is a plain character
    if (historyFile != null) {
      builder.variable(LineReader.HISTORY_FILE, historyFile);
    }
    return builder.build();
  }

  /** Tab completion: commands, subcommands and options from picocli, and the variables. */
  static final class ShellCompleter implements Completer {
    private final Session session;
    private final CommandSpec spec;

    ShellCompleter(Session session) {
      this.session = session;
      this.spec = KmsCli.commandLine(session).getCommandSpec();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
      if (line.word().startsWith("$")) {
        for (String name : List.of("key", "version", "signature", "envelope")) {
          if (session.recall(name) != null) {
            candidates.add(new Candidate("$" + name));
          }
        }
        return;
      }
      List<CharSequence> found = new ArrayList<>();
      AutoComplete.complete(spec, line.words().toArray(String[]::new), line.wordIndex(), 0,
          line.wordCursor(), found);
      if (line.wordIndex() == 0) {
        found.add("exit");
      }
      for (CharSequence c : found) {
        candidates.add(new Candidate(c.toString()));
      }
    }
  }

  /** True when standard input and output are a terminal (Java 22+: Console.isTerminal()). */
  static boolean stdinIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before Java 22 a console exists only on a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /**
   * Replaces {@code $key}, {@code $version}, {@code $signature}, {@code $envelope} in a word.
   * @throws InputException when one has no value yet
   */
  private String substitute(String word) {
    Matcher m = VARIABLE.matcher(word);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = session.recall(m.group(1));
      if (value == null) {
        throw new InputException("$" + m.group(1) + " is not set: " + unsetHint(m.group(1)));
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    return m.appendTail(sb).toString();
  }

  private static String unsetHint(String name) {
    return switch (name) {
      case "key" -> "no key was created or imported in this session yet (keys create ...)";
      case "version" -> "no key version was created, signed with or rotated to yet";
      case "signature" -> "nothing was signed in this session yet (keys sign ...)";
      default -> "nothing was sealed in this session yet (seal ...)";
    };
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
