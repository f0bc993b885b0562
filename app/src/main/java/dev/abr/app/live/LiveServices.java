package dev.abr.app.live;

import dev.abr.core.error.PipelineException;
import dev.abr.ingest.live.LiveIngest;
import dev.abr.ingest.live.LiveStreamConfig;
import dev.abr.ingest.live.StreamRegistry;
import dev.abr.ingest.live.rtmp.PublishSession;
import dev.abr.ingest.live.rtmp.RtmpServer;
import dev.abr.ingest.live.rtmp.RtmpServerSettings;
import dev.abr.ingest.live.srt.SrtAuthorization;
import dev.abr.ingest.live.srt.SrtPassphrase;
import dev.abr.ingest.live.srt.SrtPublishRequest;
import dev.abr.ingest.live.srt.SrtPublishSession;
import dev.abr.ingest.live.srt.SrtRefusalReason;
import dev.abr.ingest.live.srt.SrtServer;
import dev.abr.ingest.live.srt.SrtServerSettings;
import dev.abr.media.LiveOptions;
import dev.abr.media.MediaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of a process: the RTMP server, the SRT listener (the caller's {@code streamid}
 * names the stream, its key is the passphrase), a pull loop per pulled stream, all feeding one
 * {@link LiveIngest}, with the streams of a {@link StreamRegistry}. Close to stop: the servers stop
 * first (publishers are disconnected and what they sent is published), then every run ends.
 */
