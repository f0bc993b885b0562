package dev.abr.app;

import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.ObjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code abr run}: the all-in-one server, live and VOD, on the embedded default. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the all-in-one server: an embedded Kafka broker, ingest (VOD jobs, RTMP publishers,"
          + " pulled UDP/RTSP/SRT sources), transcoder, packager, the origin and the stream API.",
      "Create a live stream with: abr stream create --name NAME"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "abr-data",
      description =
          "Data folder: broker log, work store, streams, stream secret (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description =
          "Where packages go (default: the data folder's output/). Live runs go under live/<stream>/<run>/.")
  Path output;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description =
          "Address RTMP and the origin listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--public-host",
      paramLabel = "HOST",
      description =
          "Host name put in the ingest and playback URLs the API gives (default: --host).")
  String publicHost;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Origin port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--rtmp-port",
      defaultValue = "1935",
      description = "RTMP port (default: ${DEFAULT-VALUE}).")
  int rtmpPort;

  @Option(
      names = "--srt-port",
      defaultValue = "9000",
      description = "SRT listener port, UDP (default: ${DEFAULT-VALUE}; -1: no SRT listener).")
  int srtPort;

  @Option(
      names = "--api-host",
      defaultValue = "127.0.0.1",
      description =
          "Address of the stream API, /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}).")
  String apiHost;

  @Option(
      names = "--api-port",
      defaultValue = "8081",
      description = "Port of the stream API (default: ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(
      names = "--transcode-concurrency",
      paramLabel = "N",
      defaultValue = "1",
      description = "Chunks encoded at once (default: ${DEFAULT-VALUE}).")
  int transcodeConcurrency;

  @Option(
      names = "--reconnect-window",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "How long a live stream waits for its publisher to come back before it ends (default: ${DEFAULT-VALUE}).")
  int reconnectWindow;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (srtPort < -1 || srtPort > 65535) {
      throw new CommandFailedException(
          "--srt-port is from 0 (any free one) to 65535, or -1 for none, not " + srtPort,
          ExitCodes.USAGE);
    }
    for (int value : new int[] {port, rtmpPort, apiPort}) {
      if (value < 0 || value > 65535) {
        throw new CommandFailedException(
            "ports are from 0 (any free one) to 65535, not " + value, ExitCodes.USAGE);
      }
    }
    if (transcodeConcurrency < 1 || reconnectWindow < 0) {
      throw new CommandFailedException(
          "--transcode-concurrency must be at least 1 and --reconnect-window at least 0",
          ExitCodes.USAGE);
    }
    Path dataDir = data.toAbsolutePath().normalize();
    ObjectStore outputStore;
    try {
      outputStore =
          new LocalObjectStore(
              output == null ? dataDir.resolve("output") : output.toAbsolutePath());
    } catch (java.io.IOException e) {
      throw new CommandFailedException(
          "cannot use the output folder: " + e.getMessage(), ExitCodes.EXTERNAL);
    }
    Optional<String> secret =
        Optional.ofNullable(System.getenv("ABR_STREAM_SECRET")).filter(s -> !s.isBlank());
    Optional<String> token =
        Optional.ofNullable(System.getenv("ABR_API_TOKEN")).filter(s -> !s.isBlank());
    RunServer.Settings settings =
        new RunServer.Settings(
            dataDir,
            outputStore,
            host,
            port,
            rtmpPort,
            srtPort,
            new OpsAddress(apiHost, apiPort),
            publicHost == null ? host : publicHost,
            transcodeConcurrency,
            Duration.ofSeconds(reconnectWindow),
            secret,
            token);
    ShutdownSignals signals =
        ShutdownSignals.install(
            () -> Runtime.getRuntime().halt(WorkerProcess.EXIT_UNDRAINED), Duration.ofSeconds(60));
    try (RunServer server = RunServer.start(settings, Clock.systemUTC())) {
      out.println("abr run: serving");
      out.println(
          "  RTMP     "
              + server.live().endpoints().rtmpServer()
              + "   (stream key from: abr stream create)");
      if (server.srtPort() > 0) {
        out.println(
            "  SRT      "
                + server.live().endpoints().srtServer()
                + "   (streamid = stream id, passphrase = stream key)");
      }
      out.println("  origin   " + server.originUri() + "   (players at /player.html)");
      out.println(
          "  API      "
              + server.controlUri().resolve("/api/streams")
              + "   (also /healthz /readyz /metrics)");
      out.println("  data     " + dataDir + ", packages in " + outputStore.describe());
      out.println("Create a stream:  ./abr stream create --name studio --ladder small");
      out.println("Press Ctrl-C to stop (live streams end, their playlists get ENDLIST).");
      out.flush();
      signals.awaitStopRequest();
      out.println("abr run: stopping");
      out.flush();
    } finally {
      signals.finished();
    }
    return ExitCodes.OK;
  }
}
