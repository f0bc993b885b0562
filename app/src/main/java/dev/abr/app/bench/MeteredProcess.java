package dev.abr.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs a command under GNU time ({@code /usr/bin/time}, Debian package {@code time}). */
final class MeteredProcess {
  static final Path GNU_TIME = Path.of("/usr/bin/time");

  private MeteredProcess() {}

  /**
   * Runs {@code command} with {@code environment} added (an empty value removes the variable), its
   * output to {@code log}, and returns what it cost.
   *
   * @throws IllegalStateException if GNU time is missing or its report cannot be read
   */
  static ProcessMeasurement run(List<String> command, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(GNU_TIME)) {
      throw new IllegalStateException("the benchmark needs GNU time: sudo apt-get install -y time");
    }
    Path report = Files.createTempFile("abr-bench-time-", ".txt");
    try {
      List<String> argv =
          new ArrayList<>(
              List.of(GNU_TIME.toString(), "-f", "%e %U %S %M", "-o", report.toString()));
      argv.addAll(command);
      ProcessBuilder builder =
          new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
      environment.forEach(
          (name, value) -> {
            if (value.isEmpty()) {
              builder.environment().remove(name);
            } else {
              builder.environment().put(name, value);
            }
          });
      Process process = builder.start();
      process.getOutputStream().close();
      int exit = process.waitFor();
      List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
      String[] fields = last.split("\\s+");
      if (fields.length != 4) {
        throw new IllegalStateException(
            "cannot read GNU time's report \"" + last + "\" for " + command.get(0));
      }
      return new ProcessMeasurement(
          Double.parseDouble(fields[0]),
          Double.parseDouble(fields[1]),
          Double.parseDouble(fields[2]),
          Long.parseLong(fields[3]),
          exit);
    } finally {
      Files.deleteIfExists(report);
    }
  }

  static String describe(ProcessMeasurement m) {
    return String.format(
        Locale.ROOT,
        "wall %.1f s, cpu %.1f s, rss %d MiB, exit %d",
        m.wallSeconds(),
        m.cpuSeconds(),
        m.maxRssKibibytes() / 1024,
        m.exitCode());
  }
}
