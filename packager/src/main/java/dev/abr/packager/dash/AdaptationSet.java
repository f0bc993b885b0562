package dev.abr.packager.dash;

import dev.abr.core.time.Rational;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Interchangeable representations of one track (ISO/IEC 23009-1 §5.3.3): the video ladder, or the
 * audio renditions of one language. {@code @maxWidth} and {@code @maxHeight} are derived from the
 * representations, so they cannot disagree with them.
 *
 * @param id {@code @id}, unique within the Period, at most 2^32-1
 * @param contentType video, audio or text
 * @param mimeType container type, for example {@code video/mp4}
 * @param segmentAlignment whether segments of all representations start and end at the same times
 *     (needed for seamless switching)
 * @param startWithSap the SAP type every segment starts with (1 for an IDR/closed GOP), if known
 * @param frameRate the frame rate of every video representation
 * @param pictureAspectRatio {@code @par}, the display aspect ratio, for example 16:9
 * @param language an RFC 5646 language tag ({@code @lang}), for audio and text
 * @param audioChannelConfiguration the {@code AudioChannelConfiguration} of every representation
 * @param representations at least one, ids unique, in the order written
 */
public record AdaptationSet(
    long id,
    ContentType contentType,
    String mimeType,
    boolean segmentAlignment,
    OptionalInt startWithSap,
    Optional<Rational> frameRate,
    Optional<AspectRatio> pictureAspectRatio,
    Optional<String> language,
    Optional<Descriptor> audioChannelConfiguration,
    List<Representation> representations) {
  public AdaptationSet {
    representations = List.copyOf(representations);
    if (id < 0 || id > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("adaptation set id out of range: " + id);
    }
    if (mimeType.isBlank()) {
      throw new IllegalArgumentException("adaptation set " + id + " needs a mimeType");
    }
    // ISO/IEC 23009-1 §5.3.3.2 Table 5: @startWithSAP is a SAP type, 0 to 6.
    if (startWithSap.isPresent() && (startWithSap.getAsInt() < 0 || startWithSap.getAsInt() > 6)) {
      throw new IllegalArgumentException(
          "startWithSAP of adaptation set " + id + " must be 0-6: " + startWithSap.getAsInt());
    }
    if (representations.isEmpty()) {
      throw new IllegalArgumentException("adaptation set " + id + " needs a representation");
    }
    var ids = new HashSet<String>();
    for (Representation representation : representations) {
      if (!ids.add(representation.id())) {
        throw new IllegalArgumentException(
            "adaptation set " + id + " has two representations with id " + representation.id());
      }
    }
    if (representations.size() > 1
        && sharesSegmentTemplate(representations)
        && !representations.getFirst().segmentTemplate().media().contains("$RepresentationID$")) {
      throw new IllegalArgumentException(
          "representations of adaptation set "
              + id
              + " share the media template \""
              + representations.getFirst().segmentTemplate().media()
              + "\", which lacks $RepresentationID$, so their segment URLs would collide");
    }
  }

  /** Returns a builder for the required fields; everything optional starts empty or false. */
  public static Builder builder(long id, ContentType contentType, String mimeType) {
    return new Builder(id, contentType, mimeType);
  }

  /** The largest representation width, or empty when no representation has one. */
  public OptionalInt maxWidth() {
    return representations.stream()
        .map(Representation::width)
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .max();
  }

  /** The largest representation height, or empty when no representation has one. */
  public OptionalInt maxHeight() {
    return representations.stream()
        .map(Representation::height)
        .filter(OptionalInt::isPresent)
        .mapToInt(OptionalInt::getAsInt)
        .max();
  }

  /** Whether every representation has the same segment template, timeline included. */
  public boolean sharesSegmentTemplate() {
    return sharesSegmentTemplate(representations);
  }

  private static boolean sharesSegmentTemplate(List<Representation> representations) {
    SegmentTemplate first = representations.getFirst().segmentTemplate();
    return representations.stream().allMatch(r -> r.segmentTemplate().equals(first));
  }

  /** Collects the fields of an {@link AdaptationSet}; {@link #build()} validates them. */
  public static final class Builder {
    private final long id;
    private final ContentType contentType;
    private final String mimeType;
    private boolean segmentAlignment;
    private OptionalInt startWithSap = OptionalInt.empty();
    private Optional<Rational> frameRate = Optional.empty();
    private Optional<AspectRatio> pictureAspectRatio = Optional.empty();
    private Optional<String> language = Optional.empty();
    private Optional<Descriptor> audioChannelConfiguration = Optional.empty();
    private final List<Representation> representations = new ArrayList<>();

    private Builder(long id, ContentType contentType, String mimeType) {
      this.id = id;
      this.contentType = contentType;
      this.mimeType = mimeType;
    }

    /** Sets whether segments are aligned across representations. */
    public Builder segmentAlignment(boolean segmentAlignment) {
      this.segmentAlignment = segmentAlignment;
      return this;
    }

    /** Sets the SAP type every segment starts with. */
    public Builder startWithSap(int sapType) {
      this.startWithSap = OptionalInt.of(sapType);
      return this;
    }

    /** Sets the frame rate. */
    public Builder frameRate(Rational frameRate) {
      this.frameRate = Optional.of(frameRate);
      return this;
    }

    /** Sets the picture aspect ratio. */
    public Builder pictureAspectRatio(AspectRatio pictureAspectRatio) {
      this.pictureAspectRatio = Optional.of(pictureAspectRatio);
      return this;
    }

    /** Sets the language tag. */
    public Builder language(String language) {
      this.language = Optional.of(language);
      return this;
    }

    /** Sets the audio channel configuration. */
    public Builder audioChannelConfiguration(Descriptor audioChannelConfiguration) {
      this.audioChannelConfiguration = Optional.of(audioChannelConfiguration);
      return this;
    }

    /** Appends a representation. */
    public Builder addRepresentation(Representation representation) {
      representations.add(representation);
      return this;
    }

    /**
     * Returns the adaptation set.
     *
     * @throws IllegalArgumentException if the fields break a rule of {@link AdaptationSet}
     */
    public AdaptationSet build() {
      return new AdaptationSet(
          id,
          contentType,
          mimeType,
          segmentAlignment,
          startWithSap,
          frameRate,
          pictureAspectRatio,
          language,
          audioChannelConfiguration,
          representations);
    }
  }
}
