package dev.abr.packager.dash;

import dev.abr.core.time.MediaTime;
import java.util.HashSet;
import java.util.List;

/**
 * A Period (ISO/IEC 23009-1 §5.3.2): a span of the presentation with one set of tracks.
 *
 * @param id {@code @id}, unique within the MPD; for dynamic MPDs it must stay the same across
 *     updates
 * @param start {@code @start}, relative to the start of the presentation; not negative
 * @param adaptationSets at least one; adaptation set ids and representation ids unique
 */
public record Period(String id, MediaTime start, List<AdaptationSet> adaptationSets) {
  public Period {
    adaptationSets = List.copyOf(adaptationSets);
    if (id.isBlank()) {
      throw new IllegalArgumentException("a period needs an id");
    }
    if (start.isNegative()) {
      throw new IllegalArgumentException("period " + id + " starts before 0: " + start);
    }
    if (adaptationSets.isEmpty()) {
      throw new IllegalArgumentException("period " + id + " needs an adaptation set");
    }
    var setIds = new HashSet<Long>();
    var representationIds = new HashSet<String>();
    for (AdaptationSet set : adaptationSets) {
      if (!setIds.add(set.id())) {
        throw new IllegalArgumentException(
            "period " + id + " has two adaptation sets with id " + set.id());
      }
      // ISO/IEC 23009-1 §5.3.5.2: Representation@id is unique within the Period.
      for (Representation representation : set.representations()) {
        if (!representationIds.add(representation.id())) {
          throw new IllegalArgumentException(
              "period " + id + " has two representations with id " + representation.id());
        }
      }
    }
  }

  /** Returns a period starting at the start of the presentation. */
  public static Period startingAtZero(String id, List<AdaptationSet> adaptationSets) {
    return new Period(id, MediaTime.zero(1), adaptationSets);
  }
}
