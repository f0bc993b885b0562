package dev.abr.core.message;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One realistic instance of every Kafka message, all about the same job: the 1080p29.97 sample
 * packaged with the default ladder into 4 s segments (chunk 3 covers NTSC frames 360 to 479).
 * Goldens, schema tests and other modules' tests (through core's test-jar) share them.
 */
public final class ExampleMessages {
  /** The job id of every example. */
  public static final String JOB_ID = "job-20250301-7f3a";

  /** The stream id of every example. */
  public static final String STREAM_ID = "sample-1080p30";

  /** Wall-clock time of the examples: 2025-03-01T12:00:00Z plus {@code seconds}. */
  public static Instant at(long seconds) {
    return Instant.parse("2025-03-01T12:00:00Z").plusSeconds(seconds);
  }

  private ExampleMessages() {}

  /** The sample job handed to ingest, with the default ladder resolved. */
  public static JobSubmitted jobSubmitted() {
    return new JobSubmitted(
        JOB_ID,
        STREAM_ID,
        "samples/sample-1080p30.mp4",
        LadderDocuments.builtIn(LadderDocuments.DEFAULT),
        Rational.of(4),
        STREAM_ID,
        at(0));
  }

  /** The default ladder resolved for a 1920x1080 29.97 fps source. */
  public static VideoPlan videoPlan() {
    return new VideoPlan(
        Rational.of(30_000, 1001),
        90_000,
        60,
        /* deinterlace= */ false,
        /* rotationDegrees= */ 0,
        List.of(
            rendition("1080p", 1920, 1080, 5_000_000, "high", "4.0"),
            rendition("720p", 1280, 720, 3_000_000, "high", "3.1"),
            rendition("480p", 854, 480, 1_200_000, "main", "3.1"),
            rendition("360p", 640, 360, 700_000, "main", "3.0")));
  }

  private static VideoRendition rendition(
      String name, int width, int height, long bitrate, String profile, String level) {
    return new VideoRendition(
        name,
        "h264",
        width,
        height,
        bitrate,
        bitrate * 107 / 100,
        bitrate * 3 / 2,
        profile,
        level,
        "veryfast");
  }

  /**
   * Chunk 3: NTSC frames [360, 480), i.e. source times [1081080, 1441440) at 90 kHz, as two
   * segments of 60 frames (segments 6 and 7).
   */
  public static TranscodeRequested transcodeRequested() {
    return new TranscodeRequested(
        JOB_ID,
        STREAM_ID,
        3,
        StorageLayout.sourceChunk(STREAM_ID, 3),
        2_874_113,
        MediaTime.of(1_081_080, 90_000),
        MediaTime.of(1_081_080, 90_000),
        MediaTime.of(1_441_440, 90_000),
        360,
        480,
        List.of(new SegmentRange(6, 360, 420), new SegmentRange(7, 420, 480)),
        videoPlan(),
        at(9));
  }

  /** Chunk 3 given up after three attempts. */
  public static TranscodeDeadLettered transcodeDeadLettered() {
    return new TranscodeDeadLettered(
        transcodeRequested(),
        ErrorCode.ENCODE_FAILED,
        "chunk 3 of stream sample-1080p30, rendition 480p: libx264 returned -22 (Invalid argument)",
        3,
        at(75));
  }

  /** The stream starts: four video renditions and English AAC audio. */
  public static StreamStarted streamStarted() {
    Rational ntsc = Rational.of(30_000, 1001);
    return new StreamStarted(
        JOB_ID,
        STREAM_ID,
        "vod",
        STREAM_ID,
        List.of(
            video("1080p", 5_000_000, 1920, 1080, ntsc),
            video("720p", 3_000_000, 1280, 720, ntsc),
            video("480p", 1_200_000, 854, 480, ntsc),
            video("360p", 700_000, 640, 360, ntsc),
            new RenditionInfo(
                "audio",
                TrackKind.AUDIO,
                48_000,
                128_000,
                0,
                0,
                Optional.empty(),
                48_000,
                2,
                Optional.of("en"))),
        Rational.of(4),
        at(2));
  }

  private static RenditionInfo video(
      String name, long bitrate, int width, int height, Rational frameRate) {
    return new RenditionInfo(
        name,
        TrackKind.VIDEO,
        90_000,
        bitrate,
        width,
        height,
        Optional.of(frameRate),
        0,
        0,
        Optional.empty());
  }