public final class LiveServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveServices.class);

  private final StreamRegistry registry;
  private final LiveIngest ingest;
  private final LiveOptions options;
  private final @Nullable RtmpServer rtmp;
  private final @Nullable SrtServer srt;
  private final LiveEndpoints endpoints;
  private final Map<String, PullLoop> pulls = new HashMap<>();

  private LiveServices(
      StreamRegistry registry,
      LiveIngest ingest,
      LiveOptions options,
      @Nullable RtmpServer rtmp,
      @Nullable SrtServer srt,
      LiveEndpoints endpoints) {
    this.registry = registry;
    this.ingest = ingest;
    this.options = options;
    this.rtmp = rtmp;
    this.srt = srt;
    this.endpoints = endpoints;
  }

  /**
   * Starts the RTMP server on {@code rtmpBind} and the SRT listener on {@code srtBind} (each none
   * if null) and the pull loops of the registry's pulled streams.
   *
   * @param publicHost the host name the API puts in ingest URLs
   * @param origin the origin's base URL, for playback URLs
   * @throws UncheckedIOException when an address cannot be bound or libsrt cannot be loaded
   */
  public static LiveServices start(
      StreamRegistry registry,
      LiveIngest ingest,
      LiveOptions options,
      @Nullable InetSocketAddress rtmpBind,
      @Nullable InetSocketAddress srtBind,
      String publicHost,
      java.net.URI origin) {
    RtmpServer rtmp = null;
    SrtServer srt = null;
    LiveServices[] self = new LiveServices[1];
    if (rtmpBind != null) {
      try {
        rtmp =
            RtmpServer.start(
                RtmpServerSettings.defaults(rtmpBind),
                registry,
                session -> self[0].publish(session));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen for RTMP on "
                + rtmpBind.getHostString()
                + ":"
                + rtmpBind.getPort()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    if (srtBind != null) {
      try {
        srt =
            SrtServer.start(
                SrtServerSettings.defaults(srtBind),
                request -> authorizeSrt(registry, request),
                session -> self[0].publishSrt(session));
      } catch (IOException | RuntimeException e) {
        if (rtmp != null) {
          rtmp.close();
        }
        throw new UncheckedIOException(
            "cannot listen for SRT on "
                + srtBind.getHostString()
                + ":"
                + srtBind.getPort()
                + ": "
                + e.getMessage(),
            e instanceof IOException io ? io : new IOException(e.getMessage(), e));
      }
    }
    LiveServices services =
        new LiveServices(
            registry,
            ingest,
            options,
            rtmp,
            srt,
            new LiveEndpoints(
                publicHost, rtmp == null ? 0 : rtmp.port(), srt == null ? 0 : srt.port(), origin));
    self[0] = services;
    for (LiveStreamConfig stream : registry.list()) {
      if (stream.pull().isPresent()) {
        services.startPull(stream.id());
      }
    }
    return services;
  }

  private void publish(PublishSession session) {
    String id = session.streamId();
    Optional<LiveStreamConfig> config = registry.find(id);
    if (config.isEmpty()) {
      LOG.warn("stream {}: deleted while its publisher connected", id);
      return;
    }
    try (MediaSource source = MediaSource.openStream(session.flv(), "flv", id, options)) {
      ingest.connect(config.get(), source);
    } catch (PipelineException e) {
      LOG.warn(
          "stream {}: publish from {} ended: {} [{}]",
          id,
          session.peer(),
          e.getMessage(),
          e.code());
    }
  }

  /** An SRT caller's {@code streamid} names the stream; the stream's key is its passphrase. */
  private static SrtAuthorization authorizeSrt(StreamRegistry registry, SrtPublishRequest request) {
    Optional<StreamRegistry.Keyed> stream =
        dev.abr.core.id.Ids.isValid(request.resource())
            ? registry.findKeyed(request.resource())
            : Optional.empty();
    if (stream.isEmpty()) {
      return new SrtAuthorization.Refused(SrtRefusalReason.UNKNOWN_STREAM);
    }
    if (stream.get().config().pull().isPresent()) {
      return new SrtAuthorization.Refused(
          SrtRefusalReason.FORBIDDEN); // a pulled stream takes no publisher
    }
    return new SrtAuthorization.Granted(
        stream.get().config().id(), SrtPassphrase.of(stream.get().key()));
  }

  private void publishSrt(SrtPublishSession session) {
    String id = session.streamId();
    Optional<LiveStreamConfig> config = registry.find(id);
    if (config.isEmpty()) {
      LOG.warn("stream {}: deleted while its SRT caller connected", id);
      return;
    }
    try (MediaSource source = MediaSource.openStream(session.ts(), "mpegts", id, options)) {
      ingest.connect(config.get(), source);
    } catch (PipelineException e) {
      LOG.warn(
          "stream {}: SRT publish from {} ended: {} [{}]",
          id,
          session.peer(),
          e.getMessage(),
          e.code());
    }
  }

  /** The streams. */
  public StreamRegistry registry() {
    return registry;
  }

  /** The live intake. */
  public LiveIngest ingest() {
    return ingest;
  }

  /** Where clients reach this process. */
  public LiveEndpoints endpoints() {
    return endpoints;
  }

  /** The SRT listener's port, or 0 without one. */
  public int srtPort() {
    return srt == null ? 0 : srt.port();
  }

  /** The RTMP server's port, or 0 without one. */
  public int rtmpPort() {
    return rtmp == null ? 0 : rtmp.port();
  }

  /** Starts pulling a stream that has a pull source (after it was created). */
  public synchronized void startPull(String streamId) {
    if (!pulls.containsKey(streamId)) {
      pulls.put(streamId, PullLoop.start(streamId, registry, ingest, options));
    }
  }

  /**
   * Deletes a stream: its key stops working, its publisher or pulled source is disconnected, and
   * its run ends at once (the package stays, as a VOD asset).
   */
  public boolean delete(String streamId) {
    boolean existed = registry.delete(streamId);
    PullLoop pull;
    synchronized (this) {
      pull = pulls.remove(streamId);
    }
    if (pull != null) {
      pull.close();
    }
    disconnect(streamId);
    ingest.endWhenDisconnected(streamId);
    return existed;
  }

  /** Rotates a stream's key and disconnects its current publisher. */
  public Optional<StreamRegistry.Keyed> rotateKey(String streamId) {
    Optional<StreamRegistry.Keyed> rotated = registry.rotateKey(streamId);
    rotated.ifPresent(k -> disconnect(streamId));
    return rotated;
  }

  private void disconnect(String streamId) {
    if (rtmp != null) {
      rtmp.disconnect(streamId);
    }
    if (srt != null) {
      srt.disconnect(streamId);
    }
  }

  @Override
  public void close() {
    if (rtmp != null) {
      rtmp.close();
    }
    if (srt != null) {
      srt.close();
    }
    synchronized (this) {
      pulls.values().forEach(PullLoop::close);
      pulls.clear();
    }
    ingest.close();
  }
}
