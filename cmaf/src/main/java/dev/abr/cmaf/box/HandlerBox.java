package dev.abr.cmaf.box;

/**
 * {@code hdlr} — ISO/IEC 14496-12 §8.4.3: the media type of a track.
 *
 * @param handlerType {@link #VIDEO} or {@link #SOUND} for the tracks written here
 * @param name human-readable name, written as NUL-terminated UTF-8
 */
public record HandlerBox(FourCc handlerType, String name) implements FullBox {
  public static final FourCc TYPE = FourCc.of("hdlr");

  /** {@code vide}: a video track. */
  public static final FourCc VIDEO = FourCc.of("vide");

  /** {@code soun}: an audio track. */
  public static final FourCc SOUND = FourCc.of("soun");

  public HandlerBox {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("handler name must not contain NUL: \"" + name + "\"");
    }
  }

  @Override
  public FourCc type() {
    return TYPE;
  }

  @Override
  public int version() {
    return 0;
  }

  @Override
  public int flags() {
    return 0;
  }

  @Override
  public void writePayload(BoxOutput out) {
    out.writeZeros(4);
    out.writeFourCc(handlerType);
    out.writeZeros(4 * 3);
    out.writeNullTerminatedString(name);
  }

  static HandlerBox read(BoxInput in, int version, int flags) {
    if (version != 0) {
      throw in.unsupported("hdlr version " + version + " is not supported");
    }
    in.skip(4);
    FourCc handlerType = in.readFourCc();
    in.skip(4 * 3);
    String name = in.readNullTerminatedString();
    // Some writers pad after the NUL; the name ends at the first NUL.
    in.skip(in.remaining());
    return new HandlerBox(handlerType, name);
  }
}
