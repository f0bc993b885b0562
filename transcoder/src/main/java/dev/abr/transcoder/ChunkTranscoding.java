package dev.abr.transcoder;

import dev.abr.cmaf.CmafTrack;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.RecordContext;
import dev.abr.core.message.FragmentReady;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.SegmentRange;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TranscodeRequested;
import dev.abr.core.metrics.MetricNames;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.MediaTime;
import dev.abr.media.ChunkRange;
import dev.abr.media.EncodedTrack;
import dev.abr.media.EncodedVideoFrame;
import dev.abr.media.EncoderThreads;
import dev.abr.media.VideoChunkTranscoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one {@link TranscodeRequested}: decodes the chunk once, encodes every video rendition,
 * writes each rendition's init segment and fragments to the work store, then publishes one {@link
 * FragmentReady} per fragment. Outputs are named only by (stream, rendition, sequence).
 *
 * <p>Every output is written <b>first-writer-wins</b> ({@link ObjectStore#putIfAbsent}): once a
 * fragment exists it is never replaced. A worker that lost its partition without noticing (paused
 * past the session timeout, then resumed) therefore cannot overwrite what the new owner wrote, and
 * a redelivered request (for example after a crash between the write and the publish) finds its
 * fragments in place, keeps them and still publishes their {@link FragmentReady}s, describing the
 * object that is there.
 */
public final class ChunkTranscoding {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkTranscoding.class);

  private final ObjectStore work;
  private final JsonProducer producer;
  private final Clock clock;
  private final MeterRegistry registry;
  private final EncoderThreads threads;

  /**
   * @param threads how many threads each rendition's encoder gets
   */
  public ChunkTranscoding(
      ObjectStore work,
      JsonProducer producer,
      Clock clock,
      MeterRegistry registry,
      EncoderThreads threads) {
    this.work = work;
    this.producer = producer;
    this.clock = clock;
    this.registry = registry;
    this.threads = threads;
  }

  /** Transcodes the chunk; throws {@link PipelineException} with a categorised code. */
  public void handle(TranscodeRequested request, RecordContext context) {
    String chunkName = "chunk " + request.sequence() + " of stream " + request.streamId();
    LOG.info("{} received (job {}, attempt {})", chunkName, request.jobId(), context.attempt());
    long startNanos = System.nanoTime();
    VideoPlan plan = request.video();
    List<EncodedTrack> tracks;
    try (ObjectStore.LocalFile chunk = work.localFile(request.sourceKey())) {
      tracks =
          VideoChunkTranscoder.transcode(
              chunk.path(),
              chunkName,
              new ChunkRange(
                  request.decodeStart(),
                  request.firstFrameIndex(),
                  request.endFrameIndex(),
                  request.segments().stream().map(SegmentRange::firstFrameIndex).toList()),
              plan,
              threads,
              new MeteringListener());
    } catch (NoSuchFileException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          chunkName
              + ": source object "
              + request.sourceKey()
              + " is missing in "
              + work.describe(),
          e);
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          chunkName + ": cannot read " + request.sourceKey() + ": " + e.getMessage(),
          e);
    }
    if (!context.isAssigned()) {
      // Another worker owns the chunk now and writes its objects; stop before writing. (Should this
      // check miss a loss not noticed yet, first-writer-wins writes keep the other's objects.)
      LOG.info("{}: partition lost while transcoding; abandoned before writing", chunkName);
      throw new PipelineException(
          ErrorCode.WORKER_OVERLOADED, chunkName + ": partition lost while transcoding; abandoned");
    }
    List<FragmentReady> ready = new ArrayList<>();
    long frameTicks = plan.grid().frameDurationTicks();
    for (EncodedTrack encoded : tracks) {
      String rendition = encoded.rendition().name();
      CmafTrack track = CmafVideoFragments.track(encoded, plan);
      String initKey = StorageLayout.renditionInit(request.streamId(), rendition);
      putIfAbsent(initKey, CmafVideoFragments.init(track));
      List<List<EncodedVideoFrame>> pieces = CmafVideoFragments.split(encoded, request.segments());
      for (int i = 0; i < pieces.size(); i++) {
        SegmentRange segment = request.segments().get(i);
        byte[] fragment = CmafVideoFragments.fragment(track, pieces.get(i), plan, segment);
        String fragmentKey =
            StorageLayout.renditionFragment(request.streamId(), rendition, segment.sequence());
        long sizeBytes = putFragment(chunkName, fragmentKey, fragment);
        ready.add(
            new FragmentReady(
                request.jobId(),
                request.streamId(),
                rendition,
                segment.sequence(),
                fragmentKey,
                initKey,
                MediaTime.of(segment.firstFrameIndex() * frameTicks, plan.timescale()),
                MediaTime.of(segment.frameCount() * frameTicks, plan.timescale()),
                sizeBytes,
                track.codecs(),
                clock.instant(),
                segment.programDateTime(),
                segment.discontinuity(),
                request.ingestedAt()));
      }
    }
    producer.sendAllAndWait(Topics.PACKAGE_REQUESTED, request.streamId(), ready);
    for (FragmentReady fragment : ready) {
      producer.send(
          Topics.JOB_EVENTS,
          request.jobId(),
          JobEvent.of(
                  request.jobId(),
                  request.streamId(),
                  JobEventType.FRAGMENT_TRANSCODED,
                  clock.instant())
              .withSequence(fragment.sequence())
              .withRendition(fragment.rendition()));
    }
    registry.counter(MetricNames.TRANSCODE_CHUNKS).increment();
    LOG.info(
        "{} transcoded: {} fragments written in {} ms",
        chunkName,
        ready.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  /**
   * Writes a fragment unless one is there already, and returns the size of the fragment under the
   * key: the one written now, or the one another writer (an earlier delivery of this request, or a
   * worker that owned the chunk before or after this one) left there, which wins.
   */
  private long putFragment(String chunkName, String key, byte[] fragment) {
    if (putIfAbsent(key, fragment)) {
      return fragment.length;
    }
    long existingBytes;
    try {
      existingBytes = work.size(key);
    } catch (IOException e) {
      throw new PipelineException(
          ErrorCode.STORAGE_UNAVAILABLE,
          chunkName + ": cannot read the size of " + key + ": " + e.getMessage(),
          e);
    }
    if (existingBytes == fragment.length) {
      LOG.info("{}: {} exists with the same size; kept", chunkName, key);
    } else {
      LOG.warn(
          "{}: {} exists with {} bytes, this encode made {}; the first writer's fragment is kept",
          chunkName,
          key,
          existingBytes,
          fragment.length);
    }
    return existingBytes;
  }

  /** Writes {@code bytes} unless an object is there already; true if this call wrote it. */
  private boolean putIfAbsent(String key, byte[] bytes) {
    boolean created;
    try {
      created = work.putIfAbsent(key, bytes);
    } catch (IOException e) {
      throw storageFailure(key, e);
    }
    if (created) {
      registry
          .counter(MetricNames.STORAGE_BYTES_WRITTEN, MetricNames.TAG_STAGE, "transcoder")
          .increment(bytes.length);
    }
    return created;
  }

  private PipelineException storageFailure(String key, IOException e) {
    return new PipelineException(
        ErrorCode.STORAGE_UNAVAILABLE,
        "cannot write " + key + " to " + work.describe() + ": " + e.getMessage(),
        e);
  }

  /** Records encode time and frames per rendition. */
  private final class MeteringListener implements VideoChunkTranscoder.Listener {
    @Override
    public void renditionEncoded(String rendition, int frames, long encoderNanos) {
      Timer.builder(MetricNames.TRANSCODE_ENCODE)
          .tag(MetricNames.TAG_RENDITION, rendition)
          .register(registry)
          .record(encoderNanos, TimeUnit.NANOSECONDS);
      registry
          .counter(MetricNames.TRANSCODE_FRAMES, MetricNames.TAG_RENDITION, rendition)
          .increment(frames);
    }

    @Override
    public void chunkTranscoded(long totalNanos) {
      Timer.builder(MetricNames.TRANSCODE_CHUNK)
          .register(registry)
          .record(totalNanos, TimeUnit.NANOSECONDS);
    }
  }
}
