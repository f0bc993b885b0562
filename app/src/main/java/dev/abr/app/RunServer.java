package dev.abr.app;

import dev.abr.app.live.LiveServices;
import dev.abr.app.live.StreamApi;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.core.storage.ObjectStore;
import dev.abr.ingest.live.LiveIngest;
import dev.abr.ingest.live.LiveIngestSettings;
import dev.abr.ingest.live.StreamKeys;
import dev.abr.ingest.live.StreamRegistry;
import dev.abr.ingest.stream.IngestContext;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.media.LiveOptions;
import dev.abr.packager.origin.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code abr run}'s server: the embedded default ({@link AllInOne}: broker, ingest for VOD jobs,
 * transcoder, packager) plus the live side ({@link LiveServices}: RTMP, pulled sources), the origin
 * serving the output, and the control server (stream API, {@code /healthz}, {@code /readyz}, {@code
 * /metrics}).
 *
 * <p>Under the data folder: {@code kafka/} (the broker's log), {@code store/} (the work store and
 * the streams, {@code store/streams/}), {@code tmp/}, {@code stream-secret} (from which the stream
 * keys derive, unless given) and {@code output/} unless the output is elsewhere.
 */
final class RunServer implements AutoCloseable {
  /**
   * What to start.
   *
   * @param dataDir the data folder
   * @param output where packages go
   * @param host address the RTMP server and the origin listen on
   * @param originPort the origin's port (0: any)
   * @param rtmpPort the RTMP port (0: any)
   * @param srtPort the SRT port (0: any; -1: no SRT listener)
   * @param control address of the control server (API and probes)
   * @param publicHost host name put in ingest and playback URLs
   * @param transcodeConcurrency chunks encoded at once
   * @param reconnectWindow how long a live stream waits for its publisher to come back
   * @param streamSecret base64 secret the stream keys derive from; empty: {@code stream-secret} in
   *     the data folder (made on first use)
   * @param apiToken bearer token the API requires, if any
   */
  record Settings(
      Path dataDir,
      ObjectStore output,
      String host,
      int originPort,
      int rtmpPort,
      int srtPort,
      OpsAddress control,
      String publicHost,
      int transcodeConcurrency,
      Duration reconnectWindow,
      Optional<String> streamSecret,
      Optional<String> apiToken) {}

  private final AllInOne all;
  private final JsonProducer producer;
  private final LiveServices live;
  private final Origin origin;
  private final OpsServer control;
  private final RoleMetrics metrics;
  private final RoleStatus status;

  private RunServer(
      AllInOne all,
      JsonProducer producer,
      LiveServices live,
      Origin origin,
      OpsServer control,
      RoleMetrics metrics,
      RoleStatus status) {
    this.all = all;
    this.producer = producer;
    this.live = live;
    this.origin = origin;
    this.control = control;
    this.metrics = metrics;
    this.status = status;
  }

  /** Starts everything; on failure, stops what had started. */
  static RunServer start(Settings settings, Clock clock) {
    RoleMetrics metrics = RoleMetrics.create();
    RoleStatus status = new RoleStatus();
    AllInOne all = null;
    JsonProducer producer = null;
    LiveIngest ingest = null;
    LiveServices live = null;
    Origin origin = null;
    try {
      Path data = settings.dataDir().toAbsolutePath();
      Files.createDirectories(data);
      StreamKeys keys =
          settings.streamSecret().isPresent()
              ? StreamKeys.fromBase64(settings.streamSecret().get(), "ABR_STREAM_SECRET")
              : StreamKeys.loadOrCreate(data.resolve("stream-secret"));
      all =
          AllInOne.start(
              data,
              settings.output(),
              metrics.registry(),
              clock,
              settings.transcodeConcurrency(),
              IngestSettings.DEFAULT);
      LocalObjectStore work = new LocalObjectStore(data.resolve("store"));
      StreamRegistry streams = StreamRegistry.open(work, keys, clock);
      producer = JsonProducer.create(all.bootstrapServers(), "live-ingest-producer");
      ingest =
          new LiveIngest(
              new IngestContext(
                  work,
                  producer,
                  clock,
                  metrics.registry(),
                  IngestSettings.DEFAULT,
                  data.resolve("tmp")),
              LiveIngestSettings.DEFAULT.withReconnectWindow(settings.reconnectWindow()));
      origin = Origin.start(settings.output(), settings.host(), settings.originPort(), clock);
      URI publicOrigin =
          URI.create("http://" + literal(settings.publicHost()) + ":" + origin.port() + "/");
      live =
          LiveServices.start(
              streams,
              ingest,
              LiveOptions.DEFAULT,
              new InetSocketAddress(settings.host(), settings.rtmpPort()),
              settings.srtPort() < 0
                  ? null
                  : new InetSocketAddress(settings.host(), settings.srtPort()),
              settings.publicHost(),
              publicOrigin);
      StreamApi api = new StreamApi(live, clock, settings.apiToken());
      OpsServer control =
          OpsServer.start(settings.control(), status, metrics.registry(), api::routes);
      AllInOne started = all;
      status.running(started::isHealthy, started::isReady);
      return new RunServer(all, producer, live, origin, control, metrics, status);
    } catch (IOException e) {
      closeQuietly(live, ingest, origin, producer, all, metrics);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(live, ingest, origin, producer, all, metrics);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable... closeables) {
    for (AutoCloseable closeable : closeables) {
      if (closeable == null) {
        continue;
      }
      try {
        closeable.close();
      } catch (Exception e) {
        // start-up failed already; that failure is the one to report
      }
    }
  }

  private static String literal(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  LiveServices live() {
    return live;
  }

  /** The origin's base URL (as bound). */
  URI originUri() {
    return origin.uri();
  }

  /** The control server's base URL (as bound). */
  URI controlUri() {
    return control.uri();
  }

  int rtmpPort() {
    return live.rtmpPort();
  }

  int srtPort() {
    return live.srtPort();
  }

  String bootstrapServers() {
    return all.bootstrapServers();
  }

  /**
   * Stops: not ready at once; publishers are disconnected and what they sent is published; every
   * live run ends (its playlists get ENDLIST); then the roles and the broker stop.
   */
  @Override
  public void close() {
    status.draining();
    try (metrics;
        all;
        producer;
        origin;
        control) {
      live.close();
    } finally {
      status.stopped();
    }
  }
}
