package dev.abr.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Parses and runs role commands with an injected environment, for the configuration tests: the same
 * command line as {@code Main} builds, with {@code environment} instead of the process's.
 */
final class RoleCommandLines {
  /** The host name the tests' environments give ({@code HOSTNAME}, as Kubernetes sets it). */
  static final String HOSTNAME = "Abr-Role-7f9c.cluster.local";

  /** The client id derived from {@link #HOSTNAME}. */
  static final String HOSTNAME_CLIENT_ID = "abr-role-7f9c-cluster-local";

  private RoleCommandLines() {}

  /** What {@code abr} printed and returned. */
  record Run(int exitCode, String out, String err) {}

  /** Parses {@code abr <command> args...} and returns the populated command object. */
  static <T> T parse(
      Class<T> type, Map<String, String> environment, String command, String... args) {
    CommandLine commandLine = AbrCommand.commandLine(environment);
    commandLine.parseArgs(arguments(command, args));
    return type.cast(commandLine.getSubcommands().get(command).getCommand());
  }

  /**
   * Runs {@code abr <command> args...} to its end; only for arguments that fail before the role
   * starts (a valid configuration would run the role until a signal).
   */
  static Run execute(Map<String, String> environment, String command, String... args) {
    CommandLine commandLine = AbrCommand.commandLine(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(arguments(command, args));
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** An environment with only {@code HOSTNAME} and {@code entries}. */
  static Map<String, String> environment(String... entries) {
    Map<String, String> environment = new java.util.HashMap<>();
    environment.put("HOSTNAME", HOSTNAME);
    for (int i = 0; i < entries.length; i += 2) {
      environment.put(entries[i], entries[i + 1]);
    }
    return Map.copyOf(environment);
  }

  private static String[] arguments(String command, String... args) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
