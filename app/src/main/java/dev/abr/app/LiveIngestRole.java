package dev.abr.app;

import dev.abr.app.live.LiveServices;
import dev.abr.app.live.StreamApi;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.WorkerRole;
import dev.abr.core.storage.ObjectStore;
import dev.abr.ingest.live.LiveIngest;
import dev.abr.ingest.live.LiveIngestSettings;
import dev.abr.ingest.live.StreamRegistry;
import dev.abr.ingest.role.IngestRole;
import dev.abr.ingest.stream.IngestContext;
import dev.abr.ingest.stream.IngestSettings;
import dev.abr.media.LiveOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * {@code abr ingest} with live listeners: the VOD ingest role plus {@link LiveServices} (RTMP, SRT,
 * pulled sources) over the streams in the work store, and the stream API on the ops server. Healthy
 * and ready as the VOD worker is; on SIGTERM the listeners stop first (publishers are disconnected,
 * what they sent is published, their runs end), then the worker drains.
 */
final class LiveIngestRole implements WorkerRole {
  private final IngestRole vod;
  private final LiveServices live;
  private final JsonProducer producer;

  private LiveIngestRole(IngestRole vod, LiveServices live, JsonProducer producer) {
    this.vod = vod;
    this.live = live;
    this.producer = producer;
  }

  static LiveIngestRole start(
      IngestRole vod,
      IngestConfig config,
      ObjectStore work,
      MeterRegistry registry,
      Clock clock,
      StreamApi api) {
    IngestConfig.Live settings = config.live().orElseThrow();
    JsonProducer producer =
        JsonProducer.create(
            config.process().worker().bootstrapServers(),
            config.process().worker().clientId() + "-live");
    try {
      StreamRegistry streams = StreamRegistry.open(work, settings.keys(), clock);
      LiveIngest ingest =
          new LiveIngest(
              new IngestContext(
                  work, producer, clock, registry, IngestSettings.DEFAULT, config.tempDir()),
              LiveIngestSettings.DEFAULT.withReconnectWindow(settings.reconnectWindow()));
      LiveServices live =
          LiveServices.start(
              streams,
              ingest,
              LiveOptions.DEFAULT,
              settings.rtmpPort() < 0
                  ? null
                  : new InetSocketAddress(settings.host(), settings.rtmpPort()),
              settings.srtPort() < 0
                  ? null
                  : new InetSocketAddress(settings.host(), settings.srtPort()),
              settings.publicHost(),
              settings.origin());
      api.attach(live);
      return new LiveIngestRole(vod, live, producer);
    } catch (RuntimeException e) {
      producer.close();
      throw e;
    }
  }

  @Override
  public boolean isHealthy() {
    return vod.isHealthy();
  }

  @Override
  public boolean isReady() {
    return vod.isReady();
  }

  @Override
  public boolean isDrained() {
    return vod.isDrained();
  }

  @Override
  public void close() {
    try {
      live.close();
      producer.close();
    } finally {
      vod.close();
    }
  }

  @Override
  public void abort() {
    try {
      live.close();
      producer.close();
    } finally {
      vod.abort();
    }
  }
}
