package dev.abr.app;

import dev.abr.app.live.StreamApi;
import dev.abr.core.storage.ObjectStore;
import dev.abr.ingest.live.StreamKeys;
import dev.abr.ingest.role.IngestRole;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.s3.StorageLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code abr ingest}: the ingest role alone, against an external Kafka and work store. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ingest role: consume submitted jobs, cut sources into chunks in the work store,"
          + " request their transcoding.",
      "Every option can also be given by its environment variable; see README.md."
    })
final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KafkaOptions kafka;
  @Mixin OpsOptions ops;

  @Option(
      names = "--storage",
      paramLabel = "URL",
      defaultValue = "${env:ABR_STORAGE:-}",
      description = "Work store: a folder or s3://bucket/prefix?endpoint=... (env ABR_STORAGE).")
  String storage = "";

  @Option(
      names = "--drain-grace",
      paramLabel = "SECONDS",
      defaultValue = "${env:ABR_DRAIN_GRACE_SECONDS:-20}",
      description =
          "On SIGTERM, how long the job in flight may take to finish (env"
              + " ABR_DRAIN_GRACE_SECONDS, default 20).")
  String drainGrace = "";

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      defaultValue = "${env:ABR_TEMP_DIR:-}",
      description = "Scratch folder for chunk files (env ABR_TEMP_DIR; default the JVM's).")
  String tempDir = "";

  @Option(
      names = "--segments-per-chunk",
      paramLabel = "N",
      defaultValue = "${env:ABR_SEGMENTS_PER_CHUNK:-8}",
      description = "VOD segments per transcoded chunk (env ABR_SEGMENTS_PER_CHUNK, default 8).")
  String segmentsPerChunk = "";

  @Option(
      names = "--rtmp-port",
      paramLabel = "PORT",
      defaultValue = "${env:ABR_RTMP_PORT:--1}",
      description =
          "Accept RTMP publishers on this TCP port, e.g. 1935 (env ABR_RTMP_PORT; default -1: none).")
  String rtmpPort = "";

  @Option(
      names = "--srt-port",
      paramLabel = "PORT",
      defaultValue = "${env:ABR_SRT_PORT:--1}",
      description =
          "Accept SRT callers on this UDP port, e.g. 9000 (env ABR_SRT_PORT; default -1: none).")
  String srtPort = "";

  @Option(
      names = "--stream-secret",
      paramLabel = "BASE64",
      defaultValue = "${env:ABR_STREAM_SECRET:-}",
      description =
          "Secret the live stream keys derive from, 32+ bytes in base64 (env ABR_STREAM_SECRET; set it"
              + " in the environment, not on the command line). Needed with --rtmp-port or --srt-port.")
  String streamSecret = "";

  @Option(
      names = "--api-token",
      paramLabel = "TOKEN",
      defaultValue = "${env:ABR_API_TOKEN:-}",
      description =
          "Bearer token the stream API on the ops port requires (env ABR_API_TOKEN; default: none).")
  String apiToken = "";

  @Option(
      names = "--public-host",
      paramLabel = "HOST",
      defaultValue = "${env:ABR_PUBLIC_HOST:-}",
      description =
          "Host name the stream API puts in ingest URLs (env ABR_PUBLIC_HOST; default: this host's name).")
  String publicHost = "";

  @Option(
      names = "--origin-url",
      paramLabel = "URL",
      defaultValue = "${env:ABR_ORIGIN_URL:-}",
      description =
          "Base URL of the origin, for the playback URLs of the stream API (env ABR_ORIGIN_URL).")
  String originUrl = "";

  @Option(
      names = "--reconnect-window",
      paramLabel = "SECONDS",
      defaultValue = "${env:ABR_LIVE_RECONNECT_WINDOW_SECONDS:-30}",
      description =
          "How long a live stream waits for its publisher to come back before it ends (env"
              + " ABR_LIVE_RECONNECT_WINDOW_SECONDS, default 30).")
  String reconnectWindow = "";

  @Override
  public Integer call() {
    IngestConfig config = config();
    Clock clock = Clock.systemUTC();
    Optional<StreamApi> api = config.live().map(live -> StreamApi.deferred(clock, live.apiToken()));
    return WorkerProcess.run(
        "ingest",
        config.process(),
        (stores, registry) -> {
          try {
            Files.createDirectories(config.tempDir());
          } catch (IOException e) {
            throw new CommandFailedException(
                "--temp-dir: cannot create " + config.tempDir() + ": " + e.getMessage(),
                ExitCodes.EXTERNAL);
          }
          ObjectStore work = stores.open(config.storage(), "--storage");
          IngestRole role =
              IngestRole.start(
                  config.process().worker(),
                  work,
                  config.tempDir(),
                  registry,
                  clock,
                  IngestSettings.DEFAULT.withSegmentsPerChunk(config.segmentsPerChunk()));
          if (config.live().isEmpty()) {
            return role;
          }
          try {
            return LiveIngestRole.start(role, config, work, registry, clock, api.orElseThrow());
          } catch (RuntimeException e) {
            role.close();
            throw e;
          }
        },
        spec.commandLine().getOut(),
        routes -> api.ifPresent(a -> a.routes(routes)));
  }

  /**
   * The validated configuration.
   *
   * @throws CommandFailedException with {@link ExitCodes#USAGE} listing every problem
   */
  IngestConfig config() {
    ConfigProblems problems = new ConfigProblems();
    Optional<WorkerProcessConfig> process =
        kafka.processConfig(problems, "ingest", drainGrace, ops);
    Optional<StorageLocation> work =
        OptionParsers.storage(problems, "--storage", "ABR_STORAGE", storage);
    Optional<Path> temp =
        tempDir.isBlank()
            ? Optional.of(Path.of(System.getProperty("java.io.tmpdir")))
            : OptionParsers.folder(problems, "--temp-dir", "ABR_TEMP_DIR", tempDir);
    Optional<Integer> segments =
        OptionParsers.atLeast(
            problems, "--segments-per-chunk", "ABR_SEGMENTS_PER_CHUNK", segmentsPerChunk, 1);
    Optional<Optional<IngestConfig.Live>> live = live(problems, process);
    problems.throwIfAny();
    return new IngestConfig(
        process.orElseThrow(),
        work.orElseThrow(),
        temp.orElseThrow(),
        segments.orElseThrow(),
        live.orElseThrow());
  }

  /** The live listeners' settings, empty when neither RTMP nor SRT is on. */
  private Optional<Optional<IngestConfig.Live>> live(
      ConfigProblems problems, Optional<WorkerProcessConfig> process) {
    Optional<Integer> rtmp = listenerPort(problems, "--rtmp-port", "ABR_RTMP_PORT", rtmpPort);
    Optional<Integer> srt = listenerPort(problems, "--srt-port", "ABR_SRT_PORT", srtPort);
    Optional<java.time.Duration> window =
        OptionParsers.seconds(
            problems,
            "--reconnect-window",
            "ABR_LIVE_RECONNECT_WINDOW_SECONDS",
            reconnectWindow,
            0);
    if (rtmp.isEmpty() || srt.isEmpty() || window.isEmpty()) {
      return Optional.empty();
    }
    if (rtmp.get() < 0 && srt.get() < 0) {
      return Optional.of(Optional.empty());
    }
    Optional<StreamKeys> keys = Optional.empty();
    if (streamSecret.isBlank()) {
      problems.add(
          "--stream-secret",
          "ABR_STREAM_SECRET",
          "live ingest (--rtmp-port, --srt-port) needs the secret stream keys derive from; make one with"
              + " openssl rand -base64 32 and give every ingest process the same");
    } else {
      try {
        keys = Optional.of(StreamKeys.fromBase64(streamSecret, "the value"));
      } catch (IllegalArgumentException e) {
        problems.add(
            "--stream-secret", "ABR_STREAM_SECRET", e.getMessage()); // never echoes the secret
      }
    }
    String host = process.map(p -> p.ops().host()).orElse("0.0.0.0");
    String shownHost = publicHost.isBlank() ? defaultPublicHost(host) : publicHost.strip();
    java.net.URI origin = null;
    if (originUrl.isBlank()) {
      origin =
          java.net.URI.create(
              "http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":8080/");
    } else {
      try {
        origin = new java.net.URI(originUrl.strip());
        if (!"http".equals(origin.getScheme()) && !"https".equals(origin.getScheme())) {
          problems.add("--origin-url", "ABR_ORIGIN_URL", "must be an http:// or https:// URL");
        }
      } catch (java.net.URISyntaxException e) {
        problems.add("--origin-url", "ABR_ORIGIN_URL", "is not a URL");
      }
    }
    if (keys.isEmpty() || origin == null) {
      return Optional.empty();
    }
    return Optional.of(
        Optional.of(
            new IngestConfig.Live(
                host,
                rtmp.get(),
                srt.get(),
                keys.get(),
                apiToken.isBlank() ? Optional.empty() : Optional.of(apiToken.strip()),
                shownHost,
                origin,
                window.get())));
  }

  private static Optional<Integer> listenerPort(
      ConfigProblems problems, String flag, String variable, String text) {
    if (text.strip().equals("-1")) {
      return Optional.of(-1);
    }
    return OptionParsers.port(problems, flag, variable, text);
  }

  private static String defaultPublicHost(String bindHost) {
    if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
      return bindHost;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
