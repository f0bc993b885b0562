package dev.abr.app.live;

import dev.abr.core.error.PipelineException;
import dev.abr.core.id.Ids;
import dev.abr.core.json.Json;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.Rational;
import dev.abr.ingest.live.LiveRunInfo;
import dev.abr.ingest.live.LiveStreamConfig;
import dev.abr.ingest.live.StreamRegistry;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The stream API, JSON over HTTP:
 *
 * <ul>
 *   <li>{@code POST /api/streams} {@code {"name": …, "ladder": "small"|{…}, "segmentDuration": 2,
 *       "windowSegments": 6, "dvrSegments": 0, "pull": {"url": "rtsp://…", "rtspTransport":
 *       "tcp"}}}: creates a stream; 201 with the stream, its ingest endpoints and its secret key
 *       (shown this once);
 *   <li>{@code GET /api/streams}, {@code GET /api/streams/{id}}: the streams and what they are
 *       doing (never a key);
 *   <li>{@code POST /api/streams/{id}/key}: rotates the key (the publisher is disconnected); 200
 *       with the new key;
 *   <li>{@code DELETE /api/streams/{id}}: deletes the stream (its run ends; the package stays).
 * </ul>
 *
 * <p>Errors are {@code {"error": "…"}} with 400 (bad request, naming the field), 401 (token), 404
 * or 409 (id taken). When a token is configured, every request needs {@code Authorization: Bearer
 * <token>}. Keys never appear in errors or logs.
 */
public final class StreamApi {
  private volatile @org.jspecify.annotations.Nullable LiveServices live;
  private final Clock clock;
  private final Optional<String> token;

  /**
   * @param token the bearer token requests must carry, if any
   */
  public StreamApi(LiveServices live, Clock clock, Optional<String> token) {
    this.live = live;
    this.clock = clock;
    this.token = token;
  }

  /**
   * An API whose routes exist before the live services do (they start after the HTTP server):
   * requests get 503 until {@link #attach}.
   */
  public static StreamApi deferred(Clock clock, Optional<String> token) {
    return new StreamApi(clock, token);
  }

  private StreamApi(Clock clock, Optional<String> token) {
    this.live = null;
    this.clock = clock;
    this.token = token;
  }

  /** Serves {@code services} from now on. */
  public void attach(LiveServices services) {
    this.live = services;
  }

  private LiveServices live() {
    LiveServices services = live;
    if (services == null) {
      throw new io.javalin.http.ServiceUnavailableResponse("live ingest is starting");
    }
    return services;
  }

  /** Adds the routes to a Javalin configuration. */
  public void routes(JavalinConfig config) {
    config.routes.before("/api/*", this::authorize);
    config.routes.post("/api/streams", this::create);
    config.routes.get("/api/streams", this::list);
    config.routes.get("/api/streams/{id}", this::show);
    config.routes.post("/api/streams/{id}/key", this::rotate);
    config.routes.delete("/api/streams/{id}", this::delete);
  }

  /** A stream as the API shows it. */
  public record StreamView(
      String id,
      String name,
      String ladder,
      String segmentDuration,
      int windowSegments,
      Optional<Integer> dvrSegments,
      Optional<String> pull,
      Instant createdAt,
      String state,
      Ingest ingest,
      Optional<RunView> run) {}

  /**
   * Where a broadcaster sends the stream. The key is only in {@link Created}.
   *
   * @param rtmpServer {@code rtmp://host:1935/live}; the stream key goes in the encoder's key field
   * @param srtServer {@code srt://host:port}, when SRT is on; with {@code streamid} = the stream id
   *     and the key as passphrase
   * @param srtStreamId what to give as the SRT {@code streamid}
   */
  public record Ingest(String rtmpServer, Optional<String> srtServer, String srtStreamId) {}

  /** The current run of a stream. */
  public record RunView(
      String runId,
      boolean connected,
      int connections,
      long segments,
      Instant startedAt,
      Optional<Instant> disconnectedAt,
      Playback playback) {}

