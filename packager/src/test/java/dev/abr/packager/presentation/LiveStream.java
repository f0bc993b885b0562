package dev.abr.packager.presentation;

import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.TrackKind;
import dev.abr.core.time.Rational;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated live stream for tests: 720p and 360p video at 90 kHz and stereo AAC at 48 kHz, whose
 * segments follow the pipeline's rules (video cut on the 90 kHz grid, audio at the AAC frame
 * nearest to each video cut) and whose program date times follow media time. Mutable: each call
 * publishes the next segment into {@link #presentation()}.
 */
final class LiveStream {
  static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
  static final int VIDEO_TIMESCALE = 90_000;
  static final int AUDIO_TIMESCALE = 48_000;
  static final int AAC_FRAME = 1024;

  /** What {@link LiveManifests} is told: 2 s segments, a 6-segment window, a time endpoint. */
  static final LiveSettings SETTINGS =
      LiveSettings.of(Rational.of(2), "https://origin.example/time");

  static final List<LiveRendition> RENDITIONS =
      List.of(
          new LiveRendition(video("720p", 1280, 720, 3_000_000), "avc1.64001f"),
          new LiveRendition(video("360p", 640, 360, 700_000), "avc1.4d401e"),
          new LiveRendition(
              new RenditionInfo(
                  "audio",
                  TrackKind.AUDIO,
                  AUDIO_TIMESCALE,
                  128_000,
                  0,
                  0,
                  Optional.empty(),
                  AUDIO_TIMESCALE,
                  2,
                  Optional.of("en")),
              "mp4a.40.2"));

  private final LiveSettings settings;
  private LivePresentation presentation = LivePresentation.start(RENDITIONS);
  private long sequence;

  /** Video start of the current period's first segment, and of the next segment (90 kHz). */
  private long periodVideoStart;

  private long nextVideoStart;
  private Instant periodDate = START;

  LiveStream(LiveSettings settings) {
    this.settings = settings;
  }

  LivePresentation presentation() {
    return presentation;
  }

  /**
   * The wall-clock end of the last published segment over every rendition (audio may end up to half
   * an AAC frame after video): when it was published.
   */
  Instant liveEdge() {
    return presentation.periodEnd(presentation.segments().getLast().period());
  }

  /** Publishes the next segment, {@code videoTicks} long, and slides the window. */
  LiveStream publish(long videoTicks) {
    return publish(videoTicks, false);
  }

  /** Publishes {@code count} segments of 2 s. */
  LiveStream publishTwoSecondSegments(int count) {
    for (int i = 0; i < count; i++) {
      publish(2L * VIDEO_TIMESCALE);
    }
    return this;
  }

  /**
   * The publisher drops and comes back {@code awayMillis} later with timestamps starting at {@code
   * newVideoStart}; the next segment opens a period.
   */
  LiveStream reconnect(long awayMillis, long newVideoStart, long videoTicks) {
    periodDate = liveEdge().plusMillis(awayMillis);
    periodVideoStart = newVideoStart;
    nextVideoStart = newVideoStart;
    return publish(videoTicks, true);
  }

  private LiveStream publish(long videoTicks, boolean discontinuity) {
    long start = nextVideoStart;
    long end = start + videoTicks;
    long audioStart = audioTicksAt(start);
    long audioEnd = audioTicksAt(end);
    Map<String, PublishedSegment> parts = new LinkedHashMap<>();
    parts.put("720p", new PublishedSegment(sequence, start, videoTicks, size(900_000, videoTicks)));
    parts.put("360p", new PublishedSegment(sequence, start, videoTicks, size(200_000, videoTicks)));
    parts.put(
        "audio",
        new PublishedSegment(
            sequence, audioStart, audioEnd - audioStart, 16_000 + sequence % 3 * 11));
    Instant date = dateOf(start);
    presentation = presentation.append(parts, date, discontinuity);
    nextVideoStart = end;
    presentation = presentation.retainWindow(settings, liveEdge());
    sequence++;
    return this;
  }

  /** Bytes of a video segment: about {@code bytesPerSecond}, varying a little with its number. */
  private long size(long bytesPerSecond, long videoTicks) {
    return bytesPerSecond * videoTicks / VIDEO_TIMESCALE + sequence % 7 * 1_000;
  }

  private Instant dateOf(long videoTicks) {
    return periodDate.plusMillis(
        Math.floorDiv((videoTicks - periodVideoStart) * 1_000, VIDEO_TIMESCALE));
  }

  /** The AAC frame boundary nearest to a video time, in 48 kHz ticks. */
  static long audioTicksAt(long videoTicks) {
    long denominator = (long) VIDEO_TIMESCALE * AAC_FRAME;
    long frames = Math.floorDiv(2 * videoTicks * AUDIO_TIMESCALE + denominator, 2 * denominator);
    return frames * AAC_FRAME;
  }

  private static RenditionInfo video(String name, int width, int height, long bitrate) {
    return new RenditionInfo(
        name,
        TrackKind.VIDEO,
        VIDEO_TIMESCALE,
        bitrate,
        width,
        height,
        Optional.of(Rational.of(30)),
        0,
        0,
        Optional.empty());
  }
}
