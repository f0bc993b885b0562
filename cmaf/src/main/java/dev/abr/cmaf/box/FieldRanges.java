package dev.abr.cmaf.box;

/** Range checks for the compact constructors of box records: a value must fit its field. */
final class FieldRanges {
  private FieldRanges() {}

  static int u8(int value, String field) {
    return (int) check(value, 0xFFL, field, "8");
  }

  static int u16(int value, String field) {
    return (int) check(value, 0xFFFFL, field, "16");
  }

  static long u32(long value, String field) {
    return check(value, 0xFFFF_FFFFL, field, "32");
  }

  static int i16(int value, String field) {
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          field + " " + value + " does not fit in a signed 16-bit field");
    }
    return value;
  }

  private static long check(long value, long max, String field, String bits) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          field + " " + value + " does not fit in an unsigned " + bits + "-bit field");
    }
    return value;
  }
}