  /** Playback URLs of a run. */
  public record Playback(String hls, String dash, String player) {}

  /** A created (or re-keyed) stream with its secret key. */
  public record Created(StreamView stream, String key) {
    @Override
    public String toString() {
      return "Created[" + stream.id() + ", key redacted]";
    }
  }

  private record ApiError(String error) {}

  private void authorize(Context ctx) {
    if (token.isEmpty()) {
      return;
    }
    String header = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    byte[] presented =
        header.startsWith("Bearer ")
            ? header.substring(7).getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(presented, token.get().getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      ctx.skipRemainingHandlers();
      json(
          ctx,
          401,
          new ApiError(
              "this API needs Authorization: Bearer <token> (the token given in ABR_API_TOKEN)"));
    }
  }

  private void create(Context ctx) {
    LiveStreamConfig config;
    try {
      config = parse(ctx.bodyAsBytes());
    } catch (IllegalArgumentException | PipelineException e) {
      json(ctx, 400, new ApiError(e.getMessage()));
      return;
    }
    StreamRegistry.Keyed created;
    try {
      created = live().registry().create(config);
    } catch (IllegalArgumentException e) {
      json(ctx, 409, new ApiError(e.getMessage()));
      return;
    }
    if (config.pull().isPresent()) {
      live().startPull(config.id());
    }
    ctx.header("Location", "/api/streams/" + config.id());
    json(ctx, 201, new Created(view(created.config()), created.key()));
  }

  private void list(Context ctx) {
    List<StreamView> views = new ArrayList<>();
    for (LiveStreamConfig config : live().registry().list()) {
      views.add(view(config));
    }
    json(ctx, 200, views);
  }

  private void show(Context ctx) {
    Optional<LiveStreamConfig> config = live().registry().find(ctx.pathParam("id"));
    if (config.isEmpty()) {
      notFound(ctx);
      return;
    }
    json(ctx, 200, view(config.get()));
  }

  private void rotate(Context ctx) {
    Optional<StreamRegistry.Keyed> rotated = live().rotateKey(ctx.pathParam("id"));
    if (rotated.isEmpty()) {
      notFound(ctx);
      return;
    }
    json(ctx, 200, new Created(view(rotated.get().config()), rotated.get().key()));
  }

  private void delete(Context ctx) {
    if (!live().delete(ctx.pathParam("id"))) {
      notFound(ctx);
      return;
    }
    ctx.status(204);
  }

  private void notFound(Context ctx) {
    String id = ctx.pathParam("id");
    json(
        ctx,
        404,
        new ApiError(
            "no stream "
                + (Ids.isValid(id) ? id : "with that id")
                + "; GET /api/streams lists them"));
  }

  private StreamView view(LiveStreamConfig config) {
    LiveEndpoints endpoints = live().endpoints();
    Optional<LiveRunInfo> run = live().ingest().run(config.id());
    String state = run.map(r -> r.connected() ? "live" : "reconnecting").orElse("idle");
    Ingest ingest =
        new Ingest(
            endpoints.rtmpServer(),
            endpoints.srtPort() > 0 ? Optional.of(endpoints.srtServer()) : Optional.empty(),
            config.id());
    return new StreamView(
        config.id(),
        config.name(),
        config.ladder().name(),
        config.segmentDuration().toString(),
        config.windowSegments(),
        config.dvrSegments(),
        config.pull().map(LiveStreamConfig.PullSource::redacted),
        config.createdAt(),
        state,
        ingest,
        run.map(
            r ->
                new RunView(
                    r.runId(),
                    r.connected(),
                    r.connections(),
                    r.segments(),
                    r.startedAt(),
                    r.disconnectedAt(),
                    playback(endpoints.origin(), r.outputPrefix()))));
  }

