package dev.abr.ingest.chunk;

import java.util.List;

/**
 * A cut of the video: the packets (decode order, first one a key frame) needed to decode every
 * frame presented in {@code [outputStartTicks, outputEndTicks)}. Frames outside that range may be
 * in the packets too (pre-roll, or a following key frame that open-GOP leading pictures reference);
 * the transcoder decodes them and drops them. Times: 90 kHz, stream-relative.
 *
 * @param sequence chunk number from 0
 * @param packets packets in decode order
 * @param decodeStartTicks presentation time of the first packet (a key frame)
 * @param outputStartTicks where this chunk's output starts
 * @param outputEndTicks where it ends (exclusive)
 * @param <P> the packet type
 */
public record Chunk<P>(
    long sequence,
    List<P> packets,
    long decodeStartTicks,
    long outputStartTicks,
    long outputEndTicks) {
  public Chunk {
    packets = List.copyOf(packets);
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("chunk " + sequence + " has no packets");
    }
    if (decodeStartTicks > outputStartTicks || outputStartTicks >= outputEndTicks) {
      throw new IllegalArgumentException(
          "chunk "
              + sequence
              + " needs decodeStart <= outputStart < outputEnd: "
              + decodeStartTicks
              + ", "
              + outputStartTicks
              + ", "
              + outputEndTicks);
    }
  }

  /** Output duration in 90 kHz ticks. */
  public long durationTicks() {
    return outputEndTicks - outputStartTicks;
  }
}