  /** The 720p fragment of segment 3: 120 frames of 3003 ticks from frame 360. */
  public static FragmentReady fragmentReady() {
    return new FragmentReady(
        JOB_ID,
        STREAM_ID,
        "720p",
        3,
        StorageLayout.renditionFragment(STREAM_ID, "720p", 3),
        StorageLayout.renditionInit(STREAM_ID, "720p"),
        MediaTime.of(1_081_080, 90_000),
        MediaTime.of(360_360, 90_000),
        1_523_400,
        "avc1.64001f",
        at(41));
  }

  /** A live stream starts: two renditions, a window of 6 segments, 3 s at most, DVR of 1800. */
  public static StreamStarted liveStreamStarted() {
    Rational rate = Rational.of(30);
    return new StreamStarted(
        "studio_20261127-061830",
        "studio_20261127-061830",
        "live",
        "live/studio/20261127-061830",
        List.of(video("360p", 700_000, 640, 360, rate), video("240p", 300_000, 426, 240, rate)),
        Rational.of(2),
        at(2),
        Optional.of(new LiveWindow(Rational.of(3), 6, Optional.of(1800))));
  }

  /** Live segment 12 of 360p, the first after the publisher came back. */
  public static FragmentReady liveFragmentReady() {
    String stream = "studio_20261127-061830";
    return new FragmentReady(
        stream,
        stream,
        "360p",
        12,
        StorageLayout.renditionFragment(stream, "360p", 12),
        StorageLayout.renditionInit(stream, "360p"),
        MediaTime.of(2_160_000, 90_000),
        MediaTime.of(180_000, 90_000),
        104_857,
        "avc1.4d401e",
        at(43),
        Optional.of(at(40)),
        true,
        Optional.of(at(41)));
  }

  /** Segment 7 lost for every video rendition. */
  public static FragmentFailed fragmentFailed() {
    return new FragmentFailed(
        JOB_ID,
        STREAM_ID,
        "*",
        7,
        ErrorCode.DECODE_FAILED,
        "chunk 7 of stream sample-1080p30: the decoder rejected packet 42 (is the source corrupt?)",
        at(80));
  }

  /** The source ended after 15 segments (0 to 14). */
  public static StreamEnded streamEnded() {
    return new StreamEnded(JOB_ID, STREAM_ID, 15, at(30));
  }

  /** Ingest gave up: the source codec is not supported. */
  public static StreamFailed streamFailed() {
    return new StreamFailed(
        JOB_ID,
        STREAM_ID,
        ErrorCode.INPUT_UNSUPPORTED_CODEC,
        "samples/sample-1080p30.mp4: video codec prores is not supported"
            + " (use H.264, HEVC, VP9 or AV1 sources)",
        at(1));
  }

  /** The job was accepted. */
  public static JobEvent jobSubmittedEvent() {
    return JobEvent.of(JOB_ID, STREAM_ID, JobEventType.SUBMITTED, at(0));
  }

  /** The source was probed. */
  public static JobEvent probedEvent() {
    return JobEvent.of(JOB_ID, STREAM_ID, JobEventType.PROBED, at(1))
        .withDetail("mov,mp4: h264 1920x1080 30000/1001 fps, aac 48000 Hz stereo, 60.06 s");
  }

  /** Chunk 3 of 15 was cut. */
  public static JobEvent chunkCutEvent() {
    return JobEvent.of(JOB_ID, STREAM_ID, JobEventType.CHUNK_CUT, at(9))
        .withSequence(3)
        .withTotal(15);
  }

  /** The 720p fragment of chunk 3 was transcoded. */
  public static JobEvent fragmentTranscodedEvent() {
    return JobEvent.of(JOB_ID, STREAM_ID, JobEventType.FRAGMENT_TRANSCODED, at(41))
        .withSequence(3)
        .withRendition("720p");
  }

  /** The job finished with HLS and DASH manifests. */
  public static JobEvent completedEvent() {
    return JobEvent.of(JOB_ID, STREAM_ID, JobEventType.COMPLETED, at(95))
        .withOutputs(
            new JobOutputs(
                STREAM_ID + "/" + StorageLayout.HLS_MULTIVARIANT,
                STREAM_ID + "/" + StorageLayout.DASH_MPD));
  }

  /** The job failed. */
  public static JobEvent failedEvent() {
    return JobEvent.of(JOB_ID, STREAM_ID, JobEventType.FAILED, at(1))
        .withError(
            new JobError(
                ErrorCode.INPUT_UNSUPPORTED_CODEC,
                "samples/sample-1080p30.mp4: video codec prores is not supported"
                    + " (use H.264, HEVC, VP9 or AV1 sources)"));
  }
}
