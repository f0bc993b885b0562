package dev.abr.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import dev.abr.core.message.TrackKind;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * One compressed packet of a source's selected video or audio stream, with timestamps converted to
 * the 90 kHz source clock. Holds native memory: close it when done (a packet kept for a chunk's
 * pre-roll is closed when the chunk no longer needs it).
 */
public final class SourcePacket implements AutoCloseable {
  private final TrackKind kind;
  private final long ptsTicks;
  private final long dtsTicks;
  private final long durationTicks;
  private final boolean keyFrame;
  private final boolean discontinuity;
  private final int sizeBytes;
  private AVPacket packet;

  SourcePacket(
      TrackKind kind,
      long ptsTicks,
      long dtsTicks,
      long durationTicks,
      boolean keyFrame,
      boolean discontinuity,
      AVPacket packet) {
    this.kind = kind;
    this.ptsTicks = ptsTicks;
    this.dtsTicks = dtsTicks;
    this.durationTicks = durationTicks;
    this.keyFrame = keyFrame;
    this.discontinuity = discontinuity;
    this.sizeBytes = packet.size();
    this.packet = packet;
  }

  /** Video or audio. */
  public TrackKind kind() {
    return kind;
  }

  /**
   * Presentation time on the 90 kHz source clock: the container's, unrolled to 64 bits where the
   * container's timestamps wrap (see {@link MediaSource#next()}).
   */
  public long ptsTicks() {
    return ptsTicks;
  }

  /** Decode time on the 90 kHz source clock. */
  public long dtsTicks() {
    return dtsTicks;
  }

  /** Duration on the 90 kHz source clock (0 when the container does not say). */
  public long durationTicks() {
    return durationTicks;
  }

  /** True for a key frame (a random access point). */
  public boolean keyFrame() {
    return keyFrame;
  }

  /**
   * True when this packet's decode time jumped (backward, or forward by more than the source's
   * maximum step) from the previous packet of its stream: a new timeline starts here, as after an
   * encoder restart. A wrap of the container's timestamps is not a discontinuity. A live ingest
   * starts a new period at such a packet; the timestamps are the new ones, not rebased.
   */
  public boolean discontinuity() {
    return discontinuity;
  }

  /** Payload size. */
  public int sizeBytes() {
    return sizeBytes;
  }

  AVPacket packet() {
    if (packet == null) {
      throw new IllegalStateException("packet at pts " + ptsTicks + "/90000 was already closed");
    }
    return packet;
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
  }

  @Override
  public String toString() {
    return kind
        + " pts="
        + ptsTicks
        + " dts="
        + dtsTicks
        + (keyFrame ? " key" : "")
        + (discontinuity ? " discontinuity" : "")
        + " "
        + sizeBytes
        + "B";
  }
}
