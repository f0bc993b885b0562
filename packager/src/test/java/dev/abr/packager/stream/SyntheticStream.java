package dev.abr.packager.stream;

import dev.abr.cmaf.AudioFormat;
import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.FragmentWriter;
import dev.abr.cmaf.InitSegmentWriter;
import dev.abr.cmaf.Sample;
import dev.abr.cmaf.VideoFormat;
import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.LiveWindow;
import dev.abr.core.message.PackageEvent;
import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.StreamEnded;
import dev.abr.core.message.StreamStarted;
import dev.abr.core.message.TrackKind;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What the transcoders and ingest would hand the packager for one stream, made up: a 320x240 H.264
 * rendition at 90 kHz (real libx264 parameter sets, synthetic pictures) and AAC stereo at 48 kHz
 * cut at the frame nearest each video cut, in 2 s segments. {@link #writeFragments} puts the CMAF
 * headers and fragments in a work store; the events name them. Deterministic: the same segment
 * always has the same bytes.
 */
final class SyntheticStream {
  static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
  static final int VIDEO_TIMESCALE = 90_000;
  static final int AUDIO_TIMESCALE = 48_000;
  static final long SEGMENT_TICKS = 2L * VIDEO_TIMESCALE;
  private static final int AAC_FRAME = 1024;

  // 320x240 Constrained Baseline@1.3 from libx264 (the cmaf module's RealH264).
  private static final String SPS = "6742c00dd90141fb011000000300100000030320f142a480";
  private static final String PPS = "68cb83cb20";

  static final RenditionInfo VIDEO =
      new RenditionInfo(
          "240p",
          TrackKind.VIDEO,
          VIDEO_TIMESCALE,
          400_000,
          320,
          240,
          Optional.of(Rational.of(25)),
          0,
          0,
          Optional.empty());
  static final RenditionInfo AUDIO =
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
          Optional.empty());

  private final String jobId;
  private final String streamId;
  private final boolean live;
  private final CmafTrack videoTrack;
  private final CmafTrack audioTrack;

  private SyntheticStream(String jobId, String streamId, boolean live) {
    this.jobId = jobId;
    this.streamId = streamId;
    this.live = live;
    HexFormat hex = HexFormat.of();
    this.videoTrack =
        CmafTrack.video(
            VIDEO_TIMESCALE,
            VideoFormat.of(
                AvcDecoderConfigurationRecord.fromExtradata(
                    ByteBuffer.wrap(hex.parseHex("00000001" + SPS + "00000001" + PPS)))));
    this.audioTrack =
        CmafTrack.audio(
            AudioFormat.of(AudioSpecificConfig.parse(ByteBuffer.wrap(hex.parseHex("1190")))));
  }

  /** A VOD stream whose package goes under {@code jobId/}. */
  static SyntheticStream vod(String jobId) {
    return new SyntheticStream(jobId, "s-" + jobId, false);
  }

  /** A live stream with a window of 3 segments, dated from {@link #START}. */
  static SyntheticStream live(String jobId) {
    return new SyntheticStream(jobId, "s-" + jobId, true);
  }

  String jobId() {
    return jobId;
  }

  String streamId() {
    return streamId;
  }

  StreamStarted started() {
    return new StreamStarted(
        jobId,
        streamId,
        live ? "live" : "vod",
        jobId,
        List.of(VIDEO, AUDIO),
        Rational.of(2),
        START,
        live ? Optional.of(new LiveWindow(Rational.of(2), 3, Optional.empty())) : Optional.empty());
  }

  StreamEnded ended(long segmentCount) {
    return new StreamEnded(jobId, streamId, segmentCount, START);
  }

  /** The wall-clock end of segment {@code sequence}: when a live packager would publish it. */
  static Instant endOf(long sequence) {
    return START.plusSeconds(2 * (sequence + 1));
  }

  /** Writes both renditions' headers and the fragments of segments {@code 0..count-1}. */
  void writeFragments(ObjectStore work, long count) {
    try {
      work.putAtomically(
          StorageLayout.renditionInit(streamId, VIDEO.name()), InitSegmentWriter.write(videoTrack));
      work.putAtomically(
          StorageLayout.renditionInit(streamId, AUDIO.name()), InitSegmentWriter.write(audioTrack));
      for (long sequence = 0; sequence < count; sequence++) {
        work.putAtomically(fragmentKey(VIDEO, sequence), videoFragment(sequence));
        work.putAtomically(fragmentKey(AUDIO, sequence), audioFragment(sequence));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The two {@link FragmentReady}s of segment {@code sequence}, video first. */
  List<FragmentReady> ready(long sequence) {
    long videoStart = sequence * SEGMENT_TICKS;
    long audioStart = audioTicksAt(videoStart);
    long audioEnd = audioTicksAt(videoStart + SEGMENT_TICKS);
    Optional<Instant> date = live ? Optional.of(START.plusSeconds(2 * sequence)) : Optional.empty();
    return List.of(
        ready(
            VIDEO,
            sequence,
            MediaTime.of(videoStart, VIDEO_TIMESCALE),
            MediaTime.of(SEGMENT_TICKS, VIDEO_TIMESCALE),
            videoFragment(sequence).length,
            "avc1.42c00d",
            date),
        ready(
            AUDIO,
            sequence,
            MediaTime.of(audioStart, AUDIO_TIMESCALE),
            MediaTime.of(audioEnd - audioStart, AUDIO_TIMESCALE),
            audioFragment(sequence).length,
            "mp4a.40.2",
            date));
  }

  /**
   * Every event of a stream of {@code count} segments in an order a busy pipeline could produce:
   * the start, fragments shuffled within a few segments of each other (transcoders run in
   * parallel), some delivered twice, and the end somewhere after the first fragments.
   */
  List<PackageEvent> events(long count, long seed) {
    Random random = new Random(seed);
    List<PackageEvent> fragments = new ArrayList<>();
    for (long sequence = 0; sequence < count; sequence++) {
      fragments.addAll(ready(sequence));
    }
    // Local shuffle: swap each event with one at most 5 places later.
    for (int i = 0; i < fragments.size(); i++) {
      int j = Math.min(fragments.size() - 1, i + random.nextInt(6));
      PackageEvent swap = fragments.get(i);
      fragments.set(i, fragments.get(j));
      fragments.set(j, swap);
    }
    List<PackageEvent> events = new ArrayList<>();
    events.add(started());
    for (int i = 0; i < fragments.size(); i++) {
      events.add(fragments.get(i));
      if (random.nextInt(5) == 0) {
        events.add(fragments.get(random.nextInt(i + 1))); // a redelivered chunk
      }
      if (i == Math.min(fragments.size() - 1, 3)) {
        events.add(ended(count));
      }
    }
    return events;
  }

  private FragmentReady ready(
      RenditionInfo rendition,
      long sequence,
      MediaTime start,
      MediaTime duration,
      long sizeBytes,
      String codecs,
      Optional<Instant> date) {
    return new FragmentReady(
        jobId,
        streamId,
        rendition.name(),
        sequence,
        fragmentKey(rendition, sequence),
        StorageLayout.renditionInit(streamId, rendition.name()),
        start,
        duration,
        sizeBytes,
        codecs,
        START,
        date,
        false,
        Optional.empty());
  }

  private String fragmentKey(RenditionInfo rendition, long sequence) {
    return StorageLayout.renditionFragment(streamId, rendition.name(), sequence);
  }

  /** Two pictures of 1 s: an IDR and a P picture, with bytes that depend on the segment. */
  private byte[] videoFragment(long sequence) {
    List<Sample> samples =
        List.of(
            new Sample(picture(0x65, sequence, 40), VIDEO_TIMESCALE, 0, /* keyFrame= */ true),
            new Sample(picture(0x41, sequence, 12), VIDEO_TIMESCALE, 0, /* keyFrame= */ false));
    return FragmentWriter.writeFragment(
        videoTrack, sequence + 1, sequence * SEGMENT_TICKS, samples);
  }

  private byte[] audioFragment(long sequence) {
    long start = audioTicksAt(sequence * SEGMENT_TICKS);
    long end = audioTicksAt((sequence + 1) * SEGMENT_TICKS);
    List<Sample> samples = new ArrayList<>();
    for (long ticks = start; ticks < end; ticks += AAC_FRAME) {
      byte[] frame = {0x21, (byte) sequence, (byte) (ticks / AAC_FRAME), 0x10};
      samples.add(new Sample(ByteBuffer.wrap(frame), AAC_FRAME, 0, /* keyFrame= */ true));
    }
    return FragmentWriter.writeFragment(audioTrack, sequence + 1, start, samples);
  }

  /** A length-prefixed NAL unit of type {@code header} with {@code size} filler bytes. */
  private static ByteBuffer picture(int header, long sequence, int size) {
    ByteBuffer nal = ByteBuffer.allocate(4 + 1 + size);
    nal.putInt(1 + size).put((byte) header);
    for (int i = 0; i < size; i++) {
      nal.put((byte) (0x10 + (sequence * 31 + i * 7) % 0xE0));
    }
    return nal.flip();
  }

  /** The AAC frame boundary nearest to a video time, in 48 kHz ticks. */
  private static long audioTicksAt(long videoTicks) {
    long denominator = (long) VIDEO_TIMESCALE * AAC_FRAME;
    long frames = Math.floorDiv(2 * videoTicks * AUDIO_TIMESCALE + denominator, 2 * denominator);
    return frames * AAC_FRAME;
  }
}
