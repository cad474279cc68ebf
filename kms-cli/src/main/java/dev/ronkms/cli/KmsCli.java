package dev.ronkms.cli;

import dev.ronkms.ErrorCode;
import dev.ronkms.KmsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code kms} command. Every outcome is an exit code from the table below and
 * at most one line on stderr; a stack trace is printed only with {@code --debug}.
 */
public final class KmsCli {
  /** Success. */
  static final int EXIT_OK = 0;
  /** A negative answer: a signature was checked and is not valid. */
  static final int EXIT_INVALID = 1;
  /** A usage or input error: a bad option or value, an unreadable or oversized input. */
  static final int EXIT_USAGE = 2;
  /** A {@link KmsException}; its stable code is printed on stderr. */
  static final int EXIT_KMS_ERROR = 3;
  /** An unexpected failure inside kms (a bug, or the JVM out of memory). */
  static final int EXIT_INTERNAL = 4;

  /** The exit-code list every help page shows. */
  static final Map<String, String> EXIT_CODES = exitCodes();

  private static final String FALLBACK_VERSION = "unknown (not built as a jar)";

  private KmsCli() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code;
    Session session = new Session(out, err);
    session.debug = java.util.Arrays.asList(args).contains("--debug");
    try {
      code = run(session, args);
    } catch (Throwable t) { // run() reports everything; this is the last line of defence
      code = report(session, t);
    }
    try {
      session.close();
    } catch (Throwable t) {
      code = Math.max(code, report(session, t));
    }
    System.exit(code);
  }

  /**
   * Runs one command line against {@code session}; returns the exit code. {@code --json},
   * {@code --debug} and {@code --max-message-size} given on this line hold for this line only
   * (a shell keeps those of its own command line).
   */
  static int run(Session session, String... args) {
    boolean json = session.json;
    boolean debug = session.debug;
    long limit = session.maxMessageSize();
    try {
      return commandLine(session).execute(args);
    } catch (Throwable t) {
      return report(session, t);
    } finally {
      session.json = json;
      session.debug = debug;
      session.maxMessageSize(limit);
    }
  }

  static CommandLine commandLine(Session session) {
    CommandLine cl = new CommandLine(new RootCommand(session), new SessionFactory(session));
    cl.setOut(session.out);
    cl.setErr(session.err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    configure(cl, session);
    cl.setExecutionStrategy(parsed -> {
      try {
        session.apply();
        return new CommandLine.RunLast().execute(parsed);
      } catch (ParameterException | CommandLine.ExecutionException e) {
        throw e; // picocli hands these to the handlers below
      } catch (RuntimeException e) { // picocli would print any other one with its stack trace
        return report(session, e);
      }
    });
    cl.setExecutionExceptionHandler((e, line, parsed) -> report(session, e));
    cl.setParameterExceptionHandler((e, args) -> usageError(session, e));
    return cl;
  }

  /** Help and version options, the help footer and exit codes on every command of the tree. */
  private static void configure(CommandLine cl, Session session) {
    CommandSpec spec = cl.getCommandSpec();
    if (!(spec.userObject() instanceof CommandLine.HelpCommand)) { // it has its own --help
      spec.mixinStandardHelpOptions(true);
      spec.versionProvider(KmsCli::version);
      spec.addMixin("global", CommandSpec.forAnnotatedObject(new GlobalOptions(session)));
    }
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
    for (CommandLine sub : cl.getSubcommands().values()) {
      configure(sub, session);
    }
  }

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "success");
    codes.put("1", "a negative answer: the signature is not valid");
    codes.put("2", "a usage or input error (bad option or value, unreadable or too large"
        + " input, unset shell variable)");
    codes.put("3", "a KMS error; its stable code is printed (error: CODE: ...)");
    codes.put("4", "an internal error; rerun with --debug for the stack trace");
    return codes;
  }

  /** A usage error picocli found while parsing: the message, then where to find help. */
  private static int usageError(Session session, ParameterException e) {
    CommandLine line = e.getCommandLine();
    if (session.json) {
      printJsonError(session, "USAGE", e.getMessage(), EXIT_USAGE);
    } else {
      session.err.println("error: " + e.getMessage());
      if (e.getMessage() != null && e.getMessage().startsWith("Missing required subcommand")) {
        line.usage(session.err);
      } else {
        UnmatchedArgumentException.printSuggestions(e, session.err);
        session.err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for"
            + " more information.");
      }
    }
    debugTrace(session, e);
    return EXIT_USAGE;
  }

  /**
   * Reports a failure in one line (or one JSON object) on stderr and returns its exit code:
   * {@link #EXIT_KMS_ERROR} for a {@link KmsException}, {@link #EXIT_USAGE} for an input error,
   * {@link #EXIT_INTERNAL} for anything else.
   */
  static int report(Session session, Throwable t) {
    if (t instanceof ParameterException p) {
      return usageError(session, p);
    }
    if (t instanceof CommandLine.ExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof KmsException k) {
      String hint = k.code() == ErrorCode.KEY_NOT_FOUND && !session.interactive()
          && session.storeDirectory() == null
          ? "the in-memory store lives only as long as one kms process; run several commands in"
              + " one session with: kms shell" : null;
      if (session.json) {
        printJsonError(session, k.code().name(), k.getMessage(), EXIT_KMS_ERROR, "hint", hint);
      } else {
        session.err.println("error: " + k.getMessage());
        if (hint != null) {
          session.err.println("hint: " + hint);
        }
      }
      debugTrace(session, t);
      return EXIT_KMS_ERROR;
    }
    if (t instanceof InputException) {
      if (session.json) {
        printJsonError(session, "INVALID_INPUT", t.getMessage(), EXIT_USAGE);
      } else {
        session.err.println("error: " + t.getMessage());
      }
      debugTrace(session, t);
      return EXIT_USAGE;
    }
    String what = t.getMessage() == null || t.getMessage().isBlank() ? "unexpected failure"
        : t.getMessage().lines().findFirst().orElse("");
    String type = t.getClass().getName();
    if (session.json) {
      printJsonError(session, "INTERNAL", what + " (" + type + ")", EXIT_INTERNAL, "hint",
          "rerun with --debug for the stack trace");
    } else {
      session.err.println("error: " + what + " (" + type + "); hint: rerun with --debug for the"
          + " stack trace");
    }
    debugTrace(session, t);
    return EXIT_INTERNAL;
  }

  private static void printJsonError(Session session, String code, String message, int exit,
      Object... more) {
    Map<String, Object> error = Json.object("code", code, "message", message, "exitCode", exit);
    for (int i = 0; i + 1 < more.length; i += 2) {
      if (more[i + 1] != null) {
        error.put((String) more[i], more[i + 1]);
      }
    }
    session.err.println(Json.write(Json.object("error", error)));
  }

  private static void debugTrace(Session session, Throwable t) {
    if (session.debug) {
      t.printStackTrace(session.err);
    }
  }

  /** {@code --version}: the jar manifest's Implementation-Version, and the JVM that runs kms. */
  static String[] version() {
    return new String[] {"kms " + implementationVersion(),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
            + ") at " + System.getProperty("java.home")};
  }

  /** The Implementation-Version of the jar KmsCli was loaded from, or a note that there is none. */
  static String implementationVersion() {
    try {
      var source = KmsCli.class.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(location)) {
          try (JarFile jar = new JarFile(location.toFile())) {
            var manifest = jar.getManifest();
            String v = manifest == null ? null
                : manifest.getMainAttributes().getValue("Implementation-Version");
            if (v != null && !v.isBlank()) {
              return v;
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // fall through: no readable manifest
    }
    return FALLBACK_VERSION;
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
