package dev.abr.cmaf;

import dev.abr.cmaf.box.FileTypeBox;
import dev.abr.cmaf.box.FourCc;
import dev.abr.cmaf.box.SegmentTypeBox;
import java.util.List;

/**
 * The brands this module writes.
 *
 * <ul>
 *   <li>{@code cmfc}: the CMAF structural brand (ISO/IEC 23000-19 §7.2) of CMAF tracks; major brand
 *       of the CMAF header.
 *   <li>{@code iso6}: ISO/IEC 14496-12 brand covering the features used here: {@code tfdt},
 *       default-base-is-moof, version 1 {@code trun} with signed composition offsets and {@code
 *       styp}.
 *   <li>{@code cmfs} and {@code cmff}: the CMAF segment and CMAF fragment brands (ISO/IEC 23000-19
 *       clause 7); a segment written here is exactly one fragment, so it carries both, with {@code
 *       cmfs} as major brand of its {@code styp}.
 * </ul>
 *
 * <p>Media profile brands such as {@code cfhd} or {@code caac} are not written: they promise codec
 * constraints (levels, VUI, colour) that this module does not check.
 */
public final class CmafBrands {
  /** CMAF structural brand of tracks (the CMAF header's major brand). */
  public static final FourCc CMFC = FourCc.of("cmfc");

  /** ISO base media file format brand that covers tfdt, trun version 1 and styp. */
  public static final FourCc ISO6 = FourCc.of("iso6");

  /** CMAF segment brand. */
  public static final FourCc CMFS = FourCc.of("cmfs");

  /** CMAF fragment brand. */
  public static final FourCc CMFF = FourCc.of("cmff");

  /** The {@code ftyp} of CMAF headers written here. */
  public static final FileTypeBox HEADER = new FileTypeBox(CMFC, 0, List.of(CMFC, ISO6));

  /** The {@code styp} of CMAF segments written here: one fragment per segment. */
  public static final SegmentTypeBox SEGMENT =
      new SegmentTypeBox(CMFS, 0, List.of(CMFS, CMFF, ISO6));

  private CmafBrands() {}
}
