package dev.abr.app;

/** Entry point of the {@code abr} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    quietLogging(
        args.length > 0 && (RoleOptions.COMMANDS.contains(args[0]) || args[0].equals("run")));
    int code = AbrCommand.commandLine().execute(args);
    if (code == ExitCodes.OK) {
      markStartupRecord();
    }
    System.exit(code);
  }

  /**
   * On a run that records the classes it loads for the JVM's start-up cache (the {@code ./abr}
   * launcher sets {@code abr.aot.record}), marks the record as coming from a run that succeeded:
   * the launcher builds the cache only from such a record.
   */
  private static void markStartupRecord() {
    String record = System.getProperty("abr.aot.record");
    if (record == null || record.isBlank()) {
      return;
    }
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of(record + ".ok"), "");
    } catch (java.io.IOException | RuntimeException e) {
      // Without the mark the next run records again; nothing else depends on it.
    }
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
