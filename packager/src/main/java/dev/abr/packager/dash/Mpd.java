package dev.abr.packager.dash;

import dev.abr.core.time.MediaTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A media presentation description (ISO/IEC 23009-1 §5.3.1). It is {@link MpdType#DYNAMIC} exactly
 * when it has {@link DynamicTiming}, so the live-only attributes cannot be set on a static MPD.
 *
 * @param profiles the DASH profiles the presentation conforms to, at least one, for example {@code
 *     urn:mpeg:dash:profile:isoff-live:2011}
 * @param minBufferTime {@code @minBufferTime}: buffer a client needs before starting; not negative
 * @param mediaPresentationDuration the length of the presentation; required when static
 * @param dynamicTiming the live timing; empty for static
 * @param periods at least one, ids unique, in presentation order
 */
public record Mpd(
    List<String> profiles,
    MediaTime minBufferTime,
    Optional<MediaTime> mediaPresentationDuration,
    Optional<DynamicTiming> dynamicTiming,
    List<Period> periods) {
  /** The ISO Base media file format live profile (ISO/IEC 23009-1 §8.4). */
  public static final String PROFILE_ISOFF_LIVE = "urn:mpeg:dash:profile:isoff-live:2011";

  /** The CMAF profile (ISO/IEC 23009-1 §8.12). */
  public static final String PROFILE_CMAF = "urn:mpeg:dash:profile:cmaf:2019";

  public Mpd {
    profiles = List.copyOf(profiles);
    periods = List.copyOf(periods);
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("an MPD needs at least one profile");
    }
    for (String profile : profiles) {
      if (profile.isBlank() || profile.contains(",")) {
        throw new IllegalArgumentException("bad profile \"" + profile + "\"");
      }
    }
    if (minBufferTime.isNegative()) {
      throw new IllegalArgumentException("minBufferTime must not be negative: " + minBufferTime);
    }
    if (mediaPresentationDuration.isPresent() && mediaPresentationDuration.get().ticks() <= 0) {
      throw new IllegalArgumentException(
          "mediaPresentationDuration must be positive: " + mediaPresentationDuration.get());
    }
    // ISO/IEC 23009-1 §5.3.1.2: a static MPD without Period@duration needs
    // @mediaPresentationDuration.
    if (dynamicTiming.isEmpty() && mediaPresentationDuration.isEmpty()) {
      throw new IllegalArgumentException("a static MPD needs a mediaPresentationDuration");
    }
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("an MPD needs at least one period");
    }
    var ids = new HashSet<String>();
    for (Period period : periods) {
      if (!ids.add(period.id())) {
        throw new IllegalArgumentException("two periods have id " + period.id());
      }
    }
  }

  /** Returns a static (on-demand) MPD. */
  public static Mpd ofStatic(
      List<String> profiles,
      MediaTime mediaPresentationDuration,
      MediaTime minBufferTime,
      List<Period> periods) {
    return new Mpd(
        profiles, minBufferTime, Optional.of(mediaPresentationDuration), Optional.empty(), periods);
  }

  /** Returns a dynamic (live) MPD without a known duration. */
  public static Mpd ofDynamic(
      List<String> profiles,
      MediaTime minBufferTime,
      DynamicTiming dynamicTiming,
      List<Period> periods) {
    return new Mpd(profiles, minBufferTime, Optional.empty(), Optional.of(dynamicTiming), periods);
  }

  /** {@code @type}: dynamic when there is dynamic timing, else static. */
  public MpdType type() {
    return dynamicTiming.isPresent() ? MpdType.DYNAMIC : MpdType.STATIC;
  }
}
