package dev.abr.cmaf.box;

/**
 * The video transformation matrix of {@code mvhd} and {@code tkhd} (ISO/IEC 14496-12 §6.2.2):
 * {@code a, b, c, d, x, y} are 16.16 fixed point, {@code u, v, w} are 2.30.
 */
public record TransformationMatrix(int a, int b, int u, int c, int d, int v, int x, int y, int w) {
  /** The identity: {@code {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000}}. */
  public static final TransformationMatrix IDENTITY =
      new TransformationMatrix(0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000);

  void write(BoxOutput out) {
    for (int value : new int[] {a, b, u, c, d, v, x, y, w}) {
      out.writeI32(value);
    }
  }

  static TransformationMatrix read(BoxInput in) {
    return new TransformationMatrix(
        in.readI32(),
        in.readI32(),
        in.readI32(),
        in.readI32(),
        in.readI32(),
        in.readI32(),
        in.readI32(),
        in.readI32(),
        in.readI32());
  }
}
