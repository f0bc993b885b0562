package dev.abr.app.bench;

/**
 * What one run of a command cost, as GNU time reports it (rusage of the process and its waited
 * children).
 *
 * @param wallSeconds elapsed wall-clock time
 * @param userSeconds user CPU time
 * @param systemSeconds system CPU time
 * @param maxRssKibibytes peak resident set size
 * @param exitCode the command's exit code
 */
public record ProcessMeasurement(
    double wallSeconds,
    double userSeconds,
    double systemSeconds,
    long maxRssKibibytes,
    int exitCode) {
  /** User plus system CPU time. */
  public double cpuSeconds() {
    return userSeconds + systemSeconds;
  }

  /** Media seconds processed per wall second. */
  public double speed(double mediaSeconds) {
    return mediaSeconds / wallSeconds;
  }
}
