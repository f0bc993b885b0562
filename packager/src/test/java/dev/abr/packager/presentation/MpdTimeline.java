package dev.abr.packager.presentation;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Reads back what a player computes from an MPD of {@link LiveManifests}: for every segment of
 * every SegmentTemplate, its number, its start and end ticks and the wall-clock time at which it
 * becomes available ({@code availabilityStartTime + Period@start + (end - presentationTimeOffset) /
 * timescale}, ISO/IEC 23009-1 §5.3.9.5.3), the way dash.js does. Times are exact to the nanosecond,
 * far finer than the millisecond dates the packager writes.
 */
final class MpdTimeline {
  /** One segment reference of one SegmentTemplate. */
  record Entry(
      String periodId,
      BigDecimal periodStartSeconds,
      String representations,
      int timescale,
      long presentationTimeOffsetTicks,
      long number,
      long startTicks,
      long endTicks,
      boolean explicitStart) {

    /** Wall-clock time of media time {@code ticks} in this period. */
    Instant wallClockAt(Instant availabilityStartTime, long ticks) {
      BigDecimal seconds =
          periodStartSeconds.add(
              BigDecimal.valueOf(ticks - presentationTimeOffsetTicks)
                  .divide(BigDecimal.valueOf(timescale), 9, java.math.RoundingMode.FLOOR));
      long nanos = seconds.movePointRight(9).longValueExact();
      return availabilityStartTime.plusNanos(nanos);
    }
  }

  private MpdTimeline() {}

  static Document parse(String mpd) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(mpd)));
    } catch (Exception e) {
      throw new IllegalStateException("unreadable MPD", e);
    }
  }

  static Instant availabilityStartTime(String mpd) {
    return Instant.parse(parse(mpd).getDocumentElement().getAttribute("availabilityStartTime"));
  }

  /** Every segment reference, period by period, template by template, in order. */
  static List<Entry> entries(String mpd) {
    List<Entry> entries = new ArrayList<>();
    NodeList periods = parse(mpd).getElementsByTagName("Period");
    for (int p = 0; p < periods.getLength(); p++) {
      Element period = (Element) periods.item(p);
      BigDecimal start = seconds(period.getAttribute("start"));
      NodeList templates = period.getElementsByTagName("SegmentTemplate");
      for (int t = 0; t < templates.getLength(); t++) {
        Element template = (Element) templates.item(t);
        Element owner = (Element) template.getParentNode();
        String representations =
            owner.getTagName().equals("Representation")
                ? owner.getAttribute("id")
                : representationIds(owner);
        int timescale = Integer.parseInt(template.getAttribute("timescale"));
        long offset =
            template.hasAttribute("presentationTimeOffset")
                ? Long.parseLong(template.getAttribute("presentationTimeOffset"))
                : 0;
        long number = Long.parseLong(template.getAttribute("startNumber"));
        long time = 0;
        NodeList s = template.getElementsByTagName("S");
        for (int i = 0; i < s.getLength(); i++) {
          Element entry = (Element) s.item(i);
          boolean explicit = entry.hasAttribute("t");
          if (explicit) {
            time = Long.parseLong(entry.getAttribute("t"));
          }
          long duration = Long.parseLong(entry.getAttribute("d"));
          int repeat = entry.hasAttribute("r") ? Integer.parseInt(entry.getAttribute("r")) : 0;
          for (int k = 0; k <= repeat; k++) {
            entries.add(
                new Entry(
                    period.getAttribute("id"),
                    start,
                    representations,
                    timescale,
                    offset,
                    number++,
                    time,
                    time + duration,
                    explicit && k == 0));
            time += duration;
          }
        }
      }
    }
    return entries;
  }

  /** Period@start values in seconds, in document order. */
  static List<BigDecimal> periodStarts(String mpd) {
    List<BigDecimal> starts = new ArrayList<>();
    NodeList periods = parse(mpd).getElementsByTagName("Period");
    for (int p = 0; p < periods.getLength(); p++) {
      starts.add(seconds(((Element) periods.item(p)).getAttribute("start")));
    }
    return starts;
  }

  private static String representationIds(Element adaptationSet) {
    List<String> ids = new ArrayList<>();
    NodeList representations = adaptationSet.getElementsByTagName("Representation");
    for (int i = 0; i < representations.getLength(); i++) {
      ids.add(((Element) representations.item(i)).getAttribute("id"));
    }
    return String.join(",", ids);
  }

  /** An xs:duration of the form the writer produces, {@code PT12.345S}. */
  private static BigDecimal seconds(String duration) {
    if (!duration.startsWith("PT") || !duration.endsWith("S")) {
      throw new IllegalArgumentException("unexpected duration " + duration);
    }
    return new BigDecimal(duration.substring(2, duration.length() - 1));
  }
}
