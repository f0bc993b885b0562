package dev.abr.core.ladder;

import java.util.Locale;

/** The H.264 profiles a ladder may ask for, with their {@code profile_idc}. */
public enum H264Profile {
  BASELINE(66),
  MAIN(77),
  HIGH(100);

  private final int profileIdc;

  H264Profile(int profileIdc) {
    this.profileIdc = profileIdc;
  }

  /** ITU-T H.264 Annex A {@code profile_idc}. */
  public int profileIdc() {
    return profileIdc;
  }

  /** The lower-case name x264 and ladders use. */
  public String x264Name() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code high}, {@code main} or {@code baseline} (any case). */
  public static H264Profile parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  static boolean isKnown(String name) {
    for (H264Profile profile : values()) {
      if (profile.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** cpbBrVclFactor of H.264 Table A-2: how MaxBR and MaxCPB scale for this profile. */
  int cpbBrVclFactor() {
    return this == HIGH ? 1250 : 1000;
  }
}
