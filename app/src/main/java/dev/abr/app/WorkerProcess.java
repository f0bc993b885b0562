package dev.abr.app;

import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.kafka.TopicSpec;
import dev.abr.core.kafka.WorkerRole;
import dev.abr.core.kafka.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker role (ingest, transcoder or packager) as its own process, the same way for each:
 *
 * <ol>
 *   <li>installs the signal handlers and starts the ops server ({@link OpsServer}: {@code /healthz}
 *       200, {@code /readyz} 503 "starting");
 *   <li>checks Kafka within the start-up timeout: creates missing topics with {@link
 *       KafkaTopics#defaults()} when asked, else requires them (exit code 3 otherwise);
 *   <li>opens the stores and starts the role ({@link RoleStarter}, which makes the role's one
 *       {@code start} call, as {@link AllInOne} does); {@code /readyz} turns 200 once its worker
 *       has joined the group;
 *   <li>on the first SIGTERM or SIGINT: {@code /readyz} turns 503 "draining" at once, the worker
 *       takes no new record, lets running ones finish within the drain grace, commits them, leaves
 *       the group, and the role's producer is flushed and closed; then the stores and the ops
 *       server close and the process exits 0;
 *   <li>a second signal, or the grace running out, stops the worker without committing what was
 *       still running (Kafka redelivers it to another member) and the process exits {@value
 *       #EXIT_UNDRAINED}; should closing hang anyway, a watchdog halts the JVM {@value
 *       #WATCHDOG_MARGIN_SECONDS} s after the grace.
 * </ol>
 */
final class WorkerProcess {
  /** Exit code when the process stopped with work unfinished (128 + SIGTERM, as if killed). */
  static final int EXIT_UNDRAINED = 143;

  /** How long after the drain grace the watchdog halts a process that still has not stopped. */
  static final int WATCHDOG_MARGIN_SECONDS = 15;

  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);

  /** Starts the role; called once Kafka answered, with the process's registry. */
  @FunctionalInterface
  interface RoleStarter {
    WorkerRole start(OpenStores stores, MeterRegistry registry);
  }

  private WorkerProcess() {}

  /**
   * Runs the role until a signal stops it.
   *
   * @param role the role's name for messages, e.g. {@code transcoder}
   * @param out where the ops server's address is printed (one line)
   * @return {@link ExitCodes#OK} after a complete drain, {@link #EXIT_UNDRAINED} otherwise
   * @throws CommandFailedException or {@link dev.abr.core.error.PipelineException} when start-up
   *     fails (the command line maps them to exit codes)
   */
  static int run(String role, WorkerProcessConfig config, RoleStarter starter, PrintWriter out) {
    return run(role, config, starter, out, routes -> {});
  }

  /**
   * Runs the role like {@link #run(String, WorkerProcessConfig, RoleStarter, PrintWriter)}, with
   * more routes on the ops server.
   */
  static int run(
      String role,
      WorkerProcessConfig config,
      RoleStarter starter,
      PrintWriter out,
      java.util.function.Consumer<io.javalin.config.JavalinConfig> moreRoutes) {
    Duration watchdogAfter = config.worker().shutdownGrace().plusSeconds(WATCHDOG_MARGIN_SECONDS);
    ShutdownSignals signals =
        ShutdownSignals.install(() -> halt(role, "a second signal during start-up"), watchdogAfter);
    RoleStatus status = new RoleStatus();
    try (RoleMetrics metrics = RoleMetrics.create();
        OpsServer ops = OpsServer.start(config.ops(), status, metrics.registry(), moreRoutes);
        OpenStores stores = new OpenStores()) {
      out.println("abr " + role + ": ops server on " + ops.uri() + " (healthz, readyz, metrics)");
      out.flush();
      checkKafka(config);
      WorkerRole worker = starter.start(stores, metrics.registry());
      status.running(worker::isHealthy, worker::isReady);
      WorkerSettings settings = config.worker();
      LOG.info(
          "{} started as Kafka client {} of {} (drain grace {} s)",
          role,
          settings.clientId(),
          settings.bootstrapServers(),
          settings.shutdownGrace().toSeconds());
      signals.awaitStopRequest();
      return drain(role, worker, status, signals, watchdogAfter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return EXIT_UNDRAINED;
    } finally {
      signals.finished();
    }
  }

  private static int drain(
      String role,
      WorkerRole worker,
      RoleStatus status,
      ShutdownSignals signals,
      Duration watchdogAfter) {
    long startNanos = System.nanoTime();
    status.draining();
    signals.onRepeatedSignal(worker::abort);
    CountDownLatch stopped = new CountDownLatch(1);
    startWatchdog(role, stopped, watchdogAfter);
    try {
      worker.close();
    } finally {
      stopped.countDown();
      status.stopped();
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    if (worker.isDrained()) {
      LOG.info("{} drained and stopped in {} ms", role, elapsedMillis);
      return ExitCodes.OK;
    }
    LOG.warn(
        "{} stopped after {} ms with work unfinished; Kafka redelivers it to another member",
        role,
        elapsedMillis);
    return EXIT_UNDRAINED;
  }

  /** Creates or requires the pipeline's topics. */
  private static void checkKafka(WorkerProcessConfig config) {
    String bootstrap = config.worker().bootstrapServers();
    List<TopicSpec> topics = KafkaTopics.defaults();
    if (config.createTopics()) {
      KafkaTopics.ensure(bootstrap, topics, config.startupTimeout());
      return;
    }
    List<String> missing =
        KafkaTopics.missing(
            bootstrap, topics.stream().map(TopicSpec::name).toList(), config.startupTimeout());
    if (!missing.isEmpty()) {
      throw new CommandFailedException(
          "Kafka has no topic "
              + String.join(", ", missing)
              + ": create the pipeline's topics, or start with --create-topics"
              + " (ABR_CREATE_TOPICS=true)",
          ExitCodes.EXTERNAL);
    }
  }

  private static void startWatchdog(String role, CountDownLatch stopped, Duration limit) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!stopped.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                  halt(role, "still stopping " + limit.toSeconds() + " s after the signal");
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "abr-shutdown-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static void halt(String role, String reason) {
    LOG.error("{} halted: {}; unfinished work is redelivered", role, reason);
    Runtime.getRuntime().halt(EXIT_UNDRAINED);
  }
}
