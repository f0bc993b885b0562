package dev.abr.testkit.kafka;

import dev.abr.broker.StandaloneBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft broker in a JVM of its own ({@link StandaloneBroker}), on two loopback ports
 * chosen once: {@link #stop()} or {@link #kill()} it under running clients, then {@link #start()}
 * it again on the same ports and data dir, and the clients reconnect to the same address. Its
 * output goes to a log file (appended to on each start).
 */
public final class BrokerProcess implements AutoCloseable {
  private static final String READY = "abr broker: ready at ";

  private final Path dataDir;
  private final Path log;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private Process process;

  private BrokerProcess(
      Path dataDir, Path log, int brokerPort, int controllerPort, Map<String, String> overrides) {
    this.dataDir = dataDir;
    this.log = log;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Starts a broker with its data in {@code dataDir} and its output in {@code log}, and waits until
   * it accepts clients.
   *
   * @param overrides broker settings, as for {@code EmbeddedKafka.start(Path, Ports, Map)}
   */
  public static BrokerProcess start(
      Path dataDir, Path log, Map<String, String> overrides, Duration timeout) {
    int[] ports = freePorts();
    BrokerProcess broker = new BrokerProcess(dataDir, log, ports[0], ports[1], overrides);
    broker.start(timeout);
    return broker;
  }

  /** {@code 127.0.0.1:<port>}, the same across restarts. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** The broker process's id; fails if it is not running. */
  public long pid() {
    return requireProcess().pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the broker again on the same ports and data dir after {@link #stop()} or {@link
   * #kill()}, and waits until it accepts clients.
   */
  public void start(Duration timeout) {
    if (isAlive()) {
      throw new IllegalStateException("the broker is running already");
    }
    try {
      Files.createDirectories(log.getParent());
      long logBytes = Files.exists(log) ? Files.size(log) : 0;
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-Xmx512m");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(StandaloneBroker.class.getName());
      command.add(dataDir.toString());
      command.add(String.valueOf(brokerPort));
      command.add(String.valueOf(controllerPort));
      overrides.forEach((key, value) -> command.add(key + "=" + value));
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      Awaits.until(
          "the broker process logs that it is ready (" + log + ")",
          timeout,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  "the broker process exited with " + process.exitValue() + "; see " + log);
            }
            return logSince(logBytes).contains(READY);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the broker cleanly (SIGTERM) and waits for the process to end. */
  public void stop(Duration timeout) {
    Process running = requireProcess();
    running.destroy();
    awaitExit(running, timeout);
  }

  /** Kills the broker (SIGKILL) and waits for the process to end. */
  public void kill(Duration timeout) {
    Process running = requireProcess();
    running.destroyForcibly();
    awaitExit(running, timeout);
  }

  /** Kills the broker if it still runs. */
  @Override
  public void close() {
    if (isAlive()) {
      kill(Duration.ofSeconds(30));
    }
  }

  @Override
  public String toString() {
    return "BrokerProcess[" + bootstrapServers() + ", " + dataDir + "]";
  }

  private Process requireProcess() {
    if (process == null) {
      throw new IllegalStateException("the broker was never started");
    }
    return process;
  }

  private String logSince(long offsetBytes) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      int from = (int) Math.min(offsetBytes, bytes.length);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitExit(Process running, Duration timeout) {
    try {
      if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the broker process did not exit within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int[] freePorts() {
    try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket controller = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new int[] {broker.getLocalPort(), controller.getLocalPort()};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    }
  }
}
