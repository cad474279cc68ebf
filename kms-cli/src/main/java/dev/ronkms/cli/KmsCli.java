package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code kms} command. Exit codes: 0 success, 1 a signature did not verify,
 * 2 usage error, 3 a {@link KmsException} (its stable code is printed on stderr).
 */
public final class KmsCli {
  /** A signature was checked and is not valid. */
  static final int EXIT_INVALID = 1;
  /** A {@link KmsException}. */
  static final int EXIT_KMS_ERROR = 3;

  private KmsCli() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    try (Session session = new Session(out, err)) {
      code = run(session, args);
    }
    System.exit(code);
  }

  /** Runs one command line against {@code session}; returns the exit code. */
  static int run(Session session, String... args) {
    return commandLine(session).execute(args);
  }

  static CommandLine commandLine(Session session) {
    CommandLine cl = new CommandLine(new RootCommand(session), new SessionFactory(session));
    cl.setOut(session.out);
    cl.setErr(session.err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof KmsException k) {
        session.err.println("error: " + k.getMessage());
        if (k.code() == ErrorCode.KEY_NOT_FOUND && !session.interactive()) {
          session.err.println("hint: the in-memory store lives only as long as one kms process;"
              + " run several commands in one session with: kms shell");
        }
        return EXIT_KMS_ERROR;
      }
      throw e;
    });
    return cl;
  }

  /** Builds command objects that need the session. */
  private record SessionFactory(Session session) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (var c : type.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Session.class) {
          c.setAccessible(true);
          return type.cast(c.newInstance(session));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
