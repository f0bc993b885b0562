package dev.abr.app;

import dev.abr.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code abr stream}: manage the live streams of a running {@code abr run} through its API. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description =
        "Create, list, show, re-key and delete live streams on a running abr run (its stream API).",
    subcommands = {
      StreamCommand.Create.class,
      StreamCommand.ListStreams.class,
      StreamCommand.Show.class,
      StreamCommand.RotateKey.class,
      StreamCommand.Delete.class
    })
final class StreamCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "${env:ABR_API:-http://127.0.0.1:8081}",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description =
          "The API of abr run (env ABR_API; default ${DEFAULT-VALUE}). ABR_API_TOKEN is sent as bearer token.")
  String api;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  private JsonNode call(String method, String path, byte[] body) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    String token = System.getenv("ABR_API_TOKEN");
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CommandFailedException(
          "nothing answers at " + api + "; start the server with ./abr run (or give --api)",
          ExitCodes.EXTERNAL);
    } catch (IOException e) {
      throw new CommandFailedException(
          "the API at " + api + " failed: " + e.getMessage(), ExitCodes.EXTERNAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted", ExitCodes.EXTERNAL);
    }
    if (response.statusCode() == 204) {
      return Json.mapper().createObjectNode();
    }
    JsonNode json;
    try {
      json = Json.tree(response.body());
    } catch (RuntimeException e) {
      throw new CommandFailedException(
          api
              + " answered "
              + response.statusCode()
              + " with something other than JSON: is it abr run's API port?",
          ExitCodes.EXTERNAL);
    }
    if (response.statusCode() >= 400) {
      throw new CommandFailedException(
          json.path("error").asText("the API answered " + response.statusCode()),
          response.statusCode() == 404
                  || response.statusCode() == 400
                  || response.statusCode() == 409
              ? ExitCodes.USAGE
              : ExitCodes.EXTERNAL);
    }
    return json;
  }

  private static void printStream(PrintWriter out, JsonNode stream) {
    out.println(
        stream.path("id").asText()
            + "  "
            + stream.path("state").asText()
            + "  \""
            + stream.path("name").asText()
            + "\"  ladder "
            + stream.path("ladder").asText());
    JsonNode run = stream.path("run");
    if (run.isObject()) {
      out.println(
          "  run "
              + run.path("runId").asText()
              + ": "
              + run.path("segments").asLong()
              + " segments, "
              + run.path("connections").asInt()
              + " connection(s)");
      out.println("  HLS     " + run.path("playback").path("hls").asText());
      out.println("  DASH    " + run.path("playback").path("dash").asText());
      out.println("  player  " + run.path("playback").path("player").asText());
    }
    if (stream.path("pull").isTextual()) {
      out.println("  pulls   " + stream.path("pull").asText());
    }
  }

  private static void printKey(PrintWriter out, JsonNode created) {
    JsonNode stream = created.path("stream");
    JsonNode ingest = stream.path("ingest");
    String key = created.path("key").asText();
    out.println(
        "Stream " + stream.path("id").asText() + " (\"" + stream.path("name").asText() + "\")");
    out.println("  RTMP server  " + ingest.path("rtmpServer").asText());
    out.println(
        "  stream key   " + key + "   (secret: shown once; abr stream rotate-key makes a new one)");
    if (ingest.path("srtServer").isTextual()) {
      out.println(
          "  SRT          "
              + ingest.path("srtServer").asText()
              + "  streamid "
              + ingest.path("srtStreamId").asText()
              + "  passphrase = the stream key");
    }
    out.println("Publish a file with ffmpeg (Debian's ffmpeg package), for example:");
    out.println("  export ABR_KEY=" + key);
    out.println(
        "  ffmpeg -re -stream_loop -1 -i samples/sample-1080p30.mp4 -c copy -f flv "
            + ingest.path("rtmpServer").asText()
            + "/$ABR_KEY");
    out.println(
        "Then: ./abr stream show "
            + stream.path("id").asText()
            + "   (playback URLs once it is live)");
  }

  /** {@code abr stream create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a stream; prints its key once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand StreamCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--name",
        required = true,
        description = "A human name; the id is made from it.")
    String name;

    @Option(
        names = "--id",
        description = "The public stream id (default: from the name, with a random suffix).")
    String id;

    @Option(
        names = "--ladder",
        defaultValue = "default",
        description = "Built-in ladder: default or small (default: ${DEFAULT-VALUE}).")
    String ladder;

    @Option(
        names = "--segment-duration",
        paramLabel = "SECONDS",
        description = "Target segment duration (default 2).")
    String segmentDuration;

    @Option(
        names = "--window",
        paramLabel = "SEGMENTS",
        description = "Segments in the live playlists (default 6).")
    Integer window;

    @Option(
        names = "--dvr",
        paramLabel = "SEGMENTS",
        description = "Keep this many segments to seek back in (0: everything).")
    Integer dvr;

    @Option(
        names = "--pull",
        paramLabel = "URL",
        description =
            "Pull this source instead of waiting for a publisher: udp://, rtp://, rtsp://, srt://.")
    String pull;

    @Option(
        names = "--rtsp-transport",
        defaultValue = "tcp",
        description = "For RTSP: tcp or udp (default: ${DEFAULT-VALUE}).")
    String rtspTransport;

    @Override
    public Integer call() {
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("name", name);
      if (id != null) {
        body.put("id", id);
      }
      body.put("ladder", ladder);
      if (segmentDuration != null) {
        body.put("segmentDuration", segmentDuration);
      }
      if (window != null) {
        body.put("windowSegments", window);
      }
      if (dvr != null) {
        body.put("dvrSegments", dvr);
      }
      if (pull != null) {
        body.putObject("pull").put("url", pull).put("rtspTransport", rtspTransport);
      }
      JsonNode created = parent.call("POST", "/api/streams", Json.write(body));
      PrintWriter out = spec.commandLine().getOut();
      printKey(out, created);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code abr stream list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the streams and what they are doing.")
  static final class ListStreams implements Callable<Integer> {
    @ParentCommand StreamCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode streams = parent.call("GET", "/api/streams", null);
      PrintWriter out = spec.commandLine().getOut();
      if (streams.isEmpty()) {
        out.println("No streams yet: abr stream create --name NAME");
      }
      streams.forEach(stream -> printStream(out, stream));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code abr stream show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a stream, with its playback URLs while it runs.")
  static final class Show implements Callable<Integer> {
    @ParentCommand StreamCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      JsonNode stream = parent.call("GET", "/api/streams/" + path(id), null);
      PrintWriter out = spec.commandLine().getOut();
      printStream(out, stream);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code abr stream rotate-key}. */
  @Command(
      name = "rotate-key",
      mixinStandardHelpOptions = true,
      description =
          "Give a stream a new key; the old one stops working and its publisher is disconnected.")
  static final class RotateKey implements Callable<Integer> {
    @ParentCommand StreamCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      JsonNode created = parent.call("POST", "/api/streams/" + path(id) + "/key", null);
      PrintWriter out = spec.commandLine().getOut();
      printKey(out, created);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code abr stream delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a stream: its key stops working, its run ends; the package stays.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand StreamCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
      parent.call("DELETE", "/api/streams/" + path(id), null);
      spec.commandLine().getOut().println("Deleted stream " + id);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  private static String path(String id) {
    if (!dev.abr.core.id.Ids.isValid(id)) {
      throw new CommandFailedException(
          "a stream id is 1 to 64 of A-Z a-z 0-9 _ -", ExitCodes.USAGE);
    }
    return id;
  }
}
