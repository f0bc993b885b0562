package dev.abr.packager.dash;

import dev.abr.core.time.MediaTime;
import java.io.StringWriter;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders an {@link Mpd} as XML with {@code javax.xml.stream}. The output is deterministic: fixed
 * element and attribute order, two-space indentation, {@code \n} line endings and a final newline.
 * Pure function; safe from any thread.
 *
 * <p>A {@link SegmentTemplate} is written once on its AdaptationSet when every Representation of
 * the set has the same one (timeline included), otherwise on each Representation.
 */
public final class MpdWriter {
  /** The MPD namespace (ISO/IEC 23009-1 §5.3.1.1). */
  public static final String NAMESPACE = "urn:mpeg:dash:schema:mpd:2011";

  /** Digits after the decimal point of every xs:duration. */
  static final int DURATION_DECIMALS = 3;

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private MpdWriter() {}

  /** Returns the MPD as XML text. */
  public static String write(Mpd mpd) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(text);
      var out = new IndentingWriter(xml);
      xml.writeStartDocument("UTF-8", "1.0");
      writeMpd(out, mpd);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      // Writing to a StringWriter cannot fail; this means the writer was misused.
      throw new IllegalStateException("could not write MPD", e);
    }
    return text + "\n";
  }

  /**
   * Formats an xs:duration in seconds only, with {@value #DURATION_DECIMALS} decimals rounded half
   * up, for example {@code PT30.030S}.
   */
  static String duration(MediaTime time) {
    if (time.isNegative()) {
      throw new IllegalArgumentException("durations in an MPD must not be negative: " + time);
    }
    return "PT" + time.toSeconds(DURATION_DECIMALS, RoundingMode.HALF_UP).toPlainString() + "S";
  }

  /**
   * Formats an xs:dateTime in UTC, to the millisecond, for example {@code 2025-03-01T12:00:00Z}.
   */
  static String dateTime(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  private static void writeMpd(IndentingWriter out, Mpd mpd) throws XMLStreamException {
    out.start("MPD");
    out.xml.writeDefaultNamespace(NAMESPACE);
    out.attribute("profiles", String.join(",", mpd.profiles()));
    out.attribute("type", mpd.type().attributeValue());
    if (mpd.dynamicTiming().isPresent()) {
      DynamicTiming timing = mpd.dynamicTiming().get();
      out.attribute("availabilityStartTime", dateTime(timing.availabilityStartTime()));
      out.attribute("publishTime", dateTime(timing.publishTime()));
    }
    if (mpd.mediaPresentationDuration().isPresent()) {
      out.attribute("mediaPresentationDuration", duration(mpd.mediaPresentationDuration().get()));
    }
    if (mpd.dynamicTiming().isPresent()) {
      DynamicTiming timing = mpd.dynamicTiming().get();
      if (timing.minimumUpdatePeriod().isPresent()) {
        out.attribute("minimumUpdatePeriod", duration(timing.minimumUpdatePeriod().get()));
      }
      out.attribute("minBufferTime", duration(mpd.minBufferTime()));
      if (timing.timeShiftBufferDepth().isPresent()) {
        out.attribute("timeShiftBufferDepth", duration(timing.timeShiftBufferDepth().get()));
      }
      if (timing.suggestedPresentationDelay().isPresent()) {
        out.attribute(
            "suggestedPresentationDelay", duration(timing.suggestedPresentationDelay().get()));
      }
    } else {
      out.attribute("minBufferTime", duration(mpd.minBufferTime()));
    }
    for (Period period : mpd.periods()) {
      writePeriod(out, period);
    }
    // ISO/IEC 23009-1 §5.3.1.3 (MPDtype sequence): UTCTiming comes after the Periods.
    if (mpd.dynamicTiming().isPresent()) {
      for (Descriptor timing : mpd.dynamicTiming().get().utcTimings()) {
        writeDescriptor(out, "UTCTiming", timing);
      }
    }
    out.end();
  }

  private static void writePeriod(IndentingWriter out, Period period) throws XMLStreamException {
    out.start("Period");
    out.attribute("id", period.id());
    out.attribute("start", duration(period.start()));
    for (AdaptationSet set : period.adaptationSets()) {
      writeAdaptationSet(out, set);
    }
    out.end();
  }

  private static void writeAdaptationSet(IndentingWriter out, AdaptationSet set)
      throws XMLStreamException {
    out.start("AdaptationSet");
    out.attribute("id", Long.toString(set.id()));
    out.attribute("contentType", set.contentType().attributeValue());
    out.attribute("mimeType", set.mimeType());
    if (set.language().isPresent()) {
      out.attribute("lang", set.language().get());
    }
    if (set.segmentAlignment()) {
      out.attribute("segmentAlignment", "true");
    }
    if (set.startWithSap().isPresent()) {
      out.attribute("startWithSAP", Integer.toString(set.startWithSap().getAsInt()));
    }
    if (set.maxWidth().isPresent()) {
      out.attribute("maxWidth", Integer.toString(set.maxWidth().getAsInt()));
      out.attribute("maxHeight", Integer.toString(set.maxHeight().getAsInt()));
    }
    if (set.frameRate().isPresent()) {
      // ISO/IEC 23009-1 §5.3.7.2: FrameRateType is an integer or a fraction, e.g. 30000/1001.
      out.attribute("frameRate", set.frameRate().get().toString());
    }
    if (set.pictureAspectRatio().isPresent()) {
      out.attribute("par", set.pictureAspectRatio().get().toString());
    }
    // RepresentationBaseType sequence: AudioChannelConfiguration precedes SegmentTemplate.
    if (set.audioChannelConfiguration().isPresent()) {
      writeDescriptor(out, "AudioChannelConfiguration", set.audioChannelConfiguration().get());
    }
    boolean shared = set.sharesSegmentTemplate();
    if (shared) {
      writeSegmentTemplate(out, set.representations().getFirst().segmentTemplate());
    }
    for (Representation representation : set.representations()) {
      writeRepresentation(out, representation, !shared);
    }
    out.end();
  }

  private static void writeRepresentation(
      IndentingWriter out, Representation representation, boolean withTemplate)
      throws XMLStreamException {
    if (withTemplate) {
      out.start("Representation");
    } else {
      out.empty("Representation");
    }
    out.attribute("id", representation.id());
    out.attribute("bandwidth", Long.toString(representation.bandwidthBitsPerSecond()));
    out.attribute("codecs", representation.codecs());
    if (representation.width().isPresent()) {
      out.attribute("width", Integer.toString(representation.width().getAsInt()));
      out.attribute("height", Integer.toString(representation.height().getAsInt()));
    }
    if (representation.sampleAspectRatio().isPresent()) {
      out.attribute("sar", representation.sampleAspectRatio().get().toString());
    }
    if (representation.audioSamplingRate().isPresent()) {
      out.attribute(
          "audioSamplingRate", Integer.toString(representation.audioSamplingRate().getAsInt()));
    }
    if (withTemplate) {
      writeSegmentTemplate(out, representation.segmentTemplate());
      out.end();
    }
  }

  private static void writeSegmentTemplate(IndentingWriter out, SegmentTemplate template)
      throws XMLStreamException {
    out.start("SegmentTemplate");
    out.attribute("timescale", Integer.toString(template.timescale()));
    if (template.presentationTimeOffsetTicks() != 0) {
      out.attribute(
          "presentationTimeOffset", Long.toString(template.presentationTimeOffsetTicks()));
    }
    out.attribute("initialization", template.initialization());
    out.attribute("media", template.media());
    out.attribute("startNumber", Long.toString(template.startNumber()));
    out.start("SegmentTimeline");
    writeTimeline(out, template.timeline().segments());
    out.end();
    out.end();
  }

  /**
   * Writes {@code <S>} entries run-length encoded, Shaka's {start, duration, repeat}: a segment
   * that starts where the previous one ended and lasts as long extends the current entry's {@code
   * r}. {@code t} is written on the first entry and wherever a gap makes the start differ from the
   * previous end (ISO/IEC 23009-1 §5.3.9.6.1).
   */
  private static void writeTimeline(IndentingWriter out, List<SegmentTimeline.Segment> segments)
      throws XMLStreamException {
    int i = 0;
    long previousEndTicks = -1;
    while (i < segments.size()) {
      SegmentTimeline.Segment first = segments.get(i);
      int repeat = 0;
      while (i + repeat + 1 < segments.size()) {
        SegmentTimeline.Segment next = segments.get(i + repeat + 1);
        long expectedStart = first.startTicks() + (repeat + 1) * first.durationTicks();
        if (next.startTicks() != expectedStart || next.durationTicks() != first.durationTicks()) {
          break;
        }
        repeat++;
      }
      out.empty("S");
      if (first.startTicks() != previousEndTicks) {
        out.attribute("t", Long.toString(first.startTicks()));
      }
      out.attribute("d", Long.toString(first.durationTicks()));
      if (repeat > 0) {
        out.attribute("r", Integer.toString(repeat));
      }
      previousEndTicks = first.startTicks() + (repeat + 1) * first.durationTicks();
      i += repeat + 1;
    }
  }

  private static void writeDescriptor(IndentingWriter out, String element, Descriptor descriptor)
      throws XMLStreamException {
    out.empty(element);
    out.attribute("schemeIdUri", descriptor.schemeIdUri());
    out.attribute("value", descriptor.value());
  }

  /**
   * Adds line breaks and two-space indentation around elements, which {@link XMLStreamWriter} does
   * not do. Every element has either attributes only or child elements, never text.
   */
  private static final class IndentingWriter {
    private final XMLStreamWriter xml;
    private int depth;

    /** Whether the innermost open element (the document, at first) has a child yet. */
    private boolean openHasChildren = true;

    IndentingWriter(XMLStreamWriter xml) {
      this.xml = xml;
    }

    void start(String name) throws XMLStreamException {
      newLine();
      xml.writeStartElement(name);
      depth++;
      openHasChildren = false;
    }

    void empty(String name) throws XMLStreamException {
      newLine();
      xml.writeEmptyElement(name);
      openHasChildren = true;
    }

    void attribute(String name, String value) throws XMLStreamException {
      xml.writeAttribute(name, value);
    }

    void end() throws XMLStreamException {
      depth--;
      if (openHasChildren) {
        newLine();
      }
      xml.writeEndElement();
      openHasChildren = true;
    }

    private void newLine() throws XMLStreamException {
      xml.writeCharacters("\n" + "  ".repeat(depth));
    }
  }
}
