package dev.abr.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>It listens on loopback only ({@code 127.0.0.1}), with plaintext and no authentication, so it
 * is for the all-in-one mode and for tests, never for a shared network. Everything it stores lives
 * under the data dir: formatting is skipped when the dir is already formatted, so a broker started
 * again on the same dir (and the same {@link Ports}) keeps its topics, records and committed
 * offsets. Settings suit one node: replication factor 1 everywhere, one {@code __consumer_offsets}
 * partition, no initial rebalance delay, no automatic topic creation, short group heartbeats.
 *
 * <p>This is the only class of the project that uses Kafka's internal server classes ({@code
 * kafka.server.KafkaRaftServer}, {@code kafka.tools.StorageTool}); they change between Kafka
 * versions, and this code is written for Kafka 4.4.0.
 *
 * <p>Logging goes through SLF4J. At INFO the broker is very chatty (a configuration dump of about
 * 300 lines at start, and several lines per topic, partition and group change). To keep a console
 * readable, set the loggers named in {@link #NOISY_LOGGERS} to WARN in the binding's configuration
 * (for slf4j-simple: {@code org.slf4j.simpleLogger.log.kafka=warn} and so on, in {@code
 * simplelogger.properties} or as system properties before the first logger is created).
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, more than once.
 */
public final class EmbeddedKafka implements AutoCloseable {
  /**
   * Logger names (prefixes) under which the in-process broker logs at INFO: about 3 400 lines for
   * one start and stop, most of them eight configuration dumps of 400 lines each. Setting these to
   * WARN keeps the broker's warnings and errors and drops the rest. The configuration dumps all go
   * through {@code org.apache.kafka.common.config.AbstractConfig}, which the Kafka clients use for
   * their own dumps too, so setting it silences theirs as well. Rebalance and offset-reset messages
   * of the clients ({@code org.apache.kafka.clients}) stay at INFO.
   */
  public static final List<String> NOISY_LOGGERS =
      List.of(
          "kafka",
          "state.change.logger",
          "org.apache.kafka.common.config.AbstractConfig",
          "org.apache.kafka.common.metrics.Metrics",
          "org.apache.kafka.common.utils.internals.AppInfoParser",
          "org.apache.kafka.controller",
          "org.apache.kafka.coordinator",
          "org.apache.kafka.image",
          "org.apache.kafka.metadata",
          "org.apache.kafka.queue",
          "org.apache.kafka.raft",
          "org.apache.kafka.security",
          "org.apache.kafka.server",
          "org.apache.kafka.snapshot",
          "org.apache.kafka.storage");

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 5;
  private static final String PORT_IN_USE = "port in use";

  /**
   * The two loopback TCP ports of a broker.
   *
   * @param brokerPort the client (PLAINTEXT) listener, the one in {@link #bootstrapServers()}
   * @param controllerPort the KRaft controller listener
   */
  public record Ports(int brokerPort, int controllerPort) {
    public Ports {
      checkPort("brokerPort", brokerPort);
      checkPort("controllerPort", controllerPort);
      if (brokerPort == controllerPort) {
        throw new IllegalArgumentException(
            "broker and controller need different ports, both are " + brokerPort);
      }
    }

    private static void checkPort(String what, int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(what + " must be in [1, 65535]: " + port);
      }
    }
  }

  /**
   * Settings that make the broker what this class says it is (one node on loopback with its data in
   * the data dir); {@link #start(Path, Ports, Map)} refuses to override them.
   */
  public static final Set<String> OWNED_SETTINGS =
      Set.of(
          "process.roles",
          "node.id",
          "controller.quorum.voters",
          "listeners",
          "advertised.listeners",
          "controller.listener.names",
          "inter.broker.listener.name",
          "listener.security.protocol.map",
          "log.dirs");

  private final Path dataDir;
  private final Ports ports;
  private final Map<String, String> overrides;
  private final KafkaRaftServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(
      Path dataDir, Ports ports, Map<String, String> overrides, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.ports = ports;
    this.overrides = overrides;
    this.server = server;
  }

  /**
   * Formats {@code dataDir} if needed and starts a broker on two free loopback ports. Blocks until
   * the broker accepts clients: measured 1.5–5 s for the first broker of a JVM on a busy 2-core
   * machine (mostly class loading), 0.2–0.6 s for a later one or a restart.
   *
   * <p>Free ports are picked by binding port 0 and releasing it; if another process takes one of
   * them before the broker binds it, start-up is tried again with new ports (up to 5 times).
   *
   * @param dataDir where the broker keeps everything; created if missing
   * @throws IllegalStateException if formatting or start-up fails
   * @throws UncheckedIOException if {@code dataDir} cannot be created or written
   */
  public static EmbeddedKafka start(Path dataDir) {
    @Nullable IllegalStateException lastBindFailure = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      Ports ports = freePorts();
      try {
        return start(dataDir, ports);
      } catch (IllegalStateException e) {
        if (!isBindFailure(e)) {
          throw e;
        }
        LOG.warn("ports {} were taken before the broker bound them, retrying", ports);
        lastBindFailure = e;
      }
    }
    throw new IllegalStateException(
        "no free loopback ports for the embedded Kafka broker after " + PORT_ATTEMPTS + " attempts",
        lastBindFailure);
  }

  /**
   * Formats {@code dataDir} if needed and starts a broker on the given ports; use it to start a
   * broker again on the data dir and {@link #ports()} of a closed one, so clients keep the same
   * bootstrap address. Blocks until the broker accepts clients.
   *
   * @throws IllegalStateException if formatting or start-up fails, for example because a port is in
   *     use (the message says which)
   * @throws UncheckedIOException if {@code dataDir} cannot be created or written
   */
  public static EmbeddedKafka start(Path dataDir, Ports ports) {
    return start(dataDir, ports, Map.of());
  }

  /**
   * Like {@link #start(Path, Ports)}, with broker settings that replace this class's defaults, for
   * example {@code group.consumer.session.timeout.ms} (with {@code
   * group.consumer.min.session.timeout.ms}) for tests that need a member fenced within seconds.
   *
   * @param overrides Kafka broker settings by name; none of {@link #OWNED_SETTINGS}
   * @throws IllegalArgumentException if an override names an owned setting
   */
  public static EmbeddedKafka start(Path dataDir, Ports ports, Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      if (OWNED_SETTINGS.contains(key)) {
        throw new IllegalArgumentException(
            "broker setting " + key + " is owned by EmbeddedKafka and cannot be overridden");
      }
    }
    Map<String, String> settings = Map.copyOf(overrides);
    synchronized (EmbeddedKafka.class) {
      // Kafka's fault handlers halt the JVM when start-up fails (a port in use, a broken data
      // dir). In-process that would kill the app or the test JVM, so while starting, a halt or
      // exit request becomes an exception. After start-up Kafka's own procedures apply again: a
      // fatal broker fault at run time stops the process, as it would stop a standalone broker.
      Exit.setHaltProcedure(EmbeddedKafka::refuseToTerminate);
      Exit.setExitProcedure(EmbeddedKafka::refuseToTerminate);
      try {
        return startNow(dataDir.toAbsolutePath(), ports, settings);
      } finally {
        Exit.resetHaltProcedure();
        Exit.resetExitProcedure();
      }
    }
  }

  private static EmbeddedKafka startNow(Path dir, Ports ports, Map<String, String> overrides) {
    long startNanos = System.nanoTime();
    Properties config = config(dir, ports);
    overrides.forEach(config::setProperty);
    format(dir, config);
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(server);
      String portsInUse = portsInUse(ports);
      throw new IllegalStateException(
          "embedded Kafka broker did not start on "
              + HOST
              + " ports "
              + ports.brokerPort()
              + "/"
              + ports.controllerPort()
              + " with data in "
              + dir
              + (portsInUse.isEmpty() ? "" : " (" + PORT_IN_USE + ": " + portsInUse + ")")
              + ": "
              + e.getMessage(),
          e);
    }
    LOG.info(
        "embedded Kafka broker ready at {}:{} in {} ms (data in {})",
        HOST,
        ports.brokerPort(),
        (System.nanoTime() - startNanos) / 1_000_000,
        dir);
    return new EmbeddedKafka(dir, ports, overrides, server);
  }

  /** The address clients connect to, {@code 127.0.0.1:<brokerPort>}. */
  public String bootstrapServers() {
    return HOST + ":" + ports.brokerPort();
  }

  /** The ports this broker listens on. */
  public Ports ports() {
    return ports;
  }

  /** The absolute data dir. */
  public Path dataDir() {
    return dataDir;
  }

  /** Returns true until {@link #close()} has been called. */
  public boolean isRunning() {
    return !closed.get();
  }

  /**
   * Closes this broker (if still running) and starts a new one on the same data dir, ports and
   * setting overrides; the new one has the same topics, records and committed offsets. Clients with
   * the old bootstrap address reconnect by themselves.
   *
   * @return the new broker; this instance stays closed
   * @throws IllegalStateException if the new broker does not start
   */
  public EmbeddedKafka restart() {
    close();
    return start(dataDir, ports, overrides);
  }

  /**
   * Shuts the broker down cleanly (flushes logs, releases the ports) and waits for it; does nothing
   * when already closed. Typically takes under a second.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      long startNanos = System.nanoTime();
      server.shutdown();
      server.awaitShutdown();
      LOG.info(
          "embedded Kafka broker at {}:{} stopped in {} ms",
          HOST,
          ports.brokerPort(),
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
  }

  private static Properties config(Path dir, Ports ports) {
    String broker = HOST + ":" + ports.brokerPort();
    String controller = HOST + ":" + ports.controllerPort();
    Properties p = new Properties();
    // Combined broker + controller with a static one-node voter set: the simplest KRaft quorum.
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@" + controller);
    p.setProperty("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + broker);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("log").toString());
    // One node: replication factor 1 everywhere; topics are created explicitly by the roles.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    // 1 instead of 50 partitions: the first group join does not wait for 50 partitions to load.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    // Groups: no join delay, and (for group.protocol=consumer) heartbeats every second instead of
    // every 5 s, so partitions move within a second or two of a member joining or leaving.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "500");
    p.setProperty("group.consumer.heartbeat.interval.ms", "1000");
    p.setProperty("group.consumer.min.session.timeout.ms", "6000");
    p.setProperty("group.consumer.session.timeout.ms", "10000");
    // Small footprint: the log cleaner's 128 MiB default dedupe buffer and the thread pools are
    // sized for real clusters.
    p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    // One node: a controlled shutdown has no other broker to hand its partitions to, and waiting
    // for the controller to grant it took about 0.1 s of every stop.
    p.setProperty("controlled.shutdown.enable", "false");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("background.threads", "4");
    return p;
  }

  /**
   * Same as {@code kafka-storage.sh format}, skipped when the dir is already formatted: formatting
   * again, even with {@code --ignore-formatted}, fails on the new random cluster id.
   */
  private static void format(Path dir, Properties config) {
    if (Files.exists(dir.resolve("log").resolve("meta.properties"))) {
      LOG.debug("{} is formatted already", dir);
      return;
    }
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("server.properties");
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        config.store(writer, "embedded Kafka broker, written by " + EmbeddedKafka.class.getName());
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exitCode;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exitCode =
            StorageTool.execute(
                new String[] {
                  "format",
                  "--cluster-id",
                  Uuid.randomUuid().toString(),
                  "--config",
                  file.toString()
                },
                print);
      }
      String text = output.toString(StandardCharsets.UTF_8).strip();
      if (exitCode != 0) {
        throw new IllegalStateException(
            "formatting Kafka storage in " + dir + " failed (exit " + exitCode + "): " + text);
      }
      LOG.debug("storage format: {}", text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka data dir " + dir, e);
    }
  }

  private static Ports freePorts() {
    try (ServerSocket broker = bindEphemeral();
        ServerSocket controller = bindEphemeral()) {
      return new Ports(broker.getLocalPort(), controller.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports", e);
    }
  }

  private static ServerSocket bindEphemeral() throws IOException {
    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
    socket.setReuseAddress(true);
    return socket;
  }

  private static boolean isBindFailure(IllegalStateException failure) {
    return failure.getMessage() != null && failure.getMessage().contains(PORT_IN_USE);
  }

  /** The ports of {@code ports} that cannot be bound now, for example "41234, 41235". */
  private static String portsInUse(Ports ports) {
    StringBuilder inUse = new StringBuilder();
    for (int port : new int[] {ports.brokerPort(), ports.controllerPort()}) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      } catch (IOException e) {
        inUse.append(inUse.isEmpty() ? "" : ", ").append(port);
      }
    }
    return inUse.toString();
  }

  private static void refuseToTerminate(int statusCode, @Nullable String message) {
    throw new IllegalStateException(
        "Kafka asked to terminate the JVM with status "
            + statusCode
            + (message == null ? "" : ": " + message)
            + " (the cause is logged above by Kafka)");
  }

  private static void shutdownQuietly(@Nullable KafkaRaftServer server) {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("cleaning up after a failed broker start-up failed too", e);
    }
  }
}
