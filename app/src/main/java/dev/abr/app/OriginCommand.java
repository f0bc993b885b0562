package dev.abr.app;

import dev.abr.core.storage.ObjectStore;
import dev.abr.packager.origin.Origin;
import dev.abr.s3.StorageLocation;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abr origin}: serves the output store (folder or S3) to players and CDNs with {@link
 * Origin}, plus the ops server. On SIGTERM it turns not-ready, stops both servers and exits 0.
 */
@Command(
    name = "origin",
    mixinStandardHelpOptions = true,
    description = {
      "Run the origin: serve the output store over HTTP (content types, CORS, byte ranges, cache"
          + " headers).",
      "Every option can also be given by its environment variable; see README.md."
    })
final class OriginCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(OriginCommand.class);

  /** How long the shutdown hook waits for the servers to stop. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  @Spec CommandSpec spec;
  @Mixin OpsOptions ops;

  @Option(
      names = "--output",
      paramLabel = "URL",
      defaultValue = "${env:ABR_OUTPUT:-}",
      description =
          "Output store to serve: a folder or s3://bucket/prefix?endpoint=... (env ABR_OUTPUT).")
  String output = "";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:ABR_ORIGIN_PORT:-8080}",
      description =
          "HTTP port for players; 0 picks a free one (env ABR_ORIGIN_PORT, default 8080).")
  String port = "";

  @Override
  public Integer call() {
    OriginConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    ShutdownSignals signals =
        ShutdownSignals.install(
            () -> Runtime.getRuntime().halt(WorkerProcess.EXIT_UNDRAINED), STOP_WAIT);
    RoleStatus status = new RoleStatus();
    try (RoleMetrics metrics = RoleMetrics.create();
        OpsServer opsServer = OpsServer.start(config.ops(), status, metrics.registry());
        OpenStores stores = new OpenStores()) {
      out.println("abr origin: ops server on " + opsServer.uri() + " (healthz, readyz, metrics)");
      out.flush();
      ObjectStore store = stores.open(config.output(), "--output");
      try (Origin origin = startOrigin(store, config)) {
        status.running(() -> true, () -> true);
        out.println("abr origin: serving " + store.describe() + " on " + origin.uri());
        out.flush();
        signals.awaitStopRequest();
        status.draining();
        LOG.info("origin stopping");
      } finally {
        status.stopped();
      }
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } finally {
      signals.finished();
    }
  }

  private static Origin startOrigin(ObjectStore store, OriginConfig config) {
    try {
      return Origin.start(store, config.ops().host(), config.port());
    } catch (RuntimeException e) {
      throw new CommandFailedException(
          "cannot listen on "
              + config.ops().host()
              + ":"
              + config.port()
              + " for players (--http-host, --port): "
              + e.getMessage(),
          ExitCodes.EXTERNAL);
    }
  }

  /**
   * The validated configuration.
   *
   * @throws CommandFailedException with {@link ExitCodes#USAGE} listing every problem
   */
  OriginConfig config() {
    ConfigProblems problems = new ConfigProblems();
    Optional<StorageLocation> store =
        OptionParsers.storage(problems, "--output", "ABR_OUTPUT", output);
    Optional<Integer> playerPort = OptionParsers.port(problems, "--port", "ABR_ORIGIN_PORT", port);
    Optional<OpsAddress> address = ops.address(problems);
    if (playerPort.isPresent()
        && address.isPresent()
        && playerPort.get() != 0
        && playerPort.get().equals(address.get().port())) {
      problems.add(
          "--port (ABR_ORIGIN_PORT) and --http-port (ABR_HTTP_PORT) are both "
              + playerPort.get()
              + ": give them different ports");
    }
    problems.throwIfAny();
    return new OriginConfig(store.orElseThrow(), playerPort.orElseThrow(), address.orElseThrow());
  }
}
