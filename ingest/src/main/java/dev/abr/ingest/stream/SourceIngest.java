package dev.abr.ingest.stream;

import dev.abr.cmaf.AudioFormat;
import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.FragmentWriter;
import dev.abr.cmaf.InitSegmentWriter;
import dev.abr.cmaf.Sample;
import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.SegmentRange;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TrackKind;
import dev.abr.core.message.TranscodeRequested;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.FrameGrid;
import dev.abr.core.time.MediaTime;
import dev.abr.core.time.Rational;
import dev.abr.core.time.Ticks;
import dev.abr.core.time.Timescales;
import dev.abr.ingest.audio.AudioSegment;
import dev.abr.ingest.audio.AudioSegmenter;
import dev.abr.ingest.chunk.Chunk;
import dev.abr.ingest.chunk.KeyframeChunker;
import dev.abr.ingest.chunk.PacketTiming;
import dev.abr.media.ChunkWriter;
import dev.abr.media.ContinuousAudioEncoder;
import dev.abr.media.EncodedAudioFrame;
import dev.abr.media.MediaSource;
import dev.abr.media.SourcePacket;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of a stream (the whole file for VOD): reads the source's packets, cuts the video
 * at key frames into stream-copied chunks (one {@link TranscodeRequested} each, with its segments),
 * and encodes the audio once, continuously, into CMAF fragments aligned with the video segments
 * (one audio {@link FragmentReady} each). A later connection of a live stream continues the
 * stream's numbering, video grid and audio frames from {@link StreamState}; its first segment is
 * marked as a discontinuity and dated from the connection's wall clock.
 *
 * <p>Not thread-safe; one connection runs on one thread. Closes nothing it did not open except the
 * packets it read.
 */
