package dev.abr.ingest.vod;

import dev.abr.cmaf.AudioFormat;
import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.FragmentWriter;
import dev.abr.cmaf.InitSegmentWriter;
import dev.abr.cmaf.Sample;
import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.SegmentRange;
import dev.abr.core.message.StreamEnded;
import dev.abr.core.message.StreamStarted;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TrackKind;
import dev.abr.core.message.TranscodeRequested;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.LadderPlanner;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.FrameGrid;
import dev.abr.core.time.MediaTime;
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
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VOD intake: probes a local file, plans the ladder, cuts the video at key frames into
 * stream-copied chunks (one transcode request each) and encodes the audio once, continuously, into
 * CMAF fragments aligned with the video cuts. Publishes {@link StreamStarted}, one {@link
 * TranscodeRequested} per chunk, one audio {@link FragmentReady} per segment, and {@link
 * StreamEnded}, plus job events. One call handles one job on the calling thread.
 */
public final class VodIngest {
  private static final Logger LOG = LoggerFactory.getLogger(VodIngest.class);

  private final ObjectStore work;
  private final JsonProducer producer;
  private final Clock clock;
  private final MeterRegistry registry;
  private final IngestSettings settings;
  private final Path tempDir;
  private final IngestEvents events;

  public VodIngest(
      ObjectStore work,
      JsonProducer producer,
      Clock clock,
      MeterRegistry registry,
      IngestSettings settings,
      Path tempDir) {
    this.work = work;
    this.producer = producer;
    this.clock = clock;
    this.registry = registry;
    this.settings = settings;
    this.tempDir = tempDir;
    this.events = new IngestEvents(producer, clock);
  }

  /**
   * Ingests one job. On failure the packager and watchers have already been told (stream failed,
   * job failed) when this throws.
   *
   * @throws PipelineException naming the file and the reason
   */
  public void run(JobSubmitted job) {
    try {
      new Session(job).run();
    } catch (PipelineException e) {
      fail(job, e);
      throw e;
    } catch (RuntimeException e) {
      PipelineException wrapped = PipelineException.wrap(e, "ingest of " + job.input());
      fail(job, wrapped);
      throw wrapped;
    }
  }

  private void fail(JobSubmitted job, PipelineException e) {
    registry
        .counter(
            MetricNames.FAILURES,
            MetricNames.TAG_STAGE,
            "ingest",
            MetricNames.TAG_CODE,
            e.code().name())
        .increment();
    if (!e.code().isRetriable()) {
      LOG.warn("job {}: {} [{}]", job.jobId(), e.getMessage(), e.code());
      events.failed(job.jobId(), job.streamId(), e);
    }
  }

  /** The state of one job's intake. */
  private final class Session {
    private final JobSubmitted job;
    private final String streamId;
    private final Ladder ladder;
    private @Nullable VideoPlan videoPlan;
    private @Nullable AudioPlan audioPlan;
    private @Nullable KeyframeChunker<SourcePacket> chunker;
    private @Nullable ContinuousAudioEncoder audioEncoder;
    private @Nullable AudioSegmenter audioSegmenter;
    private @Nullable CmafTrack audioTrack;
    private long zeroTicks;
    private boolean zeroKnown;
    private final List<SourcePacket> audioBeforeZero = new ArrayList<>();
    private long publishedChunks;
    /** Number of the next video segment. */
    private long nextSegment;
    /** Frames per segment on the output grid (the last segment of a chunk may differ). */
    private long segmentFrames;
    private long audioSegments;
    private long lastFrameEndIndex;
    private long audioFramesPerSegment;
    private long nextAudioBoundary;

    /** End of the last audio packet, absolute source time (90 kHz). */
    private long audioEndSampleTicks = Long.MIN_VALUE;

    Session(JobSubmitted job) {
      this.job = job;
      this.streamId = job.streamId();
      this.ladder = job.ladder();
    }

