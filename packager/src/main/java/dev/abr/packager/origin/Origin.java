package dev.abr.packager.origin;

import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageLayout;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP origin that serves an {@link ObjectStore} to players and CDNs.
 *
 * <ul>
 *   <li>{@code GET}/{@code HEAD /<key>}: the object, with a content type by key ({@code .m3u8},
 *       {@code .mpd}, {@code .m4s}, {@code .mp4}; {@code audio/mp4} under {@code audio*} folders),
 *       {@code Accept-Ranges: bytes}, single byte ranges (206, 416; RFC 9110 §14), and {@code
 *       Cache-Control} (manifests one second, segments and headers a year, immutable).
 *   <li>Any key that {@link dev.abr.core.storage.StorageKeys#check} refuses (traversal however
 *       encoded, hidden or temporary files) is 404, as is a missing object; nothing outside the
 *       store is reachable. The one exception: Jetty's request parser answers 400 itself for a path
 *       whose dot segments climb above the root ({@code /../x}).
 *   <li>CORS for any origin, including the {@code OPTIONS} preflight of a {@code Range} request.
 *   <li>{@code /} and {@code /player.html}: a page with hls.js and dash.js side by side, serving
 *       the vendored scripts under {@code /_player/}.
 *   <li>{@code GET}/{@code HEAD /time}: the origin's clock as an ISO 8601 UTC date-time to the
 *       millisecond ({@code 2025-03-01T12:00:00.123Z}), never cached: the {@code UTCTiming} source
 *       of live MPDs ({@code urn:mpeg:dash:utc:http-iso:2014}, ISO/IEC 23009-1 §5.8.5.7), so that
 *       players compute segment availability with the packager's clock. It hides a stored object
 *       named {@code time} at the root.
 * </ul>
 *
 * <p>Requests run on virtual threads; the store must be thread-safe (every {@link ObjectStore} is).
 * Close the origin to stop it.
 */
