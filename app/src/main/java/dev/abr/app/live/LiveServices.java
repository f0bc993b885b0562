package dev.abr.app.live;

import dev.abr.core.error.PipelineException;
import dev.abr.ingest.live.LiveIngest;
import dev.abr.ingest.live.LiveStreamConfig;
import dev.abr.ingest.live.StreamRegistry;
import dev.abr.ingest.live.rtmp.PublishSession;
import dev.abr.ingest.live.rtmp.RtmpServer;
import dev.abr.ingest.live.rtmp.RtmpServerSettings;
import dev.abr.media.LiveOptions;
import dev.abr.media.MediaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live side of a process: the RTMP server, a pull loop per pulled stream, all feeding one
 * {@link LiveIngest}, with the streams of a {@link StreamRegistry}. Close to stop: the servers
 * stop first (publishers are disconnected and what they sent is published), then every run ends.
 */
public final class LiveServices implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveServices.class);

  private final StreamRegistry registry;
  private final LiveIngest ingest;
  private final LiveOptions options;
  private final RtmpServer rtmp;
  private final LiveEndpoints endpoints;
  private final Map<String, PullLoop> pulls = new HashMap<>();

  private LiveServices(
      StreamRegistry registry, LiveIngest ingest, LiveOptions options, RtmpServer rtmp, LiveEndpoints endpoints) {
    this.registry = registry;
    this.ingest = ingest;
    this.options = options;
    this.rtmp = rtmp;
    this.endpoints = endpoints;
  }

  /**
   * Starts the RTMP server on {@code rtmpBind} and the pull loops of the registry's pulled streams.
   *
   * @param publicHost the host name the API puts in ingest URLs
   * @param origin the origin's base URL, for playback URLs
   * @throws UncheckedIOException when the RTMP address cannot be bound
   */
  public static LiveServices start(
      StreamRegistry registry,
      LiveIngest ingest,
      LiveOptions options,
      InetSocketAddress rtmpBind,
      String publicHost,
      java.net.URI origin) {
    RtmpServer rtmp;
    LiveServices[] self = new LiveServices[1];
    try {
      rtmp = RtmpServer.start(RtmpServerSettings.defaults(rtmpBind), registry, session -> self[0].publish(session));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for RTMP on " + rtmpBind.getHostString() + ":" + rtmpBind.getPort() + ": " + e.getMessage(), e);
    }
    LiveServices services =
        new LiveServices(registry, ingest, options, rtmp, new LiveEndpoints(publicHost, rtmp.port(), 0, origin));
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
      LOG.warn("stream {}: publish from {} ended: {} [{}]", id, session.peer(), e.getMessage(), e.code());
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

  /** The RTMP server's port. */
  public int rtmpPort() {
    return rtmp.port();
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
    rtmp.disconnect(streamId);
    ingest.endWhenDisconnected(streamId);
    return existed;
  }

  /** Rotates a stream's key and disconnects its current publisher. */
  public Optional<StreamRegistry.Keyed> rotateKey(String streamId) {
    Optional<StreamRegistry.Keyed> rotated = registry.rotateKey(streamId);
    rotated.ifPresent(k -> rtmp.disconnect(streamId));
    return rotated;
  }

  @Override
  public void close() {
    rtmp.close();
    synchronized (this) {
      pulls.values().forEach(PullLoop::close);
      pulls.clear();
    }
    ingest.close();
  }
}