public final class SourceIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SourceIngest.class);
  private final StreamState state;
  private final MediaSource source;
  private final IngestContext context;
  private final IngestEvents events;
  private final boolean discontinuity;
  private final @Nullable VideoPlan videoPlan;
  private final @Nullable AudioPlan audioPlan;
  private @Nullable KeyframeChunker<SourcePacket> chunker;
  private @Nullable ContinuousAudioEncoder audioEncoder;
  private @Nullable AudioSegmenter audioSegmenter;

  /**
   * Decodes and encodes the audio and publishes its fragments beside the reading thread; every use
   * of {@link #audioEncoder} and {@link #audioSegmenter} goes through it until {@link #finish()}
   * drains it.
   */
  private final AudioLane audioLane;

  private final List<SourcePacket> audioBeforeZero = new ArrayList<>();
  private long zeroTicks;
  private boolean zeroKnown;

  /** Stream time (90 kHz) of this connection's zero: where the previous connection ended. */
  private final long offsetTicks;

  /** First grid frame and audio frame of this connection. */
  private final long firstVideoFrame;

  private final long firstAudioFrame;
  private final long firstSegment;
  private long segmentFrames;
  private long audioFramesPerSegment;
  private long nextAudioBoundary;
  private long declaredAudioBoundary;
  private @Nullable Instant wallClockAnchor;

  /** Set while the chunker emits the connection's last chunk: no boundary after it. */
  private boolean finishing;

  /** End of the last audio packet, absolute source time (90 kHz). */
  private long audioEndTicks = Long.MIN_VALUE;

  /** A packet read but left for the next part of the stream (at a timestamp discontinuity). */
  private @Nullable SourcePacket first;

  private @Nullable SourcePacket carry;

  /**
   * After a discontinuity in one track, the other track's packets from before its own jump (still
   * interleaved for a moment) belong to the previous part: they are dropped until that track's
   * jump, at most {@link #MAX_STALE_PACKETS} of them.
   */
  private @Nullable TrackKind awaitingJump;

  private int stalePackets;
  private static final int MAX_STALE_PACKETS = 200;

  /** When the latest video packet arrived, and the one before it (live latency). */
  private @Nullable Instant lastVideoArrival;

  private @Nullable Instant previousVideoArrival;

  /**
   * Prepares a connection of the stream described by {@code state}.
   *
   * @param discontinuity true for a live publisher's later connection: its first segment starts a
   *     new period
   */
  public SourceIngest(
      StreamState state, MediaSource source, IngestContext context, boolean discontinuity) {
    this(state, source, context, discontinuity, Optional.empty());
  }

  /**
   * Prepares a part of a connection that starts with {@code first}, a packet an earlier part read
   * and left at a timestamp discontinuity (see {@link Ended#carry()}).
   */
  public SourceIngest(
      StreamState state,
      MediaSource source,
      IngestContext context,
      boolean discontinuity,
      Optional<SourcePacket> first) {
    this.first = first.orElse(null);
    if (this.first != null) {
      this.awaitingJump = this.first.kind() == TrackKind.VIDEO ? TrackKind.AUDIO : TrackKind.VIDEO;
    }
    this.state = state;
    this.source = source;
    this.audioLane = new AudioLane(source.name());
    this.context = context;
    this.events = context.events();
    this.discontinuity = discontinuity;
    this.videoPlan = state.videoPlan;
    this.audioPlan = state.audioPlan;
    this.firstVideoFrame = state.videoEndFrame;
    this.firstAudioFrame = state.audioEndFrame;
    this.firstSegment = state.nextSegment;
    this.declaredAudioBoundary = state.nextSegment;
    this.offsetTicks =
        videoPlan != null
            ? videoPlan
                .grid()
                .timeOf(firstVideoFrame)
                .ticksAt(Timescales.SOURCE, RoundingMode.HALF_UP)
            : Ticks.rescale(
                firstAudioFrame * ContinuousAudioEncoder.FRAME_SAMPLES,
                audioPlan.sampleRate(),
                Timescales.SOURCE,
                RoundingMode.HALF_UP);
  }

  /**
   * The result of a connection, or of its part up to a timestamp discontinuity.
   *
   * @param mediaEndTicks where its media ended, relative to its own zero (90 kHz)
   * @param carry for a live stream whose timestamps jumped (an encoder restart): the first packet
   *     after the jump, which the next part (a new {@code SourceIngest} with a discontinuity)
   *     starts with; empty at the source's end
   */
  public record Ended(long mediaEndTicks, Optional<SourcePacket> carry) {}

  /**
   * Reads the source to its end and publishes everything it makes; updates {@link StreamState}.
   *
   * @throws PipelineException naming the source and the reason
   */
  public Ended run() {
    state.connections++;
    try {
      start();
      Optional<SourcePacket> next;
      while ((next = nextPacket()).isPresent()) {
        SourcePacket packet = next.get();
        if (awaitingJump != null && packet.kind() == awaitingJump) {
          if (!packet.discontinuity() && stalePackets++ < MAX_STALE_PACKETS) {
            packet.close(); // from before this track's jump
            continue;
          }
          awaitingJump = null;
        } else if (zeroKnown && state.isLive() && packet.discontinuity()) {
          carry = packet; // the rest is a new part of the stream
          break;
        }
        if (!zeroKnown && !findZero(packet)) {
          continue;
        }
        accept(packet);
      }
      Ended ended = finish();
      SourcePacket left = carry;
      carry = null;
      return new Ended(ended.mediaEndTicks(), Optional.ofNullable(left));
    } finally {
      if (first != null) {
        first.close();
      }
      if (carry != null) {
        carry.close();
      }
      if (chunker != null) {
        chunker.discard();
      }
      audioLane.close();
      audioBeforeZero.forEach(SourcePacket::close);
      if (audioEncoder != null) {
        audioEncoder.close();
      }
    }
  }

  /**
   * The next packet: the one left by an earlier part first. A live source that goes silent or away
   * ends the connection like an end of stream: what arrived is published.
   */
  private Optional<SourcePacket> nextPacket() {
    if (first != null) {
      SourcePacket packet = first;
      first = null;
      return Optional.of(packet);
    }
    try {
      return source.next();
    } catch (PipelineException e) {
      if (state.isLive() && e.code() == ErrorCode.SOURCE_UNAVAILABLE) {
        LOG.info("{}: {}", source.name(), e.getMessage());
        return Optional.empty();
      }
      throw e;
    }
  }

  private void start() {
    Rational segmentDuration = state.segmentDuration;
    if (videoPlan != null) {
      // A chunk groups segmentsPerChunk segments (VOD: fewer encoder starts); segments inside a
      // chunk are cut on the output grid.
      long target =
          segmentDuration
              .times(Rational.of(state.segmentsPerChunk))
              .ticksPer(Timescales.SOURCE, RoundingMode.HALF_UP);
      segmentFrames =
          Math.max(
              1,
              segmentDuration
                  .times(videoPlan.frameRate())
                  .toDecimal(0, RoundingMode.HALF_UP)
                  .longValueExact());
      long frame =
          videoPlan.frameRate().reciprocal().ticksPer(Timescales.SOURCE, RoundingMode.HALF_UP);
      chunker =
          new KeyframeChunker<>(
              new RelativeTiming(),
              target,
              target * context.settings().capFactor(),
              (long) context.settings().maxPreRollSeconds() * Timescales.SOURCE,
              frame,
              this::publishChunk,
              SourcePacket::close);
    }
    if (audioPlan != null) {
      audioSegmenter = new AudioSegmenter(firstSegment, firstAudioFrame, this::publishAudioSegment);
      audioFramesPerSegment =
          Math.max(
              1,
              segmentDuration.ticksPer(audioPlan.sampleRate(), RoundingMode.HALF_UP)
                  / ContinuousAudioEncoder.FRAME_SAMPLES);
      nextAudioBoundary = firstAudioFrame + audioFramesPerSegment;
    }
  }

  /** Returns true once the connection's zero is known and {@code packet} should be processed. */
  private boolean findZero(SourcePacket packet) {
    if (packet.kind() == TrackKind.AUDIO) {
      if (videoPlan == null) {
        startAt(packet.ptsTicks());
        return true;
      }
      if (audioPlan == null) {
        packet.close();
      } else {
        audioBeforeZero.add(packet);
        if (packet.ptsTicks() - audioBeforeZero.get(0).ptsTicks() > 30L * Timescales.SOURCE) {
          throw new PipelineException(
              ErrorCode.INPUT_UNREADABLE,
              source.name() + ": no video key frame in the first 30 s of audio");
        }
      }
      return false;
    }
    if (!packet.keyFrame()) {
      packet.close(); // undecodable before the first key frame
      return false;
    }
    startAt(packet.ptsTicks());
    List<SourcePacket> early = new ArrayList<>(audioBeforeZero);
    audioBeforeZero.clear();
    for (SourcePacket audio : early) {
      accept(audio);
    }
    return true;
  }

  private void startAt(long ticks) {
    zeroTicks = ticks;
    zeroKnown = true;
    // Dates never go back: a publisher that comes back sooner than its media had lasted (it sent
    // faster than real time, or its first key frame arrived late) continues where the dates ended.
    Instant now = context.clock().instant();
    wallClockAnchor =
        state.wallClockEnd != null && now.isBefore(state.wallClockEnd) ? state.wallClockEnd : now;
    if (audioPlan != null) {
      // Audio only: the first packet's time may include priming the decoder drops; the encoder
      // takes its zero from the first decoded sample instead.
      audioEncoder =
          videoPlan != null
              ? ContinuousAudioEncoder.open(source, audioPlan, zeroTicks)
              : ContinuousAudioEncoder.openAtFirstSample(source, audioPlan);
    }
  }

  private void accept(SourcePacket packet) {
    if (packet.kind() == TrackKind.VIDEO) {
      if (chunker == null) {
        packet.close();
      } else {
        if (state.isLive()) {
          previousVideoArrival = lastVideoArrival;
          lastVideoArrival = context.clock().instant();
        }
        chunker.accept(packet);
      }
      return;
    }
    if (audioEncoder == null) {
      packet.close();
      return;
    }
    audioEndTicks = Math.max(audioEndTicks, packet.ptsTicks() + packet.durationTicks());
    ContinuousAudioEncoder encoder = audioEncoder;
    audioLane.submit(
        new AudioLane.Task() {
          @Override
          public void run() {
            try (packet) {
              for (EncodedAudioFrame frame : encoder.accept(packet)) {
                acceptAudio(frame);
              }
            }
          }

          @Override
          public void discard() {
            packet.close();
          }
        });
  }

  private void acceptAudio(EncodedAudioFrame encoded) {
    EncodedAudioFrame frame =
        new EncodedAudioFrame(encoded.index() + firstAudioFrame, encoded.data());
    if (videoPlan == null) {
      // Audio only: segments of the target duration, at frame boundaries.
      while (frame.index() >= nextAudioBoundary) {
        audioSegmenter.startSegment(++declaredAudioBoundary, nextAudioBoundary);
        nextAudioBoundary += audioFramesPerSegment;
      }
    }
    audioSegmenter.accept(frame);
  }

  private Ended finish() {
    if (!zeroKnown) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          source.name() + ": no decodable video key frame or audio packet was found");
    }
    long endTicks = Long.MIN_VALUE;
    if (chunker != null) {
      // The last chunk goes out before the audio is finished: a source shorter than a chunk is
      // transcoded while its audio is still being encoded.
      finishing = true;
      chunker.finish();
      endTicks = chunker.endTicks();
      if (state.videoEndFrame == firstVideoFrame) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE, source.name() + ": the video has no complete frame");
      }
    }
    // From here on the audio work runs on this thread, after everything queued before.
    audioLane.drain();
    long audioZero = audioEncoder == null ? zeroTicks : audioEncoder.zeroTicks().orElse(zeroTicks);
    long audioEnd = audioEndTicks == Long.MIN_VALUE ? Long.MIN_VALUE : audioEndTicks - audioZero;
    if (chunker == null) {
      endTicks = audioEnd;
    }
    if (audioEncoder != null) {
      long endSamples =
          videoPlan != null
              ? videoPlan
                      .grid()
                      .timeOf(state.videoEndFrame)
                      .ticksAt(audioPlan.sampleRate(), RoundingMode.HALF_UP)
                  - firstAudioFrame * ContinuousAudioEncoder.FRAME_SAMPLES
              : Ticks.rescale(
                  endTicks, Timescales.SOURCE, audioPlan.sampleRate(), RoundingMode.HALF_UP);
      for (EncodedAudioFrame frame : audioEncoder.finish(endSamples)) {
        acceptAudio(frame);
      }
      long endFrame =
          firstAudioFrame
              + (endSamples + ContinuousAudioEncoder.FRAME_SAMPLES - 1)
                  / ContinuousAudioEncoder.FRAME_SAMPLES;
      audioSegmenter.finish(endFrame);
      state.audioEndFrame = endFrame;
      if (videoPlan == null) {
        state.nextSegment = state.audioSegments;
      }
    }
    if (videoPlan != null && audioPlan != null && state.audioSegments != state.nextSegment) {
      throw new PipelineException(
          ErrorCode.SEGMENT_INVARIANT_VIOLATED,
          source.name()
              + ": "
              + state.audioSegments
              + " audio segments for "
              + state.nextSegment
              + " video segments");
    }
    return new Ended(Math.max(endTicks, audioEnd), Optional.empty());
  }

  private void publishChunk(Chunk<SourcePacket> chunk) {
    FrameGrid grid = videoPlan.grid();
    long first = grid.nearestIndex(MediaTime.of(chunk.outputStartTicks(), Timescales.SOURCE));
    long end = grid.nearestIndex(MediaTime.of(chunk.outputEndTicks(), Timescales.SOURCE));
    if (end <= first) {
      return; // shorter than half an output frame (only the very last piece): nothing to show
    }
    long sequence = state.nextChunk;
    List<SegmentRange> cut = SegmentSplitter.split(state.nextSegment, first, end, segmentFrames);
    List<SegmentRange> segments = new ArrayList<>(cut.size());
    for (SegmentRange segment : cut) {
      segments.add(
          new SegmentRange(
              segment.sequence(),
              segment.firstFrameIndex(),
              segment.endFrameIndex(),
              programDateTime(grid, segment.firstFrameIndex()),
              state.isLive() && discontinuity && segment.sequence() == firstSegment));
    }
    String key = StorageLayout.sourceChunk(state.streamId, sequence);
    long size;
    try {
      Files.createDirectories(context.tempDir());
      Path file = Files.createTempFile(context.tempDir(), "chunk-", ".mkv");
      try {
        ChunkWriter.write(file, source, chunk.packets());
        size = Files.size(file);
        context.work().putFileAtomically(key, file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          "cannot store chunk " + key + " in " + context.work().describe() + ": " + e.getMessage(),
          e);
    }
    Instant now = context.clock().instant();
    TranscodeRequested request =
        new TranscodeRequested(
            state.jobId,
            state.streamId,
            sequence,
            key,
            size,
            MediaTime.of(chunk.decodeStartTicks(), Timescales.SOURCE),
            MediaTime.of(chunk.outputStartTicks(), Timescales.SOURCE),
            MediaTime.of(chunk.outputEndTicks(), Timescales.SOURCE),
            first,
            end,
            segments,
            videoPlan,
            now,
            state.isLive() ? Optional.of(lastArrival(now)) : Optional.empty());
    context
        .producer()
        .sendAndWait(
            Topics.TRANSCODE_REQUESTED, Topics.chunkKey(state.streamId, sequence), request);
    LOG.info(
        "job {}: chunk {} stored ({} bytes, segments {} to {})",
        state.jobId,
        sequence,
        size,
        segments.get(0).sequence(),
        segments.get(segments.size() - 1).sequence());
    state.nextChunk++;
    state.videoEndFrame = end;
    programDateTime(grid, end).ifPresent(this::extendWallClockEnd);
    context.registry().counter(MetricNames.INGEST_CHUNKS).increment();
    context
        .registry()
        .counter(MetricNames.STORAGE_BYTES_WRITTEN, MetricNames.TAG_STAGE, "ingest")
        .increment(size);
    for (SegmentRange segment : segments) {
      state.nextSegment = segment.sequence() + 1;
      events.job(
          events
              .event(state.jobId, state.streamId, JobEventType.CHUNK_CUT)
              .withSequence(segment.sequence()));
    }
    if (audioSegmenter != null) {
      // Declare the audio boundary of every segment this chunk starts, and of the next one at the
      // chunk's end, so audio segment n is published as soon as its frames are encoded. The audio
      // lane does it after the audio packets read so far, as if it were done right here.
      long next = state.nextSegment;
      boolean last = finishing;
      audioLane.submit(
          () -> {
            for (SegmentRange segment : segments) {
              declareAudioBoundary(grid, segment.sequence(), segment.firstFrameIndex());
            }
            if (!last) {
              declareAudioBoundary(grid, next, end);
            }
          });
    }
  }

  /**
   * When the last packet of the chunk being published arrived: the chunker publishes a chunk when
   * the packet after it (the next key frame) arrives, or at the end of the source.
   */
  private Instant lastArrival(Instant now) {
    Instant arrival = finishing ? lastVideoArrival : previousVideoArrival;
    return arrival == null ? now : arrival;
  }

  private void declareAudioBoundary(FrameGrid grid, long segment, long frameIndex) {
    if (segment <= declaredAudioBoundary) {
      return;
    }
    long startSamples =
        grid.timeOf(frameIndex).ticksAt(audioPlan.sampleRate(), RoundingMode.HALF_UP);
    long startFrame =
        Math.floorDiv(
            startSamples + ContinuousAudioEncoder.FRAME_SAMPLES / 2,
            ContinuousAudioEncoder.FRAME_SAMPLES);
    audioSegmenter.startSegment(segment, startFrame);
    declaredAudioBoundary = segment;
  }

  /** Called by the reading thread (video) and the audio lane (audio). */
  private synchronized void extendWallClockEnd(Instant end) {
    if (state.wallClockEnd == null || end.isAfter(state.wallClockEnd)) {
      state.wallClockEnd = end;
    }
  }

  /** Live: the wall-clock time of grid frame {@code frameIndex}, from this connection's anchor. */
  private Optional<Instant> programDateTime(FrameGrid grid, long frameIndex) {
    if (!state.isLive() || wallClockAnchor == null) {
      return Optional.empty();
    }
    MediaTime elapsed = grid.timeOf(frameIndex).minus(grid.timeOf(firstVideoFrame));
    long millis = elapsed.ticksAt(1000, RoundingMode.FLOOR);
    return Optional.of(
        wallClockAnchor.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(millis));
  }

  private void publishAudioSegment(AudioSegment segment) {
    if (state.audioTrack == null) {
      state.audioTrack =
          CmafTrack.audio(
              AudioFormat.of(
                  AudioSpecificConfig.parse(ByteBuffer.wrap(audioEncoder.audioSpecificConfig()))));
      put(
          StorageLayout.renditionInit(state.streamId, audioPlan.name()),
          InitSegmentWriter.write(state.audioTrack));
    }
    CmafTrack track = state.audioTrack;
    List<Sample> samples = new ArrayList<>(segment.frames().size());
    for (EncodedAudioFrame frame : segment.frames()) {
      samples.add(
          new Sample(ByteBuffer.wrap(frame.data()), ContinuousAudioEncoder.FRAME_SAMPLES, 0, true));
    }
    long start = segment.firstFrameIndex() * ContinuousAudioEncoder.FRAME_SAMPLES;
    byte[] fragment = FragmentWriter.writeFragment(track, segment.sequence() + 1, start, samples);
    String key =
        StorageLayout.renditionFragment(state.streamId, audioPlan.name(), segment.sequence());
    put(key, fragment);
    int timescale = track.timescale();
    boolean live = state.isLive();
    Optional<Instant> date = Optional.empty();
    if (live && wallClockAnchor != null) {
      long elapsedSamples = start - firstAudioFrame * ContinuousAudioEncoder.FRAME_SAMPLES;
      date =
          Optional.of(
              wallClockAnchor
                  .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                  .plusMillis(Math.floorDiv(elapsedSamples * 1000, timescale)));
    }
    context
        .producer()
        .sendAndWait(
            Topics.PACKAGE_REQUESTED,
            state.streamId,
            new FragmentReady(
                state.jobId,
                state.streamId,
                audioPlan.name(),
                segment.sequence(),
                key,
                StorageLayout.renditionInit(state.streamId, audioPlan.name()),
                MediaTime.of(start, timescale),
                MediaTime.of(
                    (long) samples.size() * ContinuousAudioEncoder.FRAME_SAMPLES, timescale),
                fragment.length,
                track.codecs(),
                context.clock().instant(),
                date,
                live && discontinuity && segment.sequence() == firstSegment,
                live ? Optional.of(context.clock().instant()) : Optional.empty()));
    state.audioSegments++;
    if (date.isPresent()) {
      long samplesMillis =
          ((long) samples.size() * ContinuousAudioEncoder.FRAME_SAMPLES * 1000 + timescale - 1)
              / timescale;
      extendWallClockEnd(
          date.get().plusMillis(samplesMillis + 1)); // rounded up, as the packager does
    }
    context.registry().counter(MetricNames.INGEST_AUDIO_FRAGMENTS).increment();
  }

  private void put(String key, byte[] bytes) {
    try {
      context.work().putAtomically(key, bytes);
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          "cannot store " + key + " in " + context.work().describe() + ": " + e.getMessage(),
          e);
    }
    context
        .registry()
        .counter(MetricNames.STORAGE_BYTES_WRITTEN, MetricNames.TAG_STAGE, "ingest")
        .increment(bytes.length);
  }

  /** Packet times relative to this connection's zero, shifted to where the stream is. */
  private final class RelativeTiming implements PacketTiming<SourcePacket> {
    @Override
    public long ptsTicks(SourcePacket packet) {
      return packet.ptsTicks() - zeroTicks + offsetTicks;
    }

    @Override
    public long dtsTicks(SourcePacket packet) {
      return packet.dtsTicks() - zeroTicks + offsetTicks;
    }

    @Override
    public long durationTicks(SourcePacket packet) {
      return packet.durationTicks();
    }

    @Override
    public boolean keyFrame(SourcePacket packet) {
      return packet.keyFrame();
    }
  }
}
