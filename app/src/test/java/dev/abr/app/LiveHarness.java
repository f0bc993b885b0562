package dev.abr.app;

import dev.abr.core.json.Json;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.media.BundledFfmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code abr run}'s server on free ports under a test folder, with a short reconnect window, and
 * the clients the live tests drive it with: the stream API over HTTP, the bundled ffmpeg as RTMP or
 * SRT publisher or as the sender of a pulled source, and the origin.
 */
final class LiveHarness implements AutoCloseable {
  /** Ladder that runs in real time here: 360p and 240p, x264 superfast, AAC. */
  static final String LADDER = "small";

  private final RunServer server;
  private final Path output;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> publishers = new ArrayList<>();

  private LiveHarness(RunServer server, Path output) {
    this.server = server;
    this.output = output;
  }

  /** Starts the server under {@code folder} with a {@code reconnectWindow}. */
  static LiveHarness start(Path folder, Duration reconnectWindow) {
    try {
      Path output = Files.createDirectories(folder.resolve("output"));
      RunServer.Settings settings =
          new RunServer.Settings(
              folder.resolve("data"),
              new LocalObjectStore(output),
              "127.0.0.1",
              0,
              0,
              0,
              new OpsAddress("127.0.0.1", 0),
              "127.0.0.1",
              1,
              reconnectWindow,
              Optional.empty(),
              Optional.empty());
      return new LiveHarness(RunServer.start(settings, Clock.systemUTC()), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RunServer server() {
    return server;
  }

  Path output() {
    return output;
  }

  /** A created stream: its id and secret key. */
  record Stream(String id, String key) {}

  /** Creates a stream through the API with {@link #LADDER}. */
  Stream create(String name) {
    return create(name, "");
  }

  /** Creates a stream through the API with {@link #LADDER} and more fields ({@code "f": v, …}). */
  Stream create(String name, String moreFields) {
    String body =
        "{\"name\":\""
            + name
            + "\",\"ladder\":\""
            + LADDER
            + "\""
            + (moreFields.isEmpty() ? "" : "," + moreFields)
            + "}";
    HttpResponse<String> response = api("POST", "/api/streams", body);
    if (response.statusCode() != 201) {
      throw new AssertionError(
          "creating stream "
              + name
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    JsonNode created = Json.tree(response.body().getBytes(StandardCharsets.UTF_8));
    return new Stream(created.path("stream").path("id").asText(), created.path("key").asText());
  }

  /** Calls the API. */
  HttpResponse<String> api(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(server.controlUri().resolve(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build();
    return send(request);
  }

  /** The stream as the API shows it. */
  JsonNode stream(String id) {
    return Json.tree(
        api("GET", "/api/streams/" + id, null).body().getBytes(StandardCharsets.UTF_8));
  }

  /** GETs {@code path} from the origin; null body on 404. */
  HttpResponse<String> origin(String path) {
    return send(HttpRequest.newBuilder(server.originUri().resolve(path)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The RTMP URL a broadcaster publishes {@code key} to. */
  String rtmpUrl(String key) {
    return "rtmp://127.0.0.1:" + server.rtmpPort() + "/live/" + key;
  }

  /**
   * The SRT URL a caller publishes stream {@code streamId} with {@code passphrase} to (AES-128).
   */
  String srtUrl(String streamId, String passphrase) {
    return "srt://127.0.0.1:"
        + server.srtPort()
        + "?streamid="
        + URLEncoder.encode(streamId, StandardCharsets.UTF_8)
        + "&passphrase="
        + URLEncoder.encode(passphrase, StandardCharsets.UTF_8)
        + "&pbkeylen=16";
  }

  /**
   * Starts the bundled ffmpeg publishing {@code seconds} of a 640x360 30 fps test picture with a 1
   * kHz tone to RTMP {@code key}, paced in real time (x264 veryfast, a key frame every second,
   * AAC).
   */
  Process publish(String key, int seconds) {
    return send(seconds, List.of("-f", "flv", rtmpUrl(key)));
  }

  /**
   * The bundled ffmpeg's arguments for {@code seconds} of a 640x360 30 fps test picture with a 1
   * kHz tone, paced in real time (x264 veryfast, a key frame every second, AAC); the output options
   * and target follow.
   */
  static List<String> testSource(int seconds) {
    return List.of(
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-re",
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=640x360:rate=30",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=1000:sample_rate=48000",
        "-t",
        Integer.toString(seconds),
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-tune",
        "zerolatency",
        "-g",
        "30",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-b:a",
        "96k",
        "-ar",
        "48000");
  }

  /**
   * Starts the bundled ffmpeg sending {@code seconds} of a 640x360 30 fps test picture with a 1 kHz
   * tone, paced in real time (x264 veryfast, a key frame every second, AAC), with the output
   * options and target {@code output} (e.g. {@code -f mpegts udp://…}).
   */
  Process send(int seconds, List<String> output) {
    List<String> arguments = new ArrayList<>(testSource(seconds));
    arguments.addAll(output);
    return start(arguments);
  }

  /** Starts a command (another publisher, such as gst-launch-1.0); stopped at {@link #close()}. */
  Process startCommand(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      synchronized (publishers) {
        publishers.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the bundled ffmpeg with {@code arguments}; stopped at {@link #close()}. */
  Process start(List<String> arguments) {
    try {
      Process process =
          BundledFfmpeg.command(BundledFfmpeg.ffmpeg(), arguments)
              .redirectErrorStream(true)
              .start();
      synchronized (publishers) {
        publishers.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for {@code process} to exit and returns its exit code and output. */
  static Exit await(Process process, Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("ffmpeg did not finish within " + timeout);
      }
      return new Exit(
          process.exitValue(),
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** How a process ended. */
  record Exit(int code, String output) {}

  /** The stream's current run as the API shows it; waits for one. */
  JsonNode awaitRun(String id, Duration timeout) {
    JsonNode[] run = new JsonNode[1];
    Awaits.until(
        "stream " + id + " has a run",
        timeout,
        () -> {
          run[0] = stream(id).path("run");
          return run[0].isObject();
        });
    return run[0];
  }

  /** Reads a file of the package, or empty. */
  Optional<String> packageFile(String relative) {
    Path file = output.resolve(relative);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // replaced while we read
    }
  }

  /** Waits until {@code relative} in the package satisfies {@code test} and returns its text. */
  String awaitPackageFile(
      String relative, Duration timeout, java.util.function.Predicate<String> test, String what) {
    String[] text = new String[1];
    Awaits.until(
        relative + " " + what,
        timeout,
        () -> {
          Optional<String> file = packageFile(relative);
          if (file.isPresent() && test.test(file.get())) {
            text[0] = file.get();
            return true;
          }
          return false;
        });
    return text[0];
  }

  /** The package prefix of a stream's run: {@code live/<stream>/<run>}. */
  static String prefix(String streamId, JsonNode run) {
    return "live/" + streamId + "/" + run.path("runId").asText();
  }

  /**
   * Waits until the run under {@code prefix} has ended: its playlists end and its MPD is static.
   */
  void awaitEnded(String prefix, Duration timeout) {
    awaitPackageFile(
        prefix + "/360p/playlist.m3u8", timeout, t -> t.contains("#EXT-X-ENDLIST"), "ends");
    awaitPackageFile(
        prefix + "/manifest.mpd", timeout, t -> t.contains("type=\"static\""), "is static");
  }

  /** The ended media playlist of {@code rendition} under {@code prefix}. */
  PlaylistText playlist(String prefix, String rendition) {
    return PlaylistText.parse(
        packageFile(prefix + "/" + rendition + "/playlist.m3u8").orElseThrow());
  }

  @Override
  public void close() {
    synchronized (publishers) {
      publishers.forEach(Process::destroyForcibly);
    }
    server.close();
  }
}
