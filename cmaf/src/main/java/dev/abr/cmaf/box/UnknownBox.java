package dev.abr.cmaf.box;

import java.nio.ByteBuffer;

/**
 * A box this package does not model, kept as read so that it can be written back unchanged
 * (Bento4's AP4_UnknownAtom). For a full box the payload includes the version and flags.
 *
 * @param type the box type
 * @param payload everything after the box header; stored as a read-only view
 */
public record UnknownBox(FourCc type, ByteBuffer payload) implements Box {
  public UnknownBox {
    payload = payload.slice().asReadOnlyBuffer();
  }

  /** Returns a read-only view of the payload, positioned at its start. */
  @Override
  public ByteBuffer payload() {
    return payload.duplicate();
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeBytes(payload);
  }
}