    void run() {
      Path input = Path.of(job.input());
      try (MediaSource source = MediaSource.openFile(input, settings.limits())) {
        SourceInfo info = source.info();
        videoPlan = info.video().map(v -> LadderPlanner.planVideo(v, ladder)).orElse(null);
        audioPlan = LadderPlanner.planAudio(info.audio(), ladder).orElse(null);
        if (videoPlan == null && audioPlan == null) {
          throw new PipelineException(
              ErrorCode.INPUT_UNSUPPORTED_FORMAT,
              source.name()
                  + ": has audio only, but ladder "
                  + ladder.name()
                  + " has no audio rendition");
        }
        events.job(
            events
                .event(job.jobId(), streamId, JobEventType.PROBED)
                .withDetail(describe(source.name(), info)));
        producer.sendAndWait(
            Topics.PACKAGE_REQUESTED,
            streamId,
            new StreamStarted(
                job.jobId(),
                streamId,
                "vod",
                job.outputPrefix(),
                renditions(),
                job.segmentDuration(),
                clock.instant()));
        if (videoPlan != null) {
          // A chunk groups several segments, so each encoder start (cold rate control) is
          // amortised over more frames; segments inside a chunk are cut on the output grid.
          long target =
              job.segmentDuration()
                  .times(dev.abr.core.time.Rational.of(settings.segmentsPerChunk()))
                  .ticksPer(Timescales.SOURCE, RoundingMode.HALF_UP);
          segmentFrames =
              Math.max(1, job.segmentDuration().times(videoPlan.frameRate()).toDecimal(0, RoundingMode.HALF_UP).longValueExact());
          long frame =
              videoPlan.frameRate().reciprocal().ticksPer(Timescales.SOURCE, RoundingMode.HALF_UP);
          chunker =
              new KeyframeChunker<>(
                  new RelativeTiming(),
                  target,
                  target * settings.capFactor(),
                  (long) settings.maxPreRollSeconds() * Timescales.SOURCE,
                  frame,
                  chunk -> publishChunk(source, chunk),
                  SourcePacket::close);
        }
        if (audioPlan != null) {
          audioSegmenter = new AudioSegmenter(this::publishAudioSegment);
          audioFramesPerSegment =
              Math.max(
                  1,
                  job.segmentDuration().ticksPer(audioPlan.sampleRate(), RoundingMode.HALF_UP)
                      / ContinuousAudioEncoder.FRAME_SAMPLES);
          nextAudioBoundary = audioFramesPerSegment;
        }
        read(source);
        finish(source, info);
      } finally {
        if (chunker != null) {
          chunker.discard();
        }
        audioBeforeZero.forEach(SourcePacket::close);
        if (audioEncoder != null) {
          audioEncoder.close();
        }
      }
    }

    private void read(MediaSource source) {
      Optional<SourcePacket> next;
      while ((next = source.next()).isPresent()) {
        SourcePacket packet = next.get();
        if (!zeroKnown) {
          if (!findZero(source, packet)) {
            continue;
          }
        }
        accept(packet);
      }
    }

    /** Returns true once the stream's zero is known and {@code packet} should be processed. */
    private boolean findZero(MediaSource source, SourcePacket packet) {
      if (packet.kind() == TrackKind.AUDIO) {
        if (videoPlan == null) {
          startAt(source, packet.ptsTicks());
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
      startAt(source, packet.ptsTicks());
      List<SourcePacket> early = new ArrayList<>(audioBeforeZero);
      audioBeforeZero.clear();
      for (SourcePacket audio : early) {
        accept(audio);
      }
      return true;
    }

    private void startAt(MediaSource source, long ticks) {
      zeroTicks = ticks;
      zeroKnown = true;
      if (audioPlan != null) {
        // Audio only: the first packet's time may include priming the decoder drops; the
        // encoder takes its zero from the first decoded sample instead.
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
          chunker.accept(packet);
        }
        return;
      }
      try (packet) {
        if (audioEncoder == null) {
          return;
        }
        audioEndSampleTicks =
            Math.max(audioEndSampleTicks, packet.ptsTicks() + packet.durationTicks());
        for (EncodedAudioFrame frame : audioEncoder.accept(packet)) {
          acceptAudio(frame);
        }
      }
    }

    private void acceptAudio(EncodedAudioFrame frame) {
      if (videoPlan == null) {
        // Audio only: segments of the target duration, at frame boundaries.
        while (frame.index() >= nextAudioBoundary) {
          audioSegmenter.startSegment(nextAudioBoundary / audioFramesPerSegment, nextAudioBoundary);
          nextAudioBoundary += audioFramesPerSegment;
        }
      }
      audioSegmenter.accept(frame);
    }

    private void finish(MediaSource source, SourceInfo info) {
      if (!zeroKnown) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            source.name() + ": no decodable video key frame or audio packet was found");
      }
      // Ends relative to the stream's zero (audio only: the first decoded sample).
      long audioZero =
          audioEncoder == null ? zeroTicks : audioEncoder.zeroTicks().orElse(zeroTicks);
      long audioEnd =
          audioEndSampleTicks == Long.MIN_VALUE ? Long.MIN_VALUE : audioEndSampleTicks - audioZero;
      long endTicks;
      if (chunker != null) {
        chunker.finish();
        endTicks = chunker.endTicks();
        if (publishedChunks == 0) {
          throw new PipelineException(
              ErrorCode.INPUT_UNREADABLE, source.name() + ": the video has no complete frame");
        }
      } else {
        endTicks = audioEnd;
      }
      checkNotTruncated(source.name(), info, Math.max(endTicks, audioEnd));
      if (audioEncoder != null) {
        long endSamples =
            videoPlan != null
                ? videoPlan
                    .grid()
                    .timeOf(lastFrameEndIndex)
                    .ticksAt(audioPlan.sampleRate(), RoundingMode.HALF_UP)
                : Ticks.rescale(
                    endTicks, Timescales.SOURCE, audioPlan.sampleRate(), RoundingMode.HALF_UP);
        for (EncodedAudioFrame frame : audioEncoder.finish(endSamples)) {
          acceptAudio(frame);
        }
        long endFrame =
            (endSamples + ContinuousAudioEncoder.FRAME_SAMPLES - 1)
                / ContinuousAudioEncoder.FRAME_SAMPLES;
        audioSegmenter.finish(endFrame);
      }
      long segments = videoPlan != null ? nextSegment : audioSegments;
      if (videoPlan != null && audioPlan != null && audioSegments != nextSegment) {
        throw new PipelineException(
            ErrorCode.SEGMENT_INVARIANT_VIOLATED,
            source.name()
                + ": "
                + audioSegments
                + " audio segments for "
                + nextSegment
                + " video segments");
      }
      producer.sendAndWait(
          Topics.PACKAGE_REQUESTED,
          streamId,
          new StreamEnded(job.jobId(), streamId, segments, clock.instant()));
      events.job(
          events.event(job.jobId(), streamId, JobEventType.CHUNKING_COMPLETED).withTotal(segments));
      LOG.info("job {}: {} cut into {} segments", job.jobId(), source.name(), segments);
    }