public final class Origin implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Origin.class);
  private static final String PLAYER_RESOURCES = "/dev/abr/packager/origin/player/";
  private static final Pattern PLAYER_FILE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
  private static final String EXPOSED_HEADERS = "Content-Length, Content-Range, Accept-Ranges";

  /** The path of the time endpoint, for {@code UTCTiming}. */
  public static final String TIME_PATH = "/time";

  private final Javalin server;
  private final String host;

  private Origin(Javalin server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts serving {@code store} on {@code host}:{@code port} and returns once it accepts
   * connections.
   *
   * @param host the address to bind, for example {@code 127.0.0.1}
   * @param port the port, or 0 for any free one (see {@link #port()})
   * @throws IllegalStateException if the server cannot bind
   */
  public static Origin start(ObjectStore store, String host, int port) {
    return start(store, host, port, Clock.systemUTC());
  }

  /**
   * Starts serving {@code store} like {@link #start(ObjectStore, String, int)}, with {@code clock}
   * behind {@code /time}.
   */
  public static Origin start(ObjectStore store, String host, int port, Clock clock) {
    var handlers = new Handlers(store, clock);
    Javalin server =
        Javalin.create(
            config -> {
              configure(config);
              config.routes.before(Handlers::cors);
              config.routes.options("/*", Handlers::preflight);
              config.routes.get("/", handlers::playerPage);
              config.routes.head("/", handlers::playerPage);
              config.routes.get("/player.html", handlers::playerPage);
              config.routes.head("/player.html", handlers::playerPage);
              config.routes.get(TIME_PATH, handlers::time);
              config.routes.head(TIME_PATH, handlers::time);
              config.routes.get("/_player/{file}", Handlers::playerResource);
              config.routes.head("/_player/{file}", Handlers::playerResource);
              config.routes.get("/*", handlers::object);
              config.routes.head("/*", handlers::object);
              config.routes.exception(
                  IOException.class,
                  (e, ctx) -> {
                    LOG.warn("storage failed for {}: {}", ctx.path(), e.toString());
                    ctx.status(503).result("storage unavailable");
                  });
            });
    server.start(host, port);
    LOG.info("origin serving {} on http://{}:{}/", store.describe(), host, server.port());
    return new Origin(server, host);
  }

  /** The port the origin listens on. */
  public int port() {
    return server.port();
  }

  /** The base URI, for example {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String literal = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port() + "/");
  }

  /** Stops the server and waits for it to release the port. */
  @Override
  public void close() {
    server.stop();
  }

  private static void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.concurrency.useVirtualThreads = true;
    // Compression would break byte ranges and gains little on media; manifests are small.
    config.http.compressionStrategy = CompressionStrategy.NONE;
    config.http.prefer405over404 = true;
    // Let encoded dots and slashes reach the handler so it can answer 404 itself, instead of
    // Jetty's 400 for "ambiguous" paths. (A path whose dot segments climb above the root is still
    // refused by Jetty's request parser with 400 before any handler runs.)
    config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.UNSAFE));
    config.jetty.modifyServletContextHandler(
        handler -> handler.getServletHandler().setDecodeAmbiguousURIs(true));
  }

  /** The request handlers; stateless apart from the store. */
  private static final class Handlers {
    private final ObjectStore store;
    private final Clock clock;

    Handlers(ObjectStore store, Clock clock) {
      this.store = store;
      this.clock = clock;
    }

    void time(Context ctx) throws IOException {
      String now =
          DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
      ctx.header("Cache-Control", CachePolicy.REVALIDATE);
      ctx.contentType("text/plain; charset=utf-8");
      writeBody(ctx, now.getBytes(StandardCharsets.US_ASCII));
    }

    static void cors(Context ctx) {
      ctx.header("Access-Control-Allow-Origin", "*");
      ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }

    static void preflight(Context ctx) {
      ctx.header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      ctx.header("Access-Control-Allow-Headers", "Range");
      ctx.header("Access-Control-Max-Age", "86400");
      ctx.status(204);
    }

    void object(Context ctx) throws IOException {
      Optional<String> key = RequestKeys.fromRawPath(rawPath(ctx));
      if (key.isEmpty()) {
        notFound(ctx);
        return;
      }
      long lengthBytes;
      try {
        lengthBytes = store.size(key.get());
      } catch (NoSuchFileException e) {
        notFound(ctx);
        return;
      }
      ctx.header("Accept-Ranges", "bytes");
      ctx.header("Cache-Control", CachePolicy.of(key.get()));
      ctx.contentType(ContentTypes.of(key.get()));
      // RFC 9110 §14.2: GET is the only method with range handling. Without validators of our
      // own, any If-Range fails to match, so the whole object is sent (§13.1.5).
      RangeRequest range =
          ctx.method() == HandlerType.GET && ctx.header("If-Range") == null
              ? RangeRequest.parse(ctx.header("Range"), lengthBytes)
              : new RangeRequest.Whole();
      switch (range) {
        case RangeRequest.Whole whole -> send(ctx, key.get(), 0, lengthBytes);
        case RangeRequest.Partial partial -> {
          ctx.status(206);
          ctx.header(
              "Content-Range",
              "bytes " + partial.firstByte() + "-" + partial.lastByte() + "/" + lengthBytes);
          send(ctx, key.get(), partial.firstByte(), partial.lengthBytes());
        }
        case RangeRequest.Unsatisfiable unsatisfiable -> {
          ctx.status(416);
          ctx.header("Content-Range", "bytes */" + lengthBytes);
          ctx.res().setContentLengthLong(0);
        }
      }
    }

    void playerPage(Context ctx) throws IOException {
      String manifests =
          "{\"hls\": "
              + jsonKey(StorageLayout.HLS_MULTIVARIANT)
              + ", \"dash\": "
              + jsonKey(StorageLayout.DASH_MPD)
              + "}";
      String page =
          new String(resource("player.html"), StandardCharsets.UTF_8)
              .replace("__ABR_MANIFESTS__", manifests);
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      ctx.header("Cache-Control", CachePolicy.REVALIDATE);
      ctx.contentType(ContentTypes.of("player.html"));
      writeBody(ctx, body);
    }

    static void playerResource(Context ctx) throws IOException {
      String file = ctx.pathParam("file");
      byte[] body = PLAYER_FILE.matcher(file).matches() ? resourceOrNull(file) : null;
      if (body == null) {
        notFound(ctx);
        return;
      }
      ctx.header("Cache-Control", CachePolicy.REVALIDATE);
      ctx.contentType(ContentTypes.of(file));
      writeBody(ctx, body);
    }

    private String jsonKey(String key) throws IOException {
      // Keys pass StorageKeys.check, so they need no JSON escaping.
      return store.exists(key) ? "\"/" + key + "\"" : "null";
    }

    private void send(Context ctx, String key, long firstByte, long lengthBytes)
        throws IOException {
      ctx.res().setContentLengthLong(lengthBytes);
      if (ctx.method() == HandlerType.HEAD) {
        return;
      }
      try (InputStream in = store.open(key);
          OutputStream out = ctx.res().getOutputStream()) {
        in.skipNBytes(firstByte);
        long copied = copy(in, out, lengthBytes);
        if (copied != lengthBytes) {
          // The object shrank while being sent; the client sees a short body and retries.
          LOG.warn("object {} ended after {} of {} bytes", key, copied, lengthBytes);
        }
      }
    }

    private static long copy(InputStream in, OutputStream out, long lengthBytes)
        throws IOException {
      byte[] buffer = new byte[64 * 1024];
      long remaining = lengthBytes;
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          break;
        }
        out.write(buffer, 0, read);
        remaining -= read;
      }
      return lengthBytes - remaining;
    }

    private static void writeBody(Context ctx, byte[] body) throws IOException {
      ctx.res().setContentLengthLong(body.length);
      if (ctx.method() != HandlerType.HEAD) {
        try (OutputStream out = ctx.res().getOutputStream()) {
          out.write(body);
        }
      }
    }

    private static void notFound(Context ctx) {
      ctx.status(404);
      ctx.contentType("text/plain; charset=utf-8");
      ctx.result("not found");
    }

    private static String rawPath(Context ctx) {
      // The servlet request URI is the path as sent, still percent-encoded.
      return ctx.req().getRequestURI();
    }

    private static byte[] resource(String name) {
      byte[] bytes = resourceOrNull(name);
      if (bytes == null) {
        throw new IllegalStateException("player resource " + name + " is missing from the jar");
      }
      return bytes;
    }

    private static byte @org.jspecify.annotations.Nullable [] resourceOrNull(String name) {
      try (InputStream in = Origin.class.getResourceAsStream(PLAYER_RESOURCES + name)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
