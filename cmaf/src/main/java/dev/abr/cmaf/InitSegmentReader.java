package dev.abr.cmaf;

import dev.abr.cmaf.box.AudioSampleEntry;
import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.DecoderConfigDescriptor;
import dev.abr.cmaf.box.FileTypeBox;
import dev.abr.cmaf.box.HandlerBox;
import dev.abr.cmaf.box.MediaHeaderBox;
import dev.abr.cmaf.box.MovieBox;
import dev.abr.cmaf.box.PixelAspectRatioBox;
import dev.abr.cmaf.box.TrackBox;
import dev.abr.cmaf.box.TrackExtendsBox;
import dev.abr.cmaf.box.VisualSampleEntry;
import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.time.Rational;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a CMAF header (init segment) back into the {@link CmafTrack} it describes: track id,
 * timescale, language and codec configuration with picture size or audio layout.
 */
public final class InitSegmentReader {
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{3}");

  private InitSegmentReader() {}

  /**
   * Parses {@code bytes} (its remaining bytes; position unchanged).
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} if the bytes are not an init
   *     segment of one fragmented track; {@link ErrorCode#INPUT_UNSUPPORTED_CODEC} if the track is
   *     neither {@code avc1} nor AAC {@code mp4a}; {@link ErrorCode#INPUT_UNSUPPORTED_FORMAT} for
   *     other valid but unsupported structures
   */
  public static CmafTrack read(ByteBuffer bytes) {
    List<Box> boxes = BoxReader.read(bytes);
    if (boxes.isEmpty() || !(boxes.get(0) instanceof FileTypeBox)) {
      throw unreadable("an init segment starts with 'ftyp'");
    }
    List<MovieBox> movies =
        boxes.stream().filter(MovieBox.class::isInstance).map(MovieBox.class::cast).toList();
    if (movies.size() != 1) {
      throw unreadable("expected one 'moov', found " + movies.size());
    }
    MovieBox moov = movies.get(0);
    if (moov.tracks().size() != 1) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT,
          "init segment has " + moov.tracks().size() + " tracks; a CMAF header has exactly one");
    }
    TrackBox trak = moov.tracks().get(0);
    long trackId = trak.header().trackId();
    if (trackId > Integer.MAX_VALUE) {
      throw unreadable("track id " + trackId + " is too large");
    }
    boolean extended =
        moov.movieExtends().stream()
            .flatMap(mvex -> mvex.trackExtends().stream())
            .map(TrackExtendsBox::trackId)
            .anyMatch(id -> id == trackId);
    if (!extended) {
      throw unreadable("no 'mvex'/'trex' for track " + trackId + "; not a fragmented init segment");
    }
    MediaHeaderBox mdhd = trak.media().header();
    if (mdhd.timescale() == 0 || mdhd.timescale() > Integer.MAX_VALUE) {
      throw unreadable("media timescale " + mdhd.timescale() + " is not usable");
    }
    String language =
        LANGUAGE.matcher(mdhd.language()).matches()
            ? mdhd.language()
            : CmafTrack.UNDETERMINED_LANGUAGE;
    List<Box> entries = trak.media().information().sampleTable().description().entries();
    if (entries.size() != 1) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT,
          "track has " + entries.size() + " sample entries; exactly one is supported");
    }
    CodecFormat format = format(trak.media().handler(), entries.get(0));
    return new CmafTrack((int) trackId, (int) mdhd.timescale(), language, format);
  }

  /** Parses {@code bytes}; see {@link #read(ByteBuffer)}. */
  public static CmafTrack read(byte[] bytes) {
    return read(ByteBuffer.wrap(bytes));
  }

  private static CodecFormat format(HandlerBox handler, Box entry) {
    if (entry instanceof VisualSampleEntry video
        && handler.handlerType().equals(HandlerBox.VIDEO)) {
      Rational pixelAspectRatio =
          video.pixelAspectRatio().map(InitSegmentReader::pixelAspectRatio).orElse(Rational.of(1));
      try {
        return new VideoFormat(
            video.width(),
            video.height(),
            pixelAspectRatio,
            video.avcConfiguration().configuration());
      } catch (IllegalArgumentException e) {
        throw unreadable("avc1 sample entry: " + e.getMessage());
      }
    }
    if (entry instanceof AudioSampleEntry audio && handler.handlerType().equals(HandlerBox.SOUND)) {
      DecoderConfigDescriptor config =
          audio.elementaryStreamDescriptor().descriptor().decoderConfig();
      if (config.objectTypeIndication() != DecoderConfigDescriptor.AUDIO_ISO_14496_3) {
        throw new PipelineException(
            ErrorCode.INPUT_UNSUPPORTED_CODEC,
            String.format(
                java.util.Locale.ROOT,
                "mp4a objectTypeIndication 0x%02x is not MPEG-4 audio (0x40)",
                config.objectTypeIndication()));
      }
      AudioSpecificConfig asc =
          AudioSpecificConfig.parse(
              config
                  .decoderSpecificInfo()
                  .orElseThrow(() -> unreadable("mp4a has no AudioSpecificConfig")));
      int channels = asc.channelCount().orElse(audio.channelCount());
      int rate = asc.extensionSamplingFrequency().orElse(asc.samplingFrequency());
      if (channels <= 0) {
        throw unreadable("mp4a declares no channels");
      }
      return new AudioFormat(rate, channels, asc);
    }
    throw new PipelineException(
        ErrorCode.INPUT_UNSUPPORTED_CODEC,
        "sample entry '"
            + entry.type()
            + "' in a '"
            + handler.handlerType()
            + "' track is not supported (only avc1 video and mp4a audio)");
  }

  private static Rational pixelAspectRatio(PixelAspectRatioBox pasp) {
    Rational ratio = Rational.of(pasp.horizontalSpacing(), pasp.verticalSpacing());
    if (ratio.numerator() > 0xFFFF || ratio.denominator() > 0xFFFF) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT, "pixel aspect ratio " + ratio + " is too large");
    }
    return ratio;
  }

  private static PipelineException unreadable(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, "init segment: " + message);
  }
}
