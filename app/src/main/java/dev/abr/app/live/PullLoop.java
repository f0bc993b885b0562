package dev.abr.app.live;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.ingest.live.LiveIngest;
import dev.abr.ingest.live.LiveStreamConfig;
import dev.abr.ingest.live.StreamRegistry;
import dev.abr.media.LiveOptions;
import dev.abr.media.MediaSource;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a pulled source (UDP or RTP MPEG-TS, RTSP, SRT caller) for as long as its stream exists:
 * opens it, runs the connection through {@link LiveIngest}, and when the source stalls, goes away
 * or cannot be reached, opens it again after a back-off (1 s doubling to 5 s). An outage is logged
 * once, when it starts, and once when the source is back. Runs on a platform thread of its own.
 */
final class PullLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PullLoop.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final String streamId;
  private final StreamRegistry registry;
  private final LiveIngest ingest;
  private final LiveOptions options;
  private final Thread thread;
  private final Object lock = new Object();
  private volatile boolean stopped;
  private volatile Optional<MediaSource> current = Optional.empty();

  private PullLoop(
      String streamId, StreamRegistry registry, LiveIngest ingest, LiveOptions options) {
    this.streamId = streamId;
    this.registry = registry;
    this.ingest = ingest;
    this.options = options;
    // A platform thread: reading blocks in FFmpeg (native), which would pin a virtual thread's
    // carrier.
    this.thread = Thread.ofPlatform().daemon().name("live-pull-" + streamId).unstarted(this::loop);
  }

  /** Starts pulling {@code streamId}'s source. */
  static PullLoop start(
      String streamId, StreamRegistry registry, LiveIngest ingest, LiveOptions options) {
    PullLoop loop = new PullLoop(streamId, registry, ingest, options);
    loop.thread.start();
    return loop;
  }

  private void loop() {
    Duration backoff = FIRST_BACKOFF;
    boolean down = false;
    while (!stopped) {
      Optional<LiveStreamConfig> config = registry.find(streamId);
      if (config.isEmpty() || config.get().pull().isEmpty()) {
        return;
      }
      LiveStreamConfig stream = config.get();
      LiveStreamConfig.PullSource pull = stream.pull().get();
      LiveOptions opened =
          options.withRtsp(
              pull.rtspTransport().equals("udp")
                  ? LiveOptions.RtspTransport.UDP
                  : LiveOptions.RtspTransport.TCP,
              options.rtpPorts());
      try (MediaSource source = MediaSource.openNetwork(pull.url(), opened)) {
        current = Optional.of(source);
        if (stopped) {
          return; // closed while opening: close() saw no source to interrupt
        }
        if (down) {
          LOG.info("stream {}: {} is back", streamId, pull.redacted());
          down = false;
        }
        backoff = FIRST_BACKOFF;
        ingest.connect(stream, source);
      } catch (PipelineException e) {
        if (e.code() == ErrorCode.SOURCE_UNAVAILABLE) {
          if (!down && !stopped) {
            LOG.warn(
                "stream {}: cannot read {}: {}; retrying every {} s at most",
                streamId,
                pull.redacted(),
                e.getMessage(),
                MAX_BACKOFF.toSeconds());
          }
          down = true;
        } else if (!stopped) {
          LOG.warn("stream {}: {} [{}]; retrying", streamId, e.getMessage(), e.code());
        }
      } catch (RuntimeException e) {
        LOG.error("stream {}: pulling {} failed: {}", streamId, pull.redacted(), e.toString(), e);
      } finally {
        current = Optional.empty();
      }
      waitFor(backoff);
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private void waitFor(Duration backoff) {
    synchronized (lock) {
      long deadline = System.nanoTime() + backoff.toNanos();
      long left;
      while (!stopped && (left = deadline - System.nanoTime()) > 0) {
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * Stops pulling: the connection in progress ends (what arrived is published), an open in progress
   * is abandoned.
   */
  @Override
  public void close() {
    stopped = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    // stopped and current are both volatile, written and read in opposite orders here and in
    // loop(): when this sees no source, the loop sees stopped once it has one and does not read it.
    Optional<MediaSource> reading = current;
    if (reading.isPresent()) {
      reading.get().interrupt();
    } else {
      // Opening (up to the open timeout) or between attempts: FFmpeg's open gives up at once when
      // its thread is interrupted. Nothing else blocks on this thread outside a connection.
      thread.interrupt();
    }
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
