package dev.abr.app;

import dev.abr.testkit.kafka.Awaits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code abr} subcommand run as its own JVM with the test class path, as a container would run
 * it; its standard output and error go to files in a folder. {@link #terminate()} sends SIGTERM
 * ({@link Process#destroy()} on Linux).
 */
final class AbrProcess implements AutoCloseable {
  private static final Pattern OPS = Pattern.compile("ops server on (http://\\S+/)");
  private static final Pattern SERVING =
      Pattern.compile("abr origin: serving .* on (http://\\S+/)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;

  private AbrProcess(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code abr args...} with {@code environment} added to this JVM's environment.
   *
   * @param name names the log files ({@code <name>.out}, {@code <name>.err}) in {@code logDir}
   */
  static AbrProcess start(
      Path logDir, String name, Map<String, String> environment, String... args) {
    try {
      Files.createDirectories(logDir);
      Path out = logDir.resolve(name + ".out");
      Path err = logDir.resolve(name + ".err");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-Xss4m");
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment);
      return new AbrProcess(name, builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ops server's base URI, once the process has printed it. */
  URI opsUri(Duration timeout) {
    return URI.create(awaitOutput(OPS, timeout));
  }

  /** The origin's base URI for players, once the process has printed it. */
  URI originUri(Duration timeout) {
    return URI.create(awaitOutput(SERVING, timeout));
  }

  /** Waits until the standard error (the log) contains {@code text}. */
  void awaitLog(String text, Duration timeout) {
    Awaits.until(
        name + " logs \"" + text + "\"" + failedHint(),
        timeout,
        () -> {
          requireAlive();
          return err().contains(text);
        });
  }

  /** Sends SIGTERM. */
  void terminate() {
    process.destroy();
  }

  /** The process id. */
  long pid() {
    return process.pid();
  }

  /** Sends {@code signal} ({@code STOP}, {@code CONT}, {@code KILL}, …) with kill(1). */
  void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Kills the process with SIGKILL (kill -9) and waits until it is gone. */
  void kill() {
    signal("KILL");
    awaitExit(Duration.ofSeconds(30));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits for the process to exit.
   *
   * @return its exit code
   * @throws AssertionError if it is still running after {@code timeout}
   */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(name + " still running after " + timeout + "\n" + logs());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The standard error so far: slf4j-simple writes the log there. */
  String err() {
    return read(err);
  }

  /** Both outputs, for failure messages. */
  String logs() {
    return "--- " + name + " stdout ---\n" + read(out) + "--- " + name + " stderr ---\n" + err();
  }

  /** GETs {@code path} from {@code base}; the status and body. */
  static HttpResponse<String> get(URI base, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The status of GET {@code path}, or empty if the server does not answer. */
  static Optional<Integer> status(URI base, String path) {
    try {
      return Optional.of(get(base, path).statusCode());
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private String awaitOutput(Pattern pattern, Duration timeout) {
    String[] found = new String[1];
    Awaits.until(
        name + " prints " + pattern + failedHint(),
        timeout,
        () -> {
          requireAlive();
          Matcher matcher = pattern.matcher(read(out));
          if (matcher.find()) {
            found[0] = matcher.group(1);
            return true;
          }
          return false;
        });
    return found[0];
  }

  private void requireAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with " + process.exitValue() + "\n" + logs());
    }
  }

  private String failedHint() {
    return " (logs in " + err.getParent() + ")";
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
