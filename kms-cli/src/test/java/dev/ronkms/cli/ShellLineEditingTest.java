package dev.ronkms.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The shell's JLine reader on a terminal made of byte streams: prompt, lines, completion. */
class ShellLineEditingTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Session session = new Session(new PrintWriter(out, true),
      new PrintWriter(err, true));

  private static Terminal terminal(String input, ByteArrayOutputStream screen) throws Exception {
    return TerminalBuilder.builder().system(false).type("dumb").encoding(StandardCharsets.UTF_8)
        .streams(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen)
        .build();
  }

  @Test
  void theReaderPromptsAndRunsEachLine() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = terminal("keys create acme billing\nkeys sign $key -m hi\n"
        + "keys list\n", screen)) {
      LineReader reader = ShellCommand.lineReader(terminal, session, null);
      session.interactive(true);
      int code = new ShellCommand(session).run(prompt -> {
        try {
          return reader.readLine(prompt);
        } catch (EndOfFileException e) {
          return null;
        }
      }, false);
      assertEquals(0, code, err.toString());
      assertTrue(screen.toString(StandardCharsets.UTF_8).contains("kms> "), screen.toString());
      assertTrue(out.toString().contains("acme/billing/ed25519/"), out.toString());
      assertEquals(3, out.toString().lines().count(), "no echo on a terminal: " + out);
      assertTrue(reader.getHistory().size() >= 3, "history");
    }
  }

  @Test
  void tabCompletesCommandsOptionsAndSetVariables() throws Exception {
    try (Terminal terminal = terminal("", new ByteArrayOutputStream())) {
      LineReader reader = ShellCommand.lineReader(terminal, session, null);
      assertTrue(complete(reader, "").containsAll(List.of("keys", "seal", "exit")));
      assertTrue(complete(reader, "keys ").containsAll(List.of("sign", "verify", "rotate")));
      assertTrue(complete(reader, "keys sign k --").containsAll(List.of("--message-hex",
          "--message-file", "--context", "--json")), complete(reader, "keys sign k --")
          .toString());
      assertEquals(List.of(), complete(reader, "keys sign $"));
      session.remember("key", "acme/x/ed25519/00000000-0000-4000-8000-000000000000");
      assertEquals(List.of("$key"), complete(reader, "keys sign $"));
    }
  }

  private List<String> complete(LineReader reader, String line) {
    ParsedLine parsed = reader.getParser().parse(line, line.length());
    List<Candidate> candidates = new ArrayList<>();
    new ShellCommand.ShellCompleter(session).complete(reader, parsed, candidates);
    return candidates.stream().map(Candidate::value).toList();
  }
}
