package dev.abr.cmaf.box;

import java.nio.ByteBuffer;

/**
 * {@code mdat} — ISO/IEC 14496-12 §8.1.1: the media data (sample bytes) of a fragment.
 *
 * @param data the payload; stored as a read-only view
 */
public record MediaDataBox(ByteBuffer data) implements Box {
  public static final FourCc TYPE = FourCc.of("mdat");

  public MediaDataBox {
    data = data.slice().asReadOnlyBuffer();
  }

  /** Returns a read-only view of the payload, positioned at its start. */
  @Override
  public ByteBuffer data() {
    return data.duplicate();
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeBytes(data);
  }

  static MediaDataBox read(BoxInput in) {
    return new MediaDataBox(in.readRemaining());
  }
}
