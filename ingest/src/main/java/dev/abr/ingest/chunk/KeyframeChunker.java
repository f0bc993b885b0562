package dev.abr.ingest.chunk;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a video stream, fed in decode order, into chunks at source key frames near a target
 * duration, and stream-copies nothing itself: it only decides which packets make each chunk.
 *
 * <p>The rule: a key frame whose presentation time is at least {@code target} after the current
 * chunk's start ends that chunk. Open-GOP leading pictures (packets right after that key frame in
 * decode order but presented before it) belong to the ending chunk's output, so the ending chunk
 * also carries the key frame and those pictures; frames they produce at or after the cut are
 * dropped by the transcoder. When no key frame comes, a chunk is cut anyway once decode time passes
 * {@code cap} after its start: at the first frame presented at or after {@code target}, and the
 * next chunk then starts decoding at the last key frame before it (pre-roll), which may reach back
 * at most {@code maxPreRoll}.
 *
 * <p>Released packets (no longer needed by any future chunk) are handed to {@code release} so the
 * caller can free them. Not thread-safe.
 *
 * @param <P> the packet type
 */
public final class KeyframeChunker<P> {
  private final PacketTiming<P> timing;
  private final long targetTicks;
  private final long capTicks;
  private final long maxPreRollTicks;
  private final long defaultFrameTicks;
  private final Consumer<Chunk<P>> sink;
  private final Consumer<P> release;

  /** Packets from the current chunk's decode start, in decode order. */
  private final List<P> buffer = new ArrayList<>();

  private long sequence;
  private long outputStart;
  private long endTicks = Long.MIN_VALUE;
  private boolean started;

  /** A key-frame cut waiting for possible leading pictures: index of the key frame in buffer. */
  private int pendingKeyIndex = -1;

  /**
   * @param timing reads packet times
   * @param targetTicks target chunk duration (90 kHz)
   * @param capTicks longest chunk before a cut is forced without a key frame; at least target
   * @param maxPreRollTicks longest decode pre-roll a forced cut may need
   * @param defaultFrameTicks frame duration to assume for packets that declare none
   * @param sink receives each finished chunk, in order
   * @param release receives packets no later chunk needs
   */
  public KeyframeChunker(
      PacketTiming<P> timing,
      long targetTicks,
      long capTicks,
      long maxPreRollTicks,
      long defaultFrameTicks,
      Consumer<Chunk<P>> sink,
      Consumer<P> release) {
    if (targetTicks <= 0 || capTicks < targetTicks || defaultFrameTicks <= 0) {
      throw new IllegalArgumentException(
          "need 0 < target <= cap and a positive frame duration: "
              + targetTicks
              + ", "
              + capTicks
              + ", "
              + defaultFrameTicks);
    }
    this.timing = timing;
    this.targetTicks = targetTicks;
    this.capTicks = capTicks;
    this.maxPreRollTicks = maxPreRollTicks;
    this.defaultFrameTicks = defaultFrameTicks;
    this.sink = sink;
    this.release = release;
  }

  /**
   * Adds the next packet in decode order. Packets before the first key frame cannot be decoded and
   * are released at once.
   */
  public void accept(P packet) {
    long pts = timing.ptsTicks(packet);
    long duration =
        timing.durationTicks(packet) > 0 ? timing.durationTicks(packet) : defaultFrameTicks;
    if (!started) {
      if (!timing.keyFrame(packet)) {
        release.accept(packet);
        return;
      }
      started = true;
      outputStart = pts;
    }
    endTicks = Math.max(endTicks, pts + duration);

    if (pendingKeyIndex >= 0) {
      long cut = timing.ptsTicks(buffer.get(pendingKeyIndex));
      if (pts < cut) {
        buffer.add(packet); // a leading picture of the pending cut
        return;
      }
      closeAtKeyFrame();
    }

    if (timing.keyFrame(packet) && pts - outputStart >= targetTicks) {
      buffer.add(packet);
      pendingKeyIndex = buffer.size() - 1;
      return;
    }
    buffer.add(packet);
    if (timing.dtsTicks(packet) - outputStart >= capTicks) {
      forceCut(timing.dtsTicks(packet));
    }
  }

  /** Ends the stream: emits the remaining chunk(s) and releases every packet. */
  public void finish() {
    if (!started) {
      return;
    }
    if (pendingKeyIndex >= 0) {
      closeAtKeyFrame();
    }
    if (endTicks > outputStart) {
      sink.accept(
          new Chunk<>(sequence++, buffer, timing.ptsTicks(buffer.get(0)), outputStart, endTicks));
    }
    buffer.forEach(release);
    buffer.clear();
  }

  /** Releases every buffered packet without emitting anything (after a failure). */
  public void discard() {
    buffer.forEach(release);
    buffer.clear();
    pendingKeyIndex = -1;
  }

  /** Number of chunks emitted so far. */
  public long chunkCount() {
    return sequence;
  }

  /** End of the latest frame seen (90 kHz, stream-relative), or {@code Long.MIN_VALUE}. */
  public long endTicks() {
    return endTicks;
  }

  private void closeAtKeyFrame() {
    int keyIndex = pendingKeyIndex;
    pendingKeyIndex = -1;
    P key = buffer.get(keyIndex);
    long cut = timing.ptsTicks(key);
    boolean hasLeading = buffer.size() > keyIndex + 1;
    List<P> packets = hasLeading ? List.copyOf(buffer) : List.copyOf(buffer.subList(0, keyIndex));
    sink.accept(new Chunk<>(sequence++, packets, timing.ptsTicks(buffer.get(0)), outputStart, cut));
    for (int i = 0; i < keyIndex; i++) {
      release.accept(buffer.get(i));
    }
    buffer.subList(0, keyIndex).clear();
    outputStart = cut;
  }

  private void forceCut(long decodeTicks) {
    // Cut at the earliest frame presented at or after start + target, and no later than the
    // current decode time: every later packet is presented at or after it, so the ending chunk
    // already holds every frame it must show.
    long cut = Long.MAX_VALUE;
    int firstAfterCut = -1;
    for (int i = 0; i < buffer.size(); i++) {
      long pts = timing.ptsTicks(buffer.get(i));
      if (pts - outputStart >= targetTicks && pts <= decodeTicks && pts < cut) {
        cut = pts;
      }
    }
    if (cut == Long.MAX_VALUE) {
      return; // nothing presented late enough yet
    }
    for (int i = 0; i < buffer.size(); i++) {
      if (timing.ptsTicks(buffer.get(i)) >= cut) {
        firstAfterCut = i;
        break;
      }
    }
    // The next chunk decodes from the last key frame at or before the first packet it shows.
    int keyIndex = 0;
    for (int i = firstAfterCut; i >= 0; i--) {
      if (timing.keyFrame(buffer.get(i))) {
        keyIndex = i;
        break;
      }
    }
    long preRoll = cut - timing.ptsTicks(buffer.get(keyIndex));
    if (preRoll > maxPreRollTicks) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS,
          "key frames are more than "
              + maxPreRollTicks / 90_000.0
              + " s apart (none for "
              + preRoll / 90_000.0
              + " s before "
              + cut / 90_000.0
              + " s); re-encode the source with key frames at least every few seconds");
    }
    sink.accept(new Chunk<>(sequence++, buffer, timing.ptsTicks(buffer.get(0)), outputStart, cut));
    for (int i = 0; i < keyIndex; i++) {
      release.accept(buffer.get(i));
    }
    buffer.subList(0, keyIndex).clear();
    outputStart = cut;
  }
}
