package dev.abr.ingest.stream;

import dev.abr.cmaf.CmafTrack;
import dev.abr.core.message.LiveWindow;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.time.Rational;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a stream has produced so far, across its connections: the plans (fixed when the stream
 * started), the next chunk and segment numbers, and where the video grid and the audio frames
 * ended. A live publisher that comes back continues from here. Used by one thread at a time.
 */
public final class StreamState {
  final String jobId;
  final String streamId;
  final @Nullable VideoPlan videoPlan;
  final @Nullable AudioPlan audioPlan;
  final Rational segmentDuration;
  final int segmentsPerChunk;
  final Optional<LiveWindow> live;

  long nextChunk;
  long nextSegment;

  /** Grid frame after the last published video frame. */
  long videoEndFrame;

  /** Index of the next audio frame (AAC frames of 1024 samples from the stream's start). */
  long audioEndFrame;

  long audioSegments;
  @Nullable CmafTrack audioTrack;
  int connections;

  /** Live: the wall-clock time at which the media published so far ends (its last date). */
  java.time.@Nullable Instant wallClockEnd;

  /**
   * @param live for a live stream, its window settings; empty for VOD
   */
  public StreamState(
      String jobId,
      String streamId,
      @Nullable VideoPlan videoPlan,
      @Nullable AudioPlan audioPlan,
      Rational segmentDuration,
      int segmentsPerChunk,
      Optional<LiveWindow> live) {
    if (videoPlan == null && audioPlan == null) {
      throw new IllegalArgumentException(
          "stream " + streamId + " has neither video nor audio to make");
    }
    this.jobId = jobId;
    this.streamId = streamId;
    this.videoPlan = videoPlan;
    this.audioPlan = audioPlan;
    this.segmentDuration = segmentDuration;
    this.segmentsPerChunk = segmentsPerChunk;
    this.live = live;
  }

  public String jobId() {
    return jobId;
  }

  public String streamId() {
    return streamId;
  }

  public Optional<VideoPlan> videoPlan() {
    return Optional.ofNullable(videoPlan);
  }

  public Optional<AudioPlan> audioPlan() {
    return Optional.ofNullable(audioPlan);
  }

  /** For a live stream, how its manifests slide. */
  public Optional<LiveWindow> liveWindow() {
    return live;
  }

  public boolean isLive() {
    return live.isPresent();
  }

  /** Segments published so far (video segments, or audio segments for audio-only streams). */
  public long segments() {
    return videoPlan != null ? nextSegment : audioSegments;
  }

  /** Audio segments published so far. */
  public long audioSegments() {
    return audioSegments;
  }

  /** Connections run so far. */
  public int connections() {
    return connections;
  }
}
