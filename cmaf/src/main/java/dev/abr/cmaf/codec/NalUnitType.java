package dev.abr.cmaf.codec;

import java.nio.ByteBuffer;

/** H.264 {@code nal_unit_type} values used here (ITU-T H.264 Table 7-1). */
public final class NalUnitType {
  /** Coded slice of a non-IDR picture. */
  public static final int NON_IDR_SLICE = 1;

  /** Coded slice of an IDR picture. */
  public static final int IDR_SLICE = 5;

  /** Supplemental enhancement information. */
  public static final int SEI = 6;

  /** Sequence parameter set. */
  public static final int SPS = 7;

  /** Picture parameter set. */
  public static final int PPS = 8;

  /** Access unit delimiter. */
  public static final int AUD = 9;

  /** Sequence parameter set extension. */
  public static final int SPS_EXTENSION = 13;

  private NalUnitType() {}

  /** Returns the type of {@code nalUnit}: the low 5 bits of its first byte (§7.3.1). */
  public static int of(ByteBuffer nalUnit) {
    return nalUnit.get(nalUnit.position()) & 0x1F;
  }
}
