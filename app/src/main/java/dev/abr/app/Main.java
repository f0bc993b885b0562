package dev.abr.app;

/** Entry point of the {@code abr} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    quietLogging(
        args.length > 0 && (RoleOptions.COMMANDS.contains(args[0]) || args[0].equals("run")));
    System.exit(AbrCommand.commandLine().execute(args));
  }

  /**
   * The command line shows progress itself: our logs at WARN unless {@code ABR_LOG_LEVEL} says
   * otherwise, libraries only at ERROR (slf4j-simple reads these before the first logger exists). A
   * role process ({@code abr ingest}, ...) and the server ({@code abr run}) have no progress line:
   * their log is their output, so they log at INFO by default (one line per job step).
   */
  private static void quietLogging(boolean roleProcess) {
    String level = System.getenv().getOrDefault("ABR_LOG_LEVEL", roleProcess ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.log.dev.abr", level);
    // Kafka's own warnings (controller activation, clients closing at shutdown) mean nothing to a
    // user of the embedded default; its errors still show.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
  }
}
