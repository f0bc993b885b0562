package dev.abr.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An HLS media playlist as read back from its text, for assertions. */
record PlaylistText(
    int targetDuration,
    long mediaSequence,
    long discontinuitySequence,
    boolean ended,
    List<Entry> segments) {

  /** One listed segment. */
  record Entry(
      String uri, BigDecimal duration, Optional<Instant> programDateTime, boolean discontinuity) {
    /** The segment number in its URI ({@code 12.m4s} is 12). */
    long number() {
      return Long.parseLong(uri.substring(0, uri.indexOf('.')));
    }
  }

  static PlaylistText parse(String text) {
    int target = -1;
    long sequence = 0;
    long discontinuities = 0;
    boolean ended = false;
    List<Entry> segments = new ArrayList<>();
    BigDecimal duration = null;
    Instant date = null;
    boolean discontinuity = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#EXT-X-TARGETDURATION:")) {
        target = Integer.parseInt(line.substring(22).strip());
      } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
        sequence = Long.parseLong(line.substring(22).strip());
      } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
        discontinuities = Long.parseLong(line.substring(30).strip());
      } else if (line.equals("#EXT-X-DISCONTINUITY")) {
        discontinuity = true;
      } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
        date = Instant.parse(line.substring(25).strip());
      } else if (line.startsWith("#EXTINF:")) {
        duration = new BigDecimal(line.substring(8, line.indexOf(',')));
      } else if (line.equals("#EXT-X-ENDLIST")) {
        ended = true;
      } else if (!line.isBlank() && !line.startsWith("#")) {
        segments.add(new Entry(line.strip(), duration, Optional.ofNullable(date), discontinuity));
        duration = null;
        date = null;
        discontinuity = false;
      }
    }
    return new PlaylistText(target, sequence, discontinuities, ended, List.copyOf(segments));
  }
}