    private void checkNotTruncated(String name, SourceInfo info, long endTicks) {
      long declared = info.duration().ticks();
      if (declared <= 0) {
        return;
      }
      long missing = declared - endTicks;
      if (missing > Timescales.SOURCE && missing * 10 > declared) {
        throw new PipelineException(
            ErrorCode.INPUT_UNREADABLE,
            String.format(
                Locale.ROOT,
                "%s: the file is truncated: its media ends at %.1f s but it declares %.1f s",
                name,
                endTicks / (double) Timescales.SOURCE,
                declared / (double) Timescales.SOURCE));
      }
    }

    private void publishChunk(MediaSource source, Chunk<SourcePacket> chunk) {
      FrameGrid grid = videoPlan.grid();
      long first = grid.nearestIndex(MediaTime.of(chunk.outputStartTicks(), Timescales.SOURCE));
      long end = grid.nearestIndex(MediaTime.of(chunk.outputEndTicks(), Timescales.SOURCE));
      if (end <= first) {
        // Shorter than half an output frame (only possible for the very last piece): nothing to
        // show.
        return;
      }
      long sequence = publishedChunks;
      List<SegmentRange> segments = SegmentSplitter.split(nextSegment, first, end, segmentFrames);
      String key = StorageLayout.sourceChunk(streamId, sequence);
      long size;
      try {
        Files.createDirectories(tempDir);
        Path file = Files.createTempFile(tempDir, "chunk-", ".mkv");
        try {
          ChunkWriter.write(file, source, chunk.packets());
          size = Files.size(file);
          work.putFileAtomically(key, file);
        } finally {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new PipelineException(
            ErrorCode.STORAGE_UNAVAILABLE,
            "cannot store chunk " + key + " in " + work.describe() + ": " + e.getMessage(),
            e);
      }
      TranscodeRequested request =
          new TranscodeRequested(
              job.jobId(),
              streamId,
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
              clock.instant());
      producer.sendAndWait(
          Topics.TRANSCODE_REQUESTED, Topics.chunkKey(streamId, sequence), request);
      LOG.info(
          "job {}: chunk {} stored ({} bytes, segments {} to {})",
          job.jobId(),
          sequence,
          size,
          segments.get(0).sequence(),
          segments.get(segments.size() - 1).sequence());
      publishedChunks++;
      lastFrameEndIndex = end;
      registry.counter(MetricNames.INGEST_CHUNKS).increment();
      registry
          .counter(MetricNames.STORAGE_BYTES_WRITTEN, MetricNames.TAG_STAGE, "ingest")
          .increment(size);
      for (SegmentRange segment : segments) {
        nextSegment = segment.sequence() + 1;
        events.job(
            events.event(job.jobId(), streamId, JobEventType.CHUNK_CUT).withSequence(segment.sequence()));
        if (audioSegmenter != null && segment.sequence() > 0) {
          long startSamples =
              grid.timeOf(segment.firstFrameIndex()).ticksAt(audioPlan.sampleRate(), RoundingMode.HALF_UP);
          long startFrame =
              Math.floorDiv(
                  startSamples + ContinuousAudioEncoder.FRAME_SAMPLES / 2,
                  ContinuousAudioEncoder.FRAME_SAMPLES);
          audioSegmenter.startSegment(segment.sequence(), startFrame);
        }
      }
    }

    private void publishAudioSegment(AudioSegment segment) {
      if (audioTrack == null) {
        audioTrack =
            CmafTrack.audio(
                AudioFormat.of(
                    AudioSpecificConfig.parse(
                        ByteBuffer.wrap(audioEncoder.audioSpecificConfig()))));
        put(
            StorageLayout.renditionInit(streamId, audioPlan.name()),
            InitSegmentWriter.write(audioTrack));
      }
      List<Sample> samples = new ArrayList<>(segment.frames().size());
      for (EncodedAudioFrame frame : segment.frames()) {
        samples.add(
            new Sample(
                ByteBuffer.wrap(frame.data()), ContinuousAudioEncoder.FRAME_SAMPLES, 0, true));
      }
      long start = segment.firstFrameIndex() * ContinuousAudioEncoder.FRAME_SAMPLES;
      byte[] fragment =
          FragmentWriter.writeFragment(audioTrack, segment.sequence() + 1, start, samples);
      String key = StorageLayout.renditionFragment(streamId, audioPlan.name(), segment.sequence());
      put(key, fragment);
      int timescale = audioTrack.timescale();
      producer.sendAndWait(
          Topics.PACKAGE_REQUESTED,
          streamId,
          new FragmentReady(
              job.jobId(),
              streamId,
              audioPlan.name(),
              segment.sequence(),
              key,
              StorageLayout.renditionInit(streamId, audioPlan.name()),
              MediaTime.of(start, timescale),
              MediaTime.of((long) samples.size() * ContinuousAudioEncoder.FRAME_SAMPLES, timescale),
              fragment.length,
              audioTrack.codecs(),
              clock.instant()));
      audioSegments++;
      registry.counter(MetricNames.INGEST_AUDIO_FRAGMENTS).increment();
    }

    private void put(String key, byte[] bytes) {
      try {
        work.putAtomically(key, bytes);
      } catch (IOException e) {
        throw new PipelineException(
            ErrorCode.STORAGE_UNAVAILABLE,
            "cannot store " + key + " in " + work.describe() + ": " + e.getMessage(),
            e);
      }
      registry
          .counter(MetricNames.STORAGE_BYTES_WRITTEN, MetricNames.TAG_STAGE, "ingest")
          .increment(bytes.length);
    }

    private List<RenditionInfo> renditions() {
      List<RenditionInfo> renditions = new ArrayList<>();
      if (videoPlan != null) {
        for (VideoRendition r : videoPlan.renditions()) {
          renditions.add(
              new RenditionInfo(
                  r.name(),
                  TrackKind.VIDEO,
                  videoPlan.timescale(),
                  r.bitrateBitsPerSecond(),
                  r.width(),
                  r.height(),
                  Optional.of(videoPlan.frameRate()),
                  0,
                  0,
                  Optional.empty()));
        }
      }
      if (audioPlan != null) {
        renditions.add(
            new RenditionInfo(
                audioPlan.name(),
                TrackKind.AUDIO,
                Timescales.forAudio(audioPlan.sampleRate()),
                audioPlan.bitrateBitsPerSecond(),
                0,
                0,
                Optional.empty(),
                audioPlan.sampleRate(),
                audioPlan.channels(),
                Optional.empty()));
      }
      return renditions;
    }

    private String describe(String name, SourceInfo info) {
      StringBuilder text = new StringBuilder(name).append(": ");
      info.video()
          .ifPresent(
              v ->
                  text.append(
                      String.format(
                          Locale.ROOT,
                          "%s %dx%d %s fps%s%s",
                          v.codec(),
                          v.width(),
                          v.height(),
                          v.frameRate(),
                          v.interlaced() ? " interlaced" : "",
                          v.rotationDegrees() != 0 ? " rotated " + v.rotationDegrees() : "")));
      info.audio()
          .ifPresent(
              a ->
                  text.append(info.video().isPresent() ? ", " : "")
                      .append(
                          String.format(
                              Locale.ROOT,
                              "%s %d Hz %d ch",
                              a.codec(),
                              a.sampleRate(),
                              a.channels())));
      text.append(
          String.format(
              Locale.ROOT, ", %.1f s", info.duration().ticks() / (double) Timescales.SOURCE));
      text.append("; renditions ")
          .append(renditions().stream().map(RenditionInfo::name).collect(Collectors.joining(" ")));
      return text.toString();
    }

    /** Packet times relative to the stream's zero. */
    private final class RelativeTiming implements PacketTiming<SourcePacket> {
      @Override
      public long ptsTicks(SourcePacket packet) {
        return packet.ptsTicks() - zeroTicks;
      }

      @Override
      public long dtsTicks(SourcePacket packet) {
        return packet.dtsTicks() - zeroTicks;
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
}
