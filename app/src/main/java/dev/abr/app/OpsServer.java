package dev.abr.app;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Locale;

/**
 * The ops HTTP server of a role process, for Kubernetes probes and Prometheus:
 *
 * <ul>
 *   <li>{@code GET /healthz}: 200 {@code ok} while the process and its worker are alive ({@link
 *       RoleStatus#isHealthy()}), else 503;
 *   <li>{@code GET /readyz}: 200 {@code ready} once the role is connected and ready (a worker has
 *       joined its group, with or without partitions; the origin serves), 503 with the phase while
 *       starting, draining or stopped;
 *   <li>{@code GET /metrics}: the registry in the Prometheus text format 0.0.4.
 * </ul>
 *
 * <p>Requests run on virtual threads; answers are never cached. Close to stop.
 */
final class OpsServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin server;
  private final String host;

  private OpsServer(Javalin server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts listening and returns once connections are accepted.
   *
   * @throws CommandFailedException with {@link ExitCodes#EXTERNAL} if the address cannot be bound
   */
  static OpsServer start(OpsAddress address, RoleStatus status, PrometheusMeterRegistry registry) {
    return start(address, status, registry, config -> {});
  }

  /**
   * Starts listening like {@link #start(OpsAddress, RoleStatus, PrometheusMeterRegistry)}, with
   * more routes.
   */
  static OpsServer start(
      OpsAddress address,
      RoleStatus status,
      PrometheusMeterRegistry registry,
      java.util.function.Consumer<io.javalin.config.JavalinConfig> moreRoutes) {
    Javalin server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.concurrency.useVirtualThreads = true;
              config.routes.get("/healthz", ctx -> healthz(ctx, status));
              config.routes.get("/readyz", ctx -> readyz(ctx, status));
              config.routes.get(
                  "/metrics",
                  ctx -> {
                    noCache(ctx);
                    ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
                  });
              moreRoutes.accept(config);
            });
    try {
      server.start(address.host(), address.port());
    } catch (RuntimeException e) {
      throw new CommandFailedException(
          "cannot listen on "
              + address.host()
              + ":"
              + address.port()
              + " for the ops server (--http-host, --http-port): "
              + e.getMessage(),
          ExitCodes.EXTERNAL);
    }
    return new OpsServer(server, address.host());
  }

  /** The port listened on. */
  int port() {
    return server.port();
  }

  /** The base URI, e.g. {@code http://127.0.0.1:8081/}; {@code 0.0.0.0} shows as itself. */
  URI uri() {
    String literal = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port() + "/");
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void healthz(Context ctx, RoleStatus status) {
    noCache(ctx);
    ctx.contentType("text/plain; charset=utf-8");
    if (status.isHealthy()) {
      ctx.result("ok\n");
    } else {
      ctx.status(503).result("unhealthy: " + phase(status) + "\n");
    }
  }

  private static void readyz(Context ctx, RoleStatus status) {
    noCache(ctx);
    ctx.contentType("text/plain; charset=utf-8");
    if (status.isReady()) {
      ctx.result("ready\n");
    } else {
      ctx.status(503).result("not ready: " + phase(status) + "\n");
    }
  }

  private static String phase(RoleStatus status) {
    return status.phase().name().toLowerCase(Locale.ROOT);
  }

  private static void noCache(Context ctx) {
    ctx.header("Cache-Control", "no-store");
  }
}