  /** Playback URLs of a package under {@code prefix} on {@code origin}. */
  public static Playback playback(URI origin, String prefix) {
    String hls = "/" + prefix + "/" + StorageLayout.HLS_MULTIVARIANT;
    String dash = "/" + prefix + "/" + StorageLayout.DASH_MPD;
    String base = origin.toString().replaceAll("/+$", "");
    return new Playback(
        base + hls, base + dash, base + "/player.html?hls=" + hls + "&dash=" + dash);
  }

  private LiveStreamConfig parse(byte[] body) {
    JsonNode json = Json.tree(body);
    if (!json.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object with at least a \"name\"");
    }
    for (String field : json.propertyNames()) {
      if (!List.of(
              "name", "id", "ladder", "segmentDuration", "windowSegments", "dvrSegments", "pull")
          .contains(field)) {
        throw new IllegalArgumentException(
            "unknown field \""
                + printable(field)
                + "\"; the fields are name, id, ladder, segmentDuration, windowSegments,"
                + " dvrSegments, pull");
      }
    }
    JsonNode nameNode = json.path("name");
    if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
      throw new IllegalArgumentException("\"name\" is required: a text of 1 to 200 characters");
    }
    String name = nameNode.asText();
    String id = json.hasNonNull("id") ? text(json, "id") : StreamRegistry.newId(name);
    Ladder ladder = ladder(json.get("ladder"));
    Rational segmentDuration =
        json.hasNonNull("segmentDuration")
            ? rational(json.get("segmentDuration"))
            : LiveStreamConfig.DEFAULT_SEGMENT_DURATION;
    int window =
        json.hasNonNull("windowSegments")
            ? integer(json, "windowSegments")
            : LiveStreamConfig.DEFAULT_WINDOW_SEGMENTS;
    Optional<Integer> dvr =
        json.hasNonNull("dvrSegments")
            ? Optional.of(integer(json, "dvrSegments"))
            : Optional.empty();
    Optional<LiveStreamConfig.PullSource> pull = Optional.empty();
    if (json.hasNonNull("pull")) {
      JsonNode node = json.get("pull");
      if (!node.isObject() || !node.path("url").isTextual()) {
        throw new IllegalArgumentException(
            "\"pull\" must be {\"url\": \"udp://…|rtsp://…|srt://…\", \"rtspTransport\": \"tcp\"|\"udp\"}");
      }
      URI url;
      try {
        url = new URI(node.get("url").asText());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("\"pull.url\" is not a URL");
      }
      String transport = node.path("rtspTransport").asText("tcp").toLowerCase(Locale.ROOT);
      pull = Optional.of(new LiveStreamConfig.PullSource(url, transport));
    }
    return new LiveStreamConfig(
        id, name, ladder, segmentDuration, window, dvr, 0, pull, clock.instant());
  }

  private static Ladder ladder(JsonNode node) {
    if (node == null || node.isNull()) {
      return LadderDocuments.builtIn(LadderDocuments.DEFAULT);
    }
    if (node.isTextual()) {
      if (!LadderDocuments.builtInNames().contains(node.asText())) {
        throw new IllegalArgumentException(
            "\"ladder\": no built-in ladder \""
                + printable(node.asText())
                + "\"; use one of "
                + LadderDocuments.builtInNames()
                + " or give a ladder document");
      }
      return LadderDocuments.builtIn(node.asText());
    }
    if (node.isObject()) {
      return LadderDocuments.parse(Json.write(node), "the \"ladder\" document");
    }
    throw new IllegalArgumentException("\"ladder\" is a built-in ladder name or a ladder document");
  }

  private static Rational rational(JsonNode node) {
    try {
      if (node.isIntegralNumber()) {
        return Rational.of(node.asLong());
      }
      if (node.isTextual()) {
        return Rational.parse(node.asText());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "\"segmentDuration\" is whole seconds, or a fraction such as \"3/2\"");
  }

  private static int integer(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a whole number");
    }
    return node.asInt();
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (!node.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be a text");
    }
    return node.asText();
  }

  private static String printable(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
